// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package imports_test

import (
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"

	"github.com/cosmos72/gomacro/fast"

	"github.com/boltzbook/boltzbook/kernel/imports"
)

// newInterp returns an interpreter set up as the kernel sets it up:
// offline, so that imports use only the generated bindings. Set
// BOLTZBOOK_TOOLCHAIN_TYPES=1 to test gomacro's default instead, which
// also reads export data through the Go toolchain.
func newInterp() *fast.Interp {
	if os.Getenv("BOLTZBOOK_TOOLCHAIN_TYPES") != "" {
		return fast.New()
	}
	return imports.NewInterp()
}

// eval runs src in ir and returns the values of its last expression,
// failing the test on a compile error or panic.
func eval(t *testing.T, ir *fast.Interp, src string) []any {
	t.Helper()
	var out []any
	func() {
		defer func() {
			if r := recover(); r != nil {
				t.Fatalf("eval %q: %v", src, r)
			}
		}()
		vals, _ := ir.Eval(src)
		for _, v := range vals {
			out = append(out, v.Interface())
		}
	}()
	return out
}

func eval1(t *testing.T, ir *fast.Interp, src string) any {
	t.Helper()
	out := eval(t, ir, src)
	if len(out) != 1 {
		t.Fatalf("eval %q: got %d values, want 1", src, len(out))
	}
	return out[0]
}

func TestImportBM(t *testing.T) {
	ir := newInterp()
	eval(t, ir, `import "github.com/boltzbook/boltzbook/bm"`)
	if got := eval1(t, ir, `bm.Sigmoid(0)`); got != 0.5 {
		t.Errorf("bm.Sigmoid(0) = %v, want 0.5", got)
	}
	// LogSumExp of {0, 0} is log 2 exactly up to rounding.
	got := eval1(t, ir, `bm.LogSumExp([]float64{0, 0})`).(float64)
	if math.Abs(got-math.Ln2) > 1e-15 {
		t.Errorf("bm.LogSumExp({0,0}) = %v, want %v", got, math.Ln2)
	}
}

func TestImportMat(t *testing.T) {
	ir := newInterp()
	eval(t, ir, `import "gonum.org/v1/gonum/mat"`)
	eval(t, ir, `a := mat.NewDense(2, 3, []float64{1, 2, 3, 4, 5, 6})`)
	if got := eval1(t, ir, `a.At(1, 0)`); got != 4.0 {
		t.Errorf("a.At(1, 0) = %v, want 4", got)
	}
	// A product computed by compiled gonum code, called from the cell.
	eval(t, ir, `var c mat.Dense; c.Mul(a, a.T())`)
	if got := eval1(t, ir, `c.At(0, 1)`); got != 32.0 { // 1*4 + 2*5 + 3*6
		t.Errorf("(a aᵀ)[0,1] = %v, want 32", got)
	}
	if got := eval1(t, ir, `r, _ := c.Dims(); r`); got != 2 {
		t.Errorf("rows of a aᵀ = %v, want 2", got)
	}
	// Type assertion from the interface to the compiled type.
	if got := eval1(t, ir, `var m mat.Matrix = a; _, ok := m.(*mat.Dense); ok`); got != true {
		t.Errorf("m.(*mat.Dense) ok = %v, want true", got)
	}
	// A matrix type written in the cell, summed by compiled gonum code
	// through the mat.Matrix proxy: the 3×3 identity has trace 3, sum 3.
	// (A struct: gomacro cannot convert interpreted types whose
	// underlying type is basic, such as "type eye int", to a compiled
	// interface, with or without the toolchain.)
	eval(t, ir, `
type eye struct{ n int }

func (e eye) Dims() (int, int) { return e.n, e.n }
func (e eye) At(i, j int) float64 {
	if i == j {
		return 1
	}
	return 0
}
func (e eye) T() mat.Matrix { return e }`)
	if got := eval1(t, ir, `mat.Sum(eye{3})`); got != 3.0 {
		t.Errorf("mat.Sum(eye{3}) = %v, want 3", got)
	}
	if got := eval1(t, ir, `mat.Trace(mat.DenseCopyOf(eye{3}))`); got != 3.0 {
		t.Errorf("trace of eye(3) = %v, want 3", got)
	}
}

