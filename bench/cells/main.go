// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Command cells measures Go in notebook cells against `go run`, in one
// run, for bench/README.md:
//
//   - speed: three loops declared as functions in one cell and called
//     from another (a 10⁷-step float sum, 100×100 matrix-vector products,
//     Gibbs sweeps over a 100-unit net), in the kernel's compiled tier,
//     in the interpreter alone (the kernel before the compiled tier, run
//     with BOLTZBOOK_INTERPRET_ONLY=1), and as a program built by the go
//     command;
//   - latency: building and loading a one-function cell (warm build
//     cache; with -cold, also the first compiled cell of a kernel whose
//     build cache is empty);
//   - memory: the kernel's RSS after N redefinitions of one function.
//
// Usage: go run -tags openblas ./bench/cells [-redefine N] [-cold]
//
// (The Makefile's build settings: with -tags openblas, CGO_LDFLAGS must
// hold -lopenblas, as `make bench-cells` sets.)
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/boltzbook/boltzbook/kernel/interp"
	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// workloads declares the functions timed; each returns a checksum so
// that nothing is optimised away.
const workloads = `
func floatLoop(n int) float64 {
	s := 0.0
	for i := 0; i < n; i++ {
		s += float64(i) * 0.5
	}
	return s
}

func matVec(reps int) float64 {
	const n = 100
	a := make([]float64, n*n)
	x := make([]float64, n)
	y := make([]float64, n)
	for i := range a {
		a[i] = float64(i%7) - 3
	}
	for i := range x {
		x[i] = 1 / float64(i+1)
	}
	for r := 0; r < reps; r++ {
		for i := 0; i < n; i++ {
			s := 0.0
			for j := 0; j < n; j++ {
				s += a[i*n+j] * x[j]
			}
			y[i] = s
		}
		x, y = y, x
		x[0] = 1
	}
	return x[0] + x[n-1]
}

func gibbs(sweeps int) float64 {
	const n = 100
	w := make([]float64, n*n)
	b := make([]float64, n)
	s := make([]float64, n)
	seed := uint64(1)
	next := func() float64 {
		seed ^= seed << 13
		seed ^= seed >> 7
		seed ^= seed << 17
		return float64(seed>>11) / (1 << 53)
	}
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			v := next() - 0.5
			w[i*n+j], w[j*n+i] = v, v
		}
		b[i] = next() - 0.5
	}
	on := 0.0
	for t := 0; t < sweeps; t++ {
		for i := 0; i < n; i++ {
			g := b[i]
			for j := 0; j < n; j++ {
				g += w[i*n+j] * s[j]
			}
			if next() < 1/(1+exp(-g)) {
				s[i] = 1
			} else {
				s[i] = 0
			}
			on += s[i]
		}
	}
	return on
}

func exp(x float64) float64 {
	// exp by squaring a Taylor step: enough for a benchmark, and the
	// same code in every run.
	if x > 20 {
		x = 20
	}
	if x < -20 {
		x = -20
	}
	y := 1 + x/1024
	for k := 0; k < 10; k++ {
		y *= y
	}
	return y
}
`

// timing times each workload (best of 5) and prints "name seconds".
const timing = `
for _, w := range []struct {
	name string
	f    func() float64
}{
	{"floatloop", func() float64 { return floatLoop(10_000_000) }},
	{"matvec", func() float64 { return matVec(1000) }},
	{"gibbs", func() float64 { return gibbs(200) }},
} {
	best := 1e9
	var sum float64
	for r := 0; r < 5; r++ {
		t0 := time.Now()
		sum = w.f()
		if d := time.Since(t0).Seconds(); d < best {
			best = d
		}
	}
	fmt.Printf("%s %.6f %g\n", w.name, best, sum)
}
`

func main() {
	log.SetFlags(0)
	log.SetPrefix("bench/cells: ")
	redefine := flag.Int("redefine", 200, "redefinitions of one function for the memory figure")
	cold := flag.Bool("cold", false, "also time the first compiled cell of a kernel with an empty build cache")
	child := flag.String("child", "", "internal: run the workloads in a kernel and print their times")
	flag.Parse()
	if *child != "" {
		runChild()
		return
	}

	root := moduleRoot()
	fmt.Printf("bench/cells on %s, %s, %d CPUs, %s\n\n", runtime.Version(), runtime.GOARCH, runtime.NumCPU(), time.Now().UTC().Format(time.RFC3339))

	goRun := programTimes(root)
	compiled := childTimes(nil)
	interpreted := childTimes([]string{"BOLTZBOOK_INTERPRET_ONLY=1"})
	fmt.Println("speed: a function declared in one cell, called from another (best of 5, seconds)")
	fmt.Printf("%-10s %12s %12s %14s %14s %16s\n", "workload", "go run", "compiled", "compiled/go", "interpreted", "interpreted/go")
	for _, w := range []string{"floatloop", "matvec", "gibbs"} {
		g, c, i := goRun[w], compiled[w], interpreted[w]
		fmt.Printf("%-10s %12.5f %12.5f %14.2f %14.5f %16.1f\n", w, g, c, c/g, i, i/g)
	}
	fmt.Println()

	latency, rss := kernelFigures(*redefine)
	fmt.Println(latency)
	fmt.Println(rss)
	if *cold {
		fmt.Println(coldFigure())
	}
}

// moduleRoot finds the repository root (go.mod of the kernel's module).
func moduleRoot() string {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		log.Fatalf("go list -m: %v", err)
	}
	return strings.TrimSpace(string(out))
}

// buildFlags are the tags this binary was built with, for builds of the
// same code.
func buildFlags() []string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return nil
	}
	for _, s := range bi.Settings {
		if s.Key == "-tags" && s.Value != "" {
			return []string{"-tags", s.Value}
		}
	}
	return nil
}

