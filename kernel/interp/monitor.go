// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"html"
	"math"
	"strings"
	"sync"
	"time"

	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/kernel/display"
	"github.com/boltzbook/boltzbook/plots"
	"gonum.org/v1/plot/vg"
)

// The live training display. bm trainers whose config leaves Monitor
// nil ask bm.DefaultMonitor for one at the start of a run; inside the
// kernel that is a liveMonitor, which shows one output per run and
// updates it in place: a progress bar with the epoch, throughput, ETA
// and latest statistics, and a learning curve of each statistic. The
// last update of a run (done or interrupted) is a PNG of the curves
// with a caption, and the caption as text: that is what the notebook
// stores, and JupyterLab shows a stored PNG even in an untrusted
// notebook, where it sanitises HTML and drops the inline SVG curves.

const (
	// updateEvery throttles display updates (about four a second).
	updateEvery = 250 * time.Millisecond
	// curveEvery is how often the learning curve is redrawn.
	curveEvery = time.Second
	// maxCurves bounds the statistics drawn as curves.
	maxCurves = 4
)

// liveMonitor is a bm.Monitor that draws one updating display.
type liveMonitor struct {
	h *display.Handle

	mu       sync.Mutex
	start    time.Time   // first report
	last     bm.Progress // latest report
	sent     time.Time   // last update sent
	unsent   bool        // last holds news not yet shown
	names    []string    // statistics in the order first reported
	series   map[string][]float64
	curve    string // cached learning-curve SVG
	curveAt  time.Time
	curveLen int // epochs in the cached curve
}

// newMonitor returns a live monitor for bm.DefaultMonitor and remembers
// it, so that the cell's end can show its final state.
func (s *Session) newMonitor() bm.Monitor {
	m := &liveMonitor{h: display.New(), series: map[string][]float64{}}
	s.mu.Lock()
	s.monitors = append(s.monitors, m)
	s.mu.Unlock()
	return m
}

// Report records p and updates the display when due.
func (m *liveMonitor) Report(p bm.Progress) {
	m.mu.Lock()
	now := time.Now()
	if m.start.IsZero() {
		m.start = now
	}
	m.last = p
	if p.EpochDone {
		for _, st := range p.Stats {
			if _, ok := m.series[st.Name]; !ok {
				m.names = append(m.names, st.Name)
			}
			s := m.series[st.Name]
			for len(s) < p.Epoch-1 {
				s = append(s, math.NaN()) // an epoch that did not report it
			}
			m.series[st.Name] = append(s, st.Value)
		}
	}
	final := p.EpochDone && p.Epoch >= p.Epochs
	due := m.sent.IsZero() || now.Sub(m.sent) >= updateEvery || final
	m.unsent = !due
	var bundle display.MIME
	if due {
		m.sent = now
		bundle = m.bundle(now, final, false)
	}
	m.mu.Unlock()
	if bundle != nil {
		m.h.Update(bundle)
	}
}

// finish shows the latest state if a throttled update is pending, and
// marks the run interrupted when it was.
func (m *liveMonitor) finish(interrupted bool) {
	m.mu.Lock()
	if m.start.IsZero() || (!m.unsent && !interrupted) {
		m.mu.Unlock()
		return
	}
	m.unsent = false
	bundle := m.bundle(time.Now(), false, interrupted)
	m.mu.Unlock()
	m.h.Update(bundle)
}

// fraction is how much of the run is done, in [0, 1].
func fraction(p bm.Progress) float64 {
	if p.Epochs <= 0 {
		return 0
	}
	done := float64(p.Epoch - 1)
	switch {
	case p.EpochDone:
		done++
	case p.Batches > 0:
		done += float64(p.Batch) / float64(p.Batches)
	}
	return math.Max(0, math.Min(1, done/float64(p.Epochs)))
}

