// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package check

import (
	"fmt"
	"math"
	"reflect"

	"gonum.org/v1/gonum/mat"
)

// Equal checks that got equals want. Numbers compare by value whatever
// their Go types (3 equals 3.0); matrices compare element by element;
// anything else compares with reflect.DeepEqual.
func Equal(question string, points float64, what string, got, want any) Result {
	r := Result{Question: question, What: what, Points: points, Expected: show(want), Got: show(got)}
	gm, gok := got.(mat.Matrix)
	wm, wok := want.(mat.Matrix)
	switch {
	case gok && wok:
		r.Passed = sameShape(gm, wm) && mat.Equal(gm, wm)
	default:
		gf, gnum := number(got)
		wf, wnum := number(want)
		if gnum && wnum {
			r.Passed = gf == wf
		} else {
			r.Passed = reflect.DeepEqual(got, want)
		}
	}
	return record(r)
}

// Close checks that |got − want| ≤ tol.
func Close(question string, points float64, what string, got, want, tol float64) Result {
	r := Result{Question: question, What: what, Points: points,
		Expected: fmt.Sprintf("%.6g ± %.2g", want, tol), Got: fmt.Sprintf("%.6g", got)}
	d := math.Abs(got - want)
	r.Passed = d <= tol
	switch {
	case math.IsNaN(got):
		r.Message = "the value is NaN: look for a division by zero or log of zero"
	case !r.Passed:
		r.Message = fmt.Sprintf("off by %.3g", d)
	}
	return record(r)
}

// CloseVec checks that got and want have the same length and every
// element differs by at most tol.
func CloseVec(question string, points float64, what string, got, want []float64, tol float64) Result {
	r := Result{Question: question, What: what, Points: points,
		Expected: fmt.Sprintf("%d values %s (± %.2g)", len(want), preview(want), tol),
		Got:      fmt.Sprintf("%d values %s", len(got), preview(got))}
	if len(got) != len(want) {
		r.Message = fmt.Sprintf("length %d, want %d", len(got), len(want))
		return record(r)
	}
	i, d := worst(len(got), func(i int) (float64, float64) { return got[i], want[i] })
	r.Passed = d <= tol
	if !r.Passed {
		r.Message = fmt.Sprintf("element %d is %.6g, want %.6g (off by %.3g)", i, got[i], want[i], d)
	}
	return record(r)
}

// CloseMat checks that got and want have the same shape and every
// element differs by at most tol.
func CloseMat(question string, points float64, what string, got, want mat.Matrix, tol float64) Result {
	r := Result{Question: question, What: what, Points: points, Expected: show(want), Got: show(got)}
	if got == nil || want == nil || !sameShape(got, want) {
		r.Message = "the shapes differ"
		return record(r)
	}
	_, c := want.Dims()
	k, d := worst(rowsCols(want), func(k int) (float64, float64) { return got.At(k/c, k%c), want.At(k/c, k%c) })
	r.Passed = d <= tol
	if !r.Passed {
		i, j := k/c, k%c
		r.Message = fmt.Sprintf("element (%d,%d) is %.6g, want %.6g (off by %.3g; tolerance %.2g)", i, j, got.At(i, j), want.At(i, j), d, tol)
	}
	return record(r)
}

// SameShape checks that got has the dimensions of want.
func SameShape(question string, points float64, what string, got, want mat.Matrix) Result {
	r := Result{Question: question, What: what, Points: points, Expected: dims(want), Got: dims(got)}
	r.Passed = got != nil && want != nil && sameShape(got, want)
	return record(r)
}

// True checks a condition the notebook computed itself; msg explains a
// failure.
func True(question string, points float64, what string, cond bool, msg string) Result {
	r := Result{Question: question, What: what, Points: points, Expected: "true", Got: fmt.Sprint(cond), Passed: cond}
	if !cond {
		r.Message = msg
	}
	return record(r)
}

// AtLeast checks that a measured value (an accuracy, a log-likelihood)
// reaches min.
func AtLeast(question string, points float64, what string, got, min float64) Result {
	r := Result{Question: question, What: what, Points: points,
		Expected: fmt.Sprintf("≥ %.6g", min), Got: fmt.Sprintf("%.6g", got), Passed: got >= min}
	return record(r)
}

// AtMost checks that a measured value (an error rate, a loss) is at most max.
func AtMost(question string, points float64, what string, got, max float64) Result {
	r := Result{Question: question, What: what, Points: points,
		Expected: fmt.Sprintf("≤ %.6g", max), Got: fmt.Sprintf("%.6g", got), Passed: got <= max}
	return record(r)
}

// Case is one call of a function under test: its arguments and the
// result it must return. Numeric results compare within Tol.
type Case struct {
	Args []any
	Want any
	Tol  float64
}