// TestInterpretedMonitor checks the bm.Monitor proxy: a type declared in a
// cell is passed to compiled code (bm.Multi) that calls its method.
func TestInterpretedMonitor(t *testing.T) {
	ir := newInterp()
	eval(t, ir, `import "github.com/boltzbook/boltzbook/bm"`)
	eval(t, ir, `
type counter struct {
	calls int
	last  int
}

func (c *counter) Report(p bm.Progress) {
	c.calls++
	c.last = p.Epoch
}`)
	eval(t, ir, `c := &counter{}`)
	eval(t, ir, `var m bm.Monitor = bm.Multi(c, bm.LineMonitor{W: nil}, c)`)
	eval(t, ir, `m.Report(bm.Progress{Task: "test", Epoch: 7, Epochs: 9})`)
	if got := eval1(t, ir, `c.calls`); got != 2 {
		t.Errorf("interpreted Report called %v times through bm.Multi, want 2", got)
	}
	if got := eval1(t, ir, `c.last`); got != 7 {
		t.Errorf("interpreted Report saw epoch %v, want 7", got)
	}
	// And the other way round: a compiled Monitor from a cell.
	eval(t, ir, `h := &bm.History{}; bm.Multi(h).Report(bm.Progress{Epoch: 1, EpochDone: true})`)
	if got := eval1(t, ir, `len(h.Epochs)`); got != 1 {
		t.Errorf("History recorded %v epochs, want 1", got)
	}
}

func TestPlotFromCell(t *testing.T) {
	ir := newInterp()
	eval(t, ir, `
import (
	"bytes"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)`)
	eval(t, ir, `p := plot.New(); p.Title.Text = "from a cell"`)
	eval(t, ir, `line, err := plotter.NewLine(plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}})`)
	if got := eval1(t, ir, `err`); got != nil {
		t.Fatalf("plotter.NewLine: %v", got)
	}
	// An interpreted plot.Plotter, called back by compiled gonum/plot
	// through its proxy while the plot is drawn.
	eval(t, ir, `
type marker struct{ drawn *int }

func (m marker) Plot(c draw.Canvas, p *plot.Plot) { *m.drawn++ }`)
	eval(t, ir, `drawn := 0; p.Add(line, marker{&drawn})`)
	eval(t, ir, `w, err := p.WriterTo(4*vg.Inch, 3*vg.Inch, "png"); var buf bytes.Buffer`)
	if got := eval1(t, ir, `err`); got != nil {
		t.Fatalf("WriterTo: %v", got)
	}
	eval(t, ir, `_, err = w.WriteTo(&buf)`)
	if got := eval1(t, ir, `err`); got != nil {
		t.Fatalf("WriteTo: %v", got)
	}
	png := eval1(t, ir, `buf.Bytes()`).([]byte)
	if len(png) < 8 || string(png[1:4]) != "PNG" {
		t.Errorf("plot did not render a PNG: % x", png[:min(8, len(png))])
	}
	if got := eval1(t, ir, `drawn`); got != 1 {
		t.Errorf("interpreted Plotter drawn %v times, want 1", got)
	}
}