// programTimes builds the workloads as a program with the go command
// and runs it.
func programTimes(root string) map[string]float64 {
	dir, err := os.MkdirTemp(root, ".bench-cells-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	src := "package main\n\nimport (\n\t\"fmt\"\n\t\"time\"\n)\n" + workloads + "\nfunc main() {\n" + timing + "}\n"
	if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(src), 0o644); err != nil {
		log.Fatal(err)
	}
	bin := filepath.Join(dir, "prog")
	args := append([]string{"build"}, buildFlags()...)
	args = append(args, "-o", bin, ".")
	cmd := exec.Command("go", args...)
	cmd.Dir, cmd.Stderr = dir, os.Stderr
	if err := cmd.Run(); err != nil {
		log.Fatalf("go build: %v", err)
	}
	out, err := exec.Command(bin).Output()
	if err != nil {
		log.Fatal(err)
	}
	return parseTimes(string(out))
}

// childTimes runs the workloads in a kernel session in a child process
// with extra environment.
func childTimes(env []string) map[string]float64 {
	self, err := os.Executable()
	if err != nil {
		log.Fatal(err)
	}
	cmd := exec.Command(self, "-child", "1")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		log.Fatalf("child %v: %v", env, err)
	}
	return parseTimes(string(out))
}

func parseTimes(out string) map[string]float64 {
	m := map[string]float64{}
	for _, line := range strings.Split(out, "\n") {
		f := strings.Fields(line)
		if len(f) >= 2 {
			if v, err := strconv.ParseFloat(f[1], 64); err == nil {
				m[f[0]] = v
			}
		}
	}
	return m
}

// pub collects a cell's output.
type pub struct{ out strings.Builder }

func (p *pub) Stream(name, text string) {
	if name == "stdout" {
		p.out.WriteString(text)
	}
}
func (p *pub) Display(jupyter.MIMEBundle, map[string]any, map[string]any, bool) {}
func (p *pub) ClearOutput(bool)                                                 {}
func (p *pub) Input(string, bool) (string, error)                               { return "", os.ErrClosed }

func execute(s *interp.Session, code string) (string, time.Duration) {
	p := &pub{}
	t0 := time.Now()
	res := s.Execute(jupyter.ExecuteRequest{Code: code}, p)
	d := time.Since(t0)
	if res.Error != nil {
		log.Fatalf("cell %q: %s: %s\n%s", code, res.Error.Name, res.Error.Value, strings.Join(res.Error.Traceback, "\n"))
	}
	return p.out.String(), d
}

// runChild runs the workloads in a session and prints the times.
func runChild() {
	stdout := os.Stdout // the session captures os.Stdout
	s, err := interp.New()
	if err != nil {
		log.Fatal(err)
	}
	defer s.Shutdown(false)
	execute(s, "import (\n\t\"fmt\"\n\t\"time\"\n)")
	execute(s, workloads)
	out, _ := execute(s, timing)
	stdout.WriteString(out)
}

// kernelFigures times one-function cells and reads the RSS.
func kernelFigures(n int) (latency, rss string) {
	s, err := interp.New()
	if err != nil {
		log.Fatal(err)
	}
	defer s.Shutdown(false)
	execute(s, "1+1")
	execute(s, "func redefined(x int) int { return x }")
	var ds []time.Duration
	before := vmRSS()
	anonBefore, fileBefore := rssParts()
	for i := 0; i < n; i++ {
		_, d := execute(s, fmt.Sprintf("func redefined(x int) int { return x * %d }\nredefined(2)", i))
		ds = append(ds, d)
	}
	after := vmRSS()
	anonAfter, fileAfter := rssParts()
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	med, p90 := ds[len(ds)/2], ds[len(ds)*9/10]
	latency = fmt.Sprintf("latency: a one-function cell built, loaded and run (warm build cache, %d cells): median %v, p90 %v",
		n, med.Round(time.Millisecond), p90.Round(time.Millisecond))
	rss = fmt.Sprintf("memory: RSS %d MiB after the first compiled cell, %d MiB after %d redefinitions of one function "+
		"(anonymous %d → %d MiB, file-backed %d → %d MiB)", before>>20, after>>20, n, anonBefore>>20, anonAfter>>20, fileBefore>>20, fileAfter>>20)
	return latency, rss
}

// coldFigure times the first compiled cell of a kernel whose build
// cache is empty (it compiles every preloaded package in plugin mode).
func coldFigure() string {
	cache, err := os.MkdirTemp("", "bench-cells-gocache-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(cache)
	self, _ := os.Executable()
	cmd := exec.Command(self, "-child", "1")
	cmd.Env = append(os.Environ(), "GOCACHE="+cache, "BOLTZBOOK_CELLS_DIR="+cache+"/cells")
	t0 := time.Now()
	if out, err := cmd.CombinedOutput(); err != nil {
		log.Fatalf("cold child: %v\n%s", err, out)
	}
	return fmt.Sprintf("cold: a kernel with an empty build cache ran the workload cells in %v (preparing the packages included)", time.Since(t0).Round(time.Second))
}

// rssParts reads the anonymous and file-backed parts of the RSS.
func rssParts() (anon, file int64) {
	return statusKB("RssAnon:"), statusKB("RssFile:")
}

// vmRSS reads the resident set size of this process.
func vmRSS() int64 { return statusKB("VmRSS:") }

func statusKB(key string) int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(line, key) {
			f := strings.Fields(line)
			kb, _ := strconv.ParseInt(f[1], 10, 64)
			return kb << 10
		}
	}
	return 0
}