// Func checks that f returns the right result on every case. f may be
// any function of the cases' arguments with one result; a panic in f
// fails the check with the panic's message.
func Func(question string, points float64, what string, f any, cases []Case) (res Result) {
	res = Result{Question: question, What: what, Points: points,
		Expected: fmt.Sprintf("right results on %d cases", len(cases))}
	fv := reflect.ValueOf(f)
	if fv.Kind() != reflect.Func {
		res.Got = fmt.Sprintf("%T", f)
		res.Message = "the value to check is not a function"
		return record(res)
	}
	passed := 0
	defer func() {
		res.Got = fmt.Sprintf("right on %d of %d", passed, len(cases))
		res.Passed = passed == len(cases) && len(cases) > 0
		record(res)
	}()
	for i, c := range cases {
		got, err := call(fv, c.Args)
		if err != nil {
			res.Message = fmt.Sprintf("case %d %s: %v", i+1, showArgs(c.Args), err)
			return res
		}
		if !matches(got, c.Want, c.Tol) {
			res.Message = fmt.Sprintf("case %d %s: got %s, want %s", i+1, showArgs(c.Args), show(got), show(c.Want))
			return res
		}
		passed++
	}
	return res
}

// call calls f with args, turning a panic or a wrong signature into an error.
func call(f reflect.Value, args []any) (out any, err error) {
	t := f.Type()
	if t.NumOut() != 1 {
		return nil, fmt.Errorf("the function returns %d values, want 1", t.NumOut())
	}
	if !t.IsVariadic() && t.NumIn() != len(args) {
		return nil, fmt.Errorf("the function takes %d arguments, the case gives %d", t.NumIn(), len(args))
	}
	in := make([]reflect.Value, len(args))
	for i, a := range args {
		pt := t.In(min(i, t.NumIn()-1))
		if a == nil {
			in[i] = reflect.Zero(pt)
			continue
		}
		v := reflect.ValueOf(a)
		if !v.Type().AssignableTo(pt) {
			if !v.Type().ConvertibleTo(pt) {
				return nil, fmt.Errorf("argument %d is %s, the function wants %s", i+1, v.Type(), pt)
			}
			v = v.Convert(pt)
		}
		in[i] = v
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("panic: %v", p)
		}
	}()
	return f.Call(in)[0].Interface(), nil
}

func matches(got, want any, tol float64) bool {
	gf, gnum := number(got)
	wf, wnum := number(want)
	if gnum && wnum {
		return math.Abs(gf-wf) <= tol
	}
	gs, gok := got.([]float64)
	ws, wok := want.([]float64)
	if gok && wok {
		if len(gs) != len(ws) {
			return false
		}
		_, d := worst(len(gs), func(i int) (float64, float64) { return gs[i], ws[i] })
		return d <= tol
	}
	gm, gok := got.(mat.Matrix)
	wm, wok := want.(mat.Matrix)
	if gok && wok {
		return sameShape(gm, wm) && mat.EqualApprox(gm, wm, tol)
	}
	return reflect.DeepEqual(got, want)
}

// worst returns the index and size of the largest difference among n
// pairs; NaN counts as infinitely far.
func worst(n int, pair func(i int) (got, want float64)) (int, float64) {
	at, most := -1, 0.0
	for i := 0; i < n; i++ {
		g, w := pair(i)
		d := math.Abs(g - w)
		if math.IsNaN(d) {
			d = math.Inf(1)
		}
		if at < 0 || d > most {
			at, most = i, d
		}
	}
	return at, most
}

func number(v any) (float64, bool) {
	rv := reflect.ValueOf(v)
	switch rv.Kind() {
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return float64(rv.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return float64(rv.Uint()), true
	case reflect.Float32, reflect.Float64:
		return rv.Float(), true
	}
	return 0, false
}

func sameShape(a, b mat.Matrix) bool {
	ar, ac := a.Dims()
	br, bc := b.Dims()
	return ar == br && ac == bc
}

func rowsCols(m mat.Matrix) int {
	r, c := m.Dims()
	return r * c
}

func dims(m mat.Matrix) string {
	if m == nil {
		return "nil matrix"
	}
	r, c := m.Dims()
	return fmt.Sprintf("%d×%d", r, c)
}

func show(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case mat.Matrix:
		r, c := x.Dims()
		if r*c <= 6 {
			return fmt.Sprintf("%d×%d %v", r, c, mat.Formatted(x, mat.Squeeze()))
		}
		return dims(x) + " matrix"
	case []float64:
		return preview(x)
	case string:
		return fmt.Sprintf("%q", x)
	case float64:
		return fmt.Sprintf("%.6g", x)
	}
	s := fmt.Sprintf("%v", v)
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

func preview(x []float64) string {
	if len(x) <= 6 {
		return fmt.Sprintf("%.4g", x)
	}
	return fmt.Sprintf("%.4g…", x[:5])
}

func showArgs(args []any) string {
	s := make([]string, len(args))
	for i, a := range args {
		s[i] = show(a)
	}
	return fmt.Sprintf("%v", s)
}