// TestStdlib checks that gomacro's own standard library bindings load on
// this Go version, and the math/rand/v2 bindings generated here.
func TestStdlib(t *testing.T) {
	ir := newInterp()
	eval(t, ir, `
import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"
)`)
	if got := eval1(t, ir, `strings.ToUpper(fmt.Sprintf("%d-%s", 42, "go"))`); got != "42-GO" {
		t.Errorf("fmt/strings: got %q", got)
	}
	// Newer than gomacro's own bindings (Go 1.20): bound here.
	if got := eval1(t, ir, `s, ok := strings.CutPrefix("bm.RBM", "bm."); s + fmt.Sprint(ok)`); got != "RBMtrue" {
		t.Errorf("strings.CutPrefix: got %q", got)
	}
	if got := eval1(t, ir, `math.Sqrt(2) * math.Sqrt(2)`).(float64); math.Abs(got-2) > 1e-15 {
		t.Errorf("math.Sqrt: got %v", got)
	}
	if got := eval1(t, ir, `s := []int{3, 1, 2}; sort.Ints(s); s[0]*100 + s[1]*10 + s[2]`); got != 123 {
		t.Errorf("sort.Ints: got %v", got)
	}
	if got := eval1(t, ir, `(90 * time.Second).String()`); got != "1m30s" {
		t.Errorf("time: got %v", got)
	}
	// Same seed, same stream as compiled code.
	want := rand.New(rand.NewPCG(1, 2)).Float64()
	if got := eval1(t, ir, `rand.New(rand.NewPCG(1, 2)).Float64()`); got != want {
		t.Errorf("math/rand/v2 from a cell: %v, compiled: %v", got, want)
	}
}

// BenchmarkImport measures a cell importing the packages a notebook
// starts with, in a fresh interpreter (fast.New excluded).
func BenchmarkImport(b *testing.B) {
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		ir := newInterp()
		b.StartTimer()
		ir.Eval(`import (
	"fmt"
	"math/rand/v2"

	"github.com/boltzbook/boltzbook/bm"
	"gonum.org/v1/gonum/mat"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)`)
	}
}

// TestTrainFromCell trains a small RBM from a cell with an interpreted
// Monitor, and checks that it saw every epoch with the statistics a
// compiled bm.History records for the same seeded run. It runs once bm has
// RBMs and datasets has bars and stripes (other branches of the project);
// the cell is compiled at run time, so this file builds without them.
func TestTrainFromCell(t *testing.T) {
	for _, need := range [][2]string{{module + "bm", "RBM.Train"}, {module + "datasets", "BarsAndStripes"}} {
		if _, ok := imports.Doc(need[0], need[1]); !ok {
			t.Skipf("%s.%s not bound yet", need[0], need[1])
		}
	}
	ir := newInterp()
	eval(t, ir, `
import (
	"math/rand/v2"

	"github.com/boltzbook/boltzbook/bm"
	"github.com/boltzbook/boltzbook/datasets"
)`)
	eval(t, ir, `
type epochs struct {
	n     int
	recon []float64
}

func (e *epochs) Report(p bm.Progress) {
	if p.EpochDone {
		e.n++
		r, _ := p.Stat("recon")
		e.recon = append(e.recon, r)
	}
}`)
	eval(t, ir, `
data := datasets.BarsAndStripes(3)
train := func(m bm.Monitor) error {
	r := bm.NewRBM(9, 6, rand.New(rand.NewPCG(1, 2)))
	return r.Train(data, &bm.CDConfig{Epochs: 4, BatchSize: 7, Seed: 3, Monitor: m})
}
mon, hist := &epochs{}, &bm.History{}
err1, err2 := train(mon), train(hist)`)
	for _, err := range []string{"err1", "err2"} {
		if got := eval1(t, ir, err); got != nil {
			t.Fatalf("Train: %v", got)
		}
	}
	if got := eval1(t, ir, `mon.n`); got != 4 {
		t.Errorf("interpreted monitor saw %v epochs, want 4", got)
	}
	got := eval1(t, ir, `mon.recon`).([]float64)
	want := eval1(t, ir, `hist.Series("recon")`).([]float64)
	if !slices.Equal(got, want) || len(got) != 4 {
		t.Errorf("interpreted monitor recon %v, History %v", got, want)
	}
}
