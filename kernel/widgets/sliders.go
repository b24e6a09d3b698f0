// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package widgets

import (
	"fmt"
	"math"
)

// sliderCommon are the fields all sliders share.
type sliderCommon struct {
	described
	// Orientation is "horizontal" (the default) or "vertical".
	Orientation string
	// Readout shows the value beside the slider.
	Readout bool
	// ReadoutFormat is the d3-format of the readout, e.g. ".2f".
	ReadoutFormat string
	// ContinuousUpdate sends values while the handle is dragged, not
	// only when it is let go.
	ContinuousUpdate bool
}

func (s *sliderCommon) sliderAttrs() []attr {
	return append(s.describedAttrs("SliderStyleModel"),
		choiceAttr("orientation", &s.Orientation, "horizontal", "vertical"),
		boolAttr("readout", &s.Readout),
		stringAttr("readout_format", &s.ReadoutFormat),
		boolAttr("continuous_update", &s.ContinuousUpdate),
		fixed("behavior", "drag-tap"),
	)
}

func newSliderCommon(description, format string) sliderCommon {
	return sliderCommon{described: described{Description: description}, Orientation: "horizontal",
		Readout: true, ReadoutFormat: format, ContinuousUpdate: true}
}

// clampInt returns v within [lo, hi].
func clampInt(v, lo, hi int) int { return max(lo, min(v, hi)) }

func clampFloat(v, lo, hi float64) float64 {
	if math.IsNaN(v) {
		return lo
	}
	return math.Max(lo, math.Min(v, hi))
}

// IntSlider chooses an integer in [Min, Max] by Step.
type IntSlider struct {
	sliderCommon
	Value, Min, Max, Step int
}

// NewIntSlider returns a slider over [min, max] in steps of 1, at value.
func NewIntSlider(description string, value, min, max int) *IntSlider {
	w := &IntSlider{sliderCommon: newSliderCommon(description, "d"), Value: value, Min: min, Max: max, Step: 1}
	open(w)
	return w
}

func (w *IntSlider) spec() spec { return controls("IntSliderModel", "IntSliderView") }

func (w *IntSlider) attrs() []attr {
	return append(w.sliderAttrs(), intAttr("value", &w.Value), intAttr("min", &w.Min),
		intAttr("max", &w.Max), intAttr("step", &w.Step))
}

func (w *IntSlider) validate() {
	if w.Max < w.Min {
		w.Max = w.Min
	}
	if w.Step <= 0 {
		w.Step = 1
	}
	w.Value = clampInt(w.Value, w.Min, w.Max)
}

func (w *IntSlider) String() string {
	return describe("IntSlider", "value", w.Value, "min", w.Min, "max", w.Max, "step", w.Step, "description", fmt.Sprintf("%q", w.Description))
}

// FloatSlider chooses a number in [Min, Max] by Step.
type FloatSlider struct {
	sliderCommon
	Value, Min, Max, Step float64
}

// NewFloatSlider returns a slider over [min, max] in steps of step, at value.
func NewFloatSlider(description string, value, min, max, step float64) *FloatSlider {
	w := &FloatSlider{sliderCommon: newSliderCommon(description, ".2f"), Value: value, Min: min, Max: max, Step: step}
	open(w)
	return w
}

func (w *FloatSlider) spec() spec { return controls("FloatSliderModel", "FloatSliderView") }

func (w *FloatSlider) attrs() []attr {
	return append(w.sliderAttrs(), floatAttr("value", &w.Value), floatAttr("min", &w.Min),
		floatAttr("max", &w.Max), floatAttr("step", &w.Step))
}

func (w *FloatSlider) validate() {
	if w.Max < w.Min {
		w.Max = w.Min
	}
	if !(w.Step > 0) {
		w.Step = 0.1
	}
	w.Value = clampFloat(w.Value, w.Min, w.Max)
}

func (w *FloatSlider) String() string {
	return describe("FloatSlider", "value", w.Value, "min", w.Min, "max", w.Max, "step", w.Step, "description", fmt.Sprintf("%q", w.Description))
}

// FloatLogSlider chooses a number on a log scale: Value lies in
// [Base^Min, Base^Max] and the handle moves the exponent by Step.
type FloatLogSlider struct {
	sliderCommon
	Value          float64
	Base           float64
	Min, Max, Step float64 // exponents
}

// NewFloatLogSlider returns a log-scale slider over [10^min, 10^max]
// whose exponent moves in steps of step, at value.
func NewFloatLogSlider(description string, value, min, max, step float64) *FloatLogSlider {
	w := &FloatLogSlider{sliderCommon: newSliderCommon(description, ".3g"), Value: value, Base: 10, Min: min, Max: max, Step: step}
	open(w)
	return w
}

func (w *FloatLogSlider) spec() spec { return controls("FloatLogSliderModel", "FloatLogSliderView") }

func (w *FloatLogSlider) attrs() []attr {
	return append(w.sliderAttrs(), floatAttr("value", &w.Value), floatAttr("base", &w.Base),
		floatAttr("min", &w.Min), floatAttr("max", &w.Max), floatAttr("step", &w.Step))
}

func (w *FloatLogSlider) validate() {
	if !(w.Base > 0) || w.Base == 1 {
		w.Base = 10
	}
	if w.Max < w.Min {
		w.Max = w.Min
	}
	if !(w.Step > 0) {
		w.Step = 0.1
	}
	w.Value = clampFloat(w.Value, math.Pow(w.Base, w.Min), math.Pow(w.Base, w.Max))
}