// bundle renders the current state. Called with m.mu held.
func (m *liveMonitor) bundle(now time.Time, final, interrupted bool) display.MIME {
	p := m.last
	f := fraction(p)
	elapsed := now.Sub(m.start)
	if !m.curveAt.IsZero() && now.Sub(m.curveAt) < curveEvery && !final && !interrupted {
		// keep the cached curve
	} else if n := m.epochs(); n != m.curveLen && n >= 2 {
		m.curve = curvesSVG(m.names, m.series)
		m.curveAt, m.curveLen = now, n
	}

	status, colour := "", "#2f7ed8"
	switch {
	case interrupted:
		status, colour = " · interrupted", "#e08a00"
	case final:
		status, colour = " · done", "#2e9e44"
	}
	task := p.Task
	if task == "" {
		task = "training"
	}
	text := p.String() + strings.TrimPrefix(status, " ·")
	if final || interrupted {
		caption := fmt.Sprintf("%s · epoch %d/%d%s · %s ex/s · elapsed %s",
			task, p.Epoch, p.Epochs, status, humanRate(p.ExamplesPerSecond()), humanDuration(elapsed))
		if png := curvesPNG(m.names, m.series, caption); png != nil {
			return display.MIME{display.MIMEPNG: png, display.MIMEText: text}
		}
	}
	var b strings.Builder
	b.WriteString(`<div style="font-family:var(--jp-code-font-family,monospace);font-size:12px;line-height:1.6">`)
	fmt.Fprintf(&b, `<div><b>%s</b> · epoch %d/%d`, html.EscapeString(task), p.Epoch, p.Epochs)
	if p.Batches > 0 && !p.EpochDone {
		fmt.Fprintf(&b, ` · batch %d/%d`, p.Batch, p.Batches)
	}
	fmt.Fprintf(&b, `%s</div>`, status)
	fmt.Fprintf(&b, `<div style="display:flex;align-items:center;gap:8px">`+
		`<div style="width:320px;height:10px;background:#e4e4e4;border-radius:5px;overflow:hidden">`+
		`<div style="width:%.1f%%;height:100%%;background:%s"></div></div><span>%.0f%%</span></div>`,
		100*f, colour, 100*f)
	fmt.Fprintf(&b, `<div>%s ex/s · elapsed %s`, humanRate(p.ExamplesPerSecond()), humanDuration(elapsed))
	if f > 0 && f < 1 && !interrupted {
		fmt.Fprintf(&b, ` · ETA %s`, humanDuration(time.Duration(float64(elapsed)*(1-f)/f)))
	}
	b.WriteString(`</div>`)
	if len(p.Stats) > 0 {
		b.WriteString(`<div>`)
		for i, st := range p.Stats {
			if i > 0 {
				b.WriteString(` · `)
			}
			fmt.Fprintf(&b, `%s = %.5g`, html.EscapeString(st.Name), st.Value)
		}
		b.WriteString(`</div>`)
	}
	b.WriteString(m.curve)
	b.WriteString(`</div>`)
	return display.MIME{display.MIMEHTML: b.String(), display.MIMEText: text}
}

// epochs is the length of the longest recorded series.
func (m *liveMonitor) epochs() int {
	n := 0
	for _, s := range m.series {
		n = max(n, len(s))
	}
	return n
}

// curvesSVG draws each statistic against the epoch as a small panel.
func curvesSVG(names []string, series map[string][]float64) string {
	const w, h, pad = 220, 90, 6
	if len(names) > maxCurves {
		names = names[:maxCurves]
	}
	var b strings.Builder
	b.WriteString(`<div style="display:flex;gap:10px;margin-top:4px">`)
	for _, name := range names {
		ys := series[name]
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, y := range ys {
			if !math.IsNaN(y) && !math.IsInf(y, 0) {
				lo, hi = math.Min(lo, y), math.Max(hi, y)
			}
		}
		if math.IsInf(lo, 0) {
			continue
		}
		minY, maxY := lo, hi
		if hi == lo {
			hi, lo = hi+0.5, lo-0.5
		}
		var pts strings.Builder
		for i, y := range ys {
			if math.IsNaN(y) || math.IsInf(y, 0) {
				continue
			}
			x := pad + float64(i)*(w-2*pad)/math.Max(1, float64(len(ys)-1))
			yy := (h - pad) - (y-lo)/(hi-lo)*(h-pad-18)
			fmt.Fprintf(&pts, "%.1f,%.1f ", x, yy)
		}
		fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">`+
			`<rect width="%d" height="%d" fill="#fafafa" stroke="#ddd"/>`+
			`<text x="%d" y="12" font-size="10" font-family="sans-serif">%s: %.4g (min %.4g, max %.4g)</text>`+
			`<polyline fill="none" stroke="#2f7ed8" stroke-width="1.5" points="%s"/></svg>`,
			w, h, w, h, w, h, pad, html.EscapeString(name), ys[len(ys)-1], minY, maxY, strings.TrimSpace(pts.String()))
	}
	b.WriteString(`</div>`)
	return b.String()
}

// curvesPNG draws each statistic against the epoch in a panel of its
// own, titled with its last value, under caption; nil if fewer than
// two epochs were recorded.
func curvesPNG(names []string, series map[string][]float64, caption string) []byte {
	var ss []plots.Series
	for _, name := range names[:min(len(names), maxCurves)] {
		if ys := series[name]; len(ys) >= 2 {
			ss = append(ss, plots.Series{Name: fmt.Sprintf("%s = %.5g", name, ys[len(ys)-1]), Y: ys})
		}
	}
	if len(ss) == 0 {
		return nil
	}
	fig := plots.LearningCurves(ss, &plots.CurveOptions{Panels: true})
	cols := min(len(ss), 3)
	rows := (len(ss) + cols - 1) / cols
	fig.SetSize(max(vg.Length(cols)*3.2, 6.4)*vg.Inch, (vg.Length(rows)*2.1+0.3)*vg.Inch)
	fig.Title = caption
	return fig.PNG()
}

// humanRate formats a throughput compactly.
func humanRate(r float64) string {
	switch {
	case r >= 1e6:
		return fmt.Sprintf("%.1fM", r/1e6)
	case r >= 1e4:
		return fmt.Sprintf("%.0fk", r/1e3)
	}
	return fmt.Sprintf("%.0f", r)
}

// humanDuration formats a duration to the second, or tenths below ten seconds.
func humanDuration(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	return d.Round(time.Second).String()
}
