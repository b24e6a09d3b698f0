// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"context"
	"fmt"
	"io"
	"os"
	"strings"
	"time"
)

// Stat is one named number a trainer reports, such as
// "recon" (reconstruction error) or "loglik" (exact log-likelihood).
type Stat struct {
	Name  string
	Value float64
}

// Progress is what a trainer tells its Monitor. Trainers call
// Report once at the end of every epoch with EpochDone set, and may
// call it more often within a long epoch (EpochDone false, Stats
// usually empty) so that live displays can move.
type Progress struct {
	// Task names what is being trained, e.g. "RBM 784-500 CD-1".
	Task string
	// Epoch is the 1-based epoch being run (or just completed);
	// Epochs is the number requested.
	Epoch, Epochs int
	// Batch is the number of minibatches completed in this epoch;
	// Batches is the number in a full epoch (0 when not batched).
	Batch, Batches int
	// Examples is the number of training examples processed in
	// this epoch so far.
	Examples int
	// Elapsed is the wall time spent in this epoch so far.
	Elapsed time.Duration
	// EpochDone reports whether the epoch is complete and Stats
	// hold its end-of-epoch statistics.
	EpochDone bool
	// Stats are the epoch's statistics in a fixed order.
	Stats []Stat
}

// Stat returns the value of the named statistic and whether it was
// reported.
func (p Progress) Stat(name string) (float64, bool) {
	for _, s := range p.Stats {
		if s.Name == name {
			return s.Value, true
		}
	}
	return 0, false
}

// ExamplesPerSecond returns the training throughput of the epoch so far.
func (p Progress) ExamplesPerSecond() float64 {
	if p.Elapsed <= 0 {
		return 0
	}
	return float64(p.Examples) / p.Elapsed.Seconds()
}

// String formats p as the one line per epoch that LineMonitor prints.
func (p Progress) String() string {
	var b strings.Builder
	if p.Task != "" {
		fmt.Fprintf(&b, "%s ", p.Task)
	}
	fmt.Fprintf(&b, "epoch %d/%d", p.Epoch, p.Epochs)
	for _, s := range p.Stats {
		fmt.Fprintf(&b, " %s=%.5g", s.Name, s.Value)
	}
	fmt.Fprintf(&b, " (%.3gs, %.0f ex/s)", p.Elapsed.Seconds(), p.ExamplesPerSecond())
	return b.String()
}

// Monitor receives training progress. Implementations must be quick:
// they run on the training goroutine.
type Monitor interface {
	Report(p Progress)
}

// MonitorFunc adapts a function to the Monitor interface.
type MonitorFunc func(p Progress)

// Report calls f(p).
func (f MonitorFunc) Report(p Progress) { f(p) }

// LineMonitor writes one line per completed epoch to W
// (os.Stdout when W is nil) and ignores reports within an epoch.
type LineMonitor struct {
	W io.Writer
}

// Report prints p if its epoch is done.
func (m LineMonitor) Report(p Progress) {
	if !p.EpochDone {
		return
	}
	w := m.W
	if w == nil {
		w = os.Stdout
	}
	fmt.Fprintln(w, p.String())
}

// History is a Monitor that records every completed epoch, for
// learning curves.
type History struct {
	Epochs []Progress
}

// Report appends p to h.Epochs if its epoch is done.
func (h *History) Report(p Progress) {
	if p.EpochDone {
		h.Epochs = append(h.Epochs, p)
	}
}

// Series returns the named statistic of every recorded epoch, with
// NaN where an epoch did not report it.
func (h *History) Series(name string) []float64 {
	out := make([]float64, len(h.Epochs))
	for i, p := range h.Epochs {
		v, ok := p.Stat(name)
		if !ok {
			v = nan()
		}
		out[i] = v
	}
	return out
}

// Quiet is a Monitor that discards every report.
var Quiet Monitor = MonitorFunc(func(Progress) {})

// Multi returns a Monitor that reports to each of ms in turn.
func Multi(ms ...Monitor) Monitor {
	return MonitorFunc(func(p Progress) {
		for _, m := range ms {
			if m != nil {
				m.Report(p)
			}
		}
	})
}

// Host hooks. A program that embeds bm (the boltzbook kernel does)
// may replace these so that every trainer whose config leaves Monitor
// or Context nil reports to the host and stops when the host cancels.
// Plain Go programs keep the defaults: one line per epoch on stdout
// and no cancellation.
var (
	// DefaultMonitor is used by trainers whose config has a nil Monitor.
	DefaultMonitor func() Monitor = func() Monitor { return LineMonitor{} }
	// DefaultContext is used by trainers whose config has a nil Context.
	DefaultContext func() context.Context = context.Background
)

// monitorOr returns m, or the host's default monitor when m is nil.
func monitorOr(m Monitor) Monitor {
	if m != nil {
		return m
	}
	if DefaultMonitor != nil {
		if d := DefaultMonitor(); d != nil {
			return d
		}
	}
	return Quiet
}

// contextOr returns ctx, or the host's default context when ctx is nil.
func contextOr(ctx context.Context) context.Context {
	if ctx != nil {
		return ctx
	}
	if DefaultContext != nil {
		if d := DefaultContext(); d != nil {
			return d
		}
	}
	return context.Background()
}

// reportEvery is how often trainers send within-epoch progress.
const reportEvery = 250 * time.Millisecond

// ticker paces within-epoch progress reports without a goroutine.
type ticker struct {
	last time.Time
}

// due reports whether a within-epoch report is due at now.
func (t *ticker) due(now time.Time) bool {
	if now.Sub(t.last) < reportEvery {
		return false
	}
	t.last = now
	return true
}