func (w *FloatLogSlider) String() string {
	return describe("FloatLogSlider", "value", w.Value, "base", w.Base, "min", w.Min, "max", w.Max, "description", fmt.Sprintf("%q", w.Description))
}

// IntRangeSlider chooses an interval [Lower, Upper] within [Min, Max].
type IntRangeSlider struct {
	sliderCommon
	Lower, Upper   int
	Min, Max, Step int
}

// NewIntRangeSlider returns a range slider over [min, max] set to [lower, upper].
func NewIntRangeSlider(description string, lower, upper, min, max int) *IntRangeSlider {
	w := &IntRangeSlider{sliderCommon: newSliderCommon(description, "d"), Lower: lower, Upper: upper, Min: min, Max: max, Step: 1}
	open(w)
	return w
}

func (w *IntRangeSlider) spec() spec { return controls("IntRangeSliderModel", "IntRangeSliderView") }

func (w *IntRangeSlider) attrs() []attr {
	value := attr{name: "value",
		get:  func() any { return [2]int{w.Lower, w.Upper} },
		wire: func() any { return []any{float64(w.Lower), float64(w.Upper)} },
		set: func(v any) error {
			var lo, hi any
			switch x := v.(type) {
			case []any:
				if len(x) != 2 {
					return typeErr("a pair of integers", v)
				}
				lo, hi = x[0], x[1]
			case [2]int:
				lo, hi = x[0], x[1]
			case []int:
				if len(x) != 2 {
					return typeErr("a pair of integers", v)
				}
				lo, hi = x[0], x[1]
			default:
				return typeErr("a pair of integers", v)
			}
			a, err := toInt(lo)
			if err != nil {
				return err
			}
			b, err := toInt(hi)
			if err != nil {
				return err
			}
			w.Lower, w.Upper = a, b
			return nil
		}}
	return append(w.sliderAttrs(), value, intAttr("min", &w.Min), intAttr("max", &w.Max), intAttr("step", &w.Step))
}

func (w *IntRangeSlider) validate() {
	if w.Max < w.Min {
		w.Max = w.Min
	}
	if w.Step <= 0 {
		w.Step = 1
	}
	w.Lower = clampInt(w.Lower, w.Min, w.Max)
	w.Upper = clampInt(w.Upper, w.Min, w.Max)
	if w.Upper < w.Lower {
		w.Lower, w.Upper = w.Upper, w.Lower
	}
}

func (w *IntRangeSlider) String() string {
	return describe("IntRangeSlider", "value", fmt.Sprintf("[%d, %d]", w.Lower, w.Upper), "min", w.Min, "max", w.Max, "description", fmt.Sprintf("%q", w.Description))
}

// Play is a play/pause button that counts Value from Min to Max by
// Step, one step every Interval milliseconds, in the front end: tie it
// to an Interact to animate.
type Play struct {
	described
	Value, Min, Max, Step int
	// Interval is the time between two steps, in milliseconds.
	Interval int
	// Playing is true while it counts.
	Playing bool
	// Repeat starts again at Min after Max.
	Repeat bool
	// ShowRepeat shows the repeat toggle.
	ShowRepeat bool
}

// NewPlay returns a Play counting over [min, max], one step every interval ms.
func NewPlay(description string, value, min, max, interval int) *Play {
	w := &Play{described: described{Description: description}, Value: value, Min: min, Max: max, Step: 1,
		Interval: interval, ShowRepeat: true}
	open(w)
	return w
}

func (w *Play) spec() spec { return controls("PlayModel", "PlayView") }

func (w *Play) attrs() []attr {
	return append(w.describedAttrs("DescriptionStyleModel"), intAttr("value", &w.Value), intAttr("min", &w.Min),
		intAttr("max", &w.Max), intAttr("step", &w.Step), intAttr("interval", &w.Interval),
		boolAttr("playing", &w.Playing), boolAttr("repeat", &w.Repeat), boolAttr("show_repeat", &w.ShowRepeat))
}

func (w *Play) validate() {
	if w.Max < w.Min {
		w.Max = w.Min
	}
	if w.Step <= 0 {
		w.Step = 1
	}
	if w.Interval <= 0 {
		w.Interval = 100
	}
	w.Value = clampInt(w.Value, w.Min, w.Max)
}

func (w *Play) String() string {
	return describe("Play", "value", w.Value, "min", w.Min, "max", w.Max, "interval", w.Interval)
}

// Progress is a progress bar from Min to Max.
type Progress struct {
	labelled
	Value, Min, Max float64
	// BarStyle is "", "success", "info", "warning" or "danger".
	BarStyle string
	// Orientation is "horizontal" (the default) or "vertical".
	Orientation string
}

// NewProgress returns a progress bar over [min, max] at value.
func NewProgress(description string, value, min, max float64) *Progress {
	w := &Progress{labelled: labelled{Description: description}, Value: value, Min: min, Max: max, Orientation: "horizontal"}
	open(w)
	return w
}

func (w *Progress) spec() spec { return controls("FloatProgressModel", "ProgressView") }

func (w *Progress) attrs() []attr {
	return append(w.labelledAttrs("ProgressStyleModel"), floatAttr("value", &w.Value), floatAttr("min", &w.Min),
		floatAttr("max", &w.Max), choiceAttr("bar_style", &w.BarStyle, "", "success", "info", "warning", "danger"),
		choiceAttr("orientation", &w.Orientation, "horizontal", "vertical"))
}

func (w *Progress) validate() {
	if w.Max < w.Min {
		w.Max = w.Min
	}
	w.Value = clampFloat(w.Value, w.Min, w.Max)
}

func (w *Progress) String() string {
	return describe("Progress", "value", w.Value, "min", w.Min, "max", w.Max)
}
