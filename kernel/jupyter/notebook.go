// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/boltzbook/boltzbook/internal/nbformat"
)

// RunOptions tunes RunNotebook. The zero value (or nil) means no time
// limit and stop at the first failing cell.
type RunOptions struct {
	// Timeout bounds each cell; 0 means no limit. A cell that runs
	// over is interrupted and counts as failed.
	Timeout time.Duration
	// AllowErrors records failing cells' errors and keeps going.
	// Cells tagged "raises-exception" may always fail, as in nbclient.
	AllowErrors bool
	// Progress, if set, is called before each code cell runs.
	Progress func(index int, source string)
}

// CellError reports the cell that stopped a notebook run.
type CellError struct {
	Index  int    // position of the cell in the notebook, from 0
	Source string // the cell's code
	Err    ExecError
}

func (e *CellError) Error() string {
	return fmt.Sprintf("cell %d failed: %s: %s", e.Index, e.Err.Name, e.Err.Value)
}

// RunNotebook executes the code cells of an nbformat 4 notebook in
// order, in process, through interp (no front end and no sockets), and
// returns the notebook as nbformat 4.5 JSON with outputs and execution
// counts filled in, the way a Jupyter front end records them: stream
// outputs merged, display updates applied to the output with the same
// display_id, clear_output honoured. When a cell fails, the notebook
// up to and including that cell is returned together with a
// *CellError.
func RunNotebook(src []byte, interp Interpreter, opts *RunOptions) ([]byte, error) {
	if opts == nil {
		opts = &RunOptions{}
	}
	dec := json.NewDecoder(bytes.NewReader(src))
	dec.UseNumber()
	var nb map[string]any
	if err := dec.Decode(&nb); err != nil {
		return nil, fmt.Errorf("jupyter: notebook is not valid JSON: %w", err)
	}
	if v, _ := nb["nbformat"].(json.Number); v.String() != "4" {
		return nil, fmt.Errorf("jupyter: notebook format %v is not supported (want nbformat 4; convert it with `jupyter nbconvert --to notebook`)", nb["nbformat"])
	}
	cells, _ := nb["cells"].([]any)
	upgradeNotebook(nb, cells, interp.KernelInfo())

	// Old outputs go first, so that a run stopped by an error does
	// not leave stale outputs below the failing cell.
	for _, c := range cells {
		if cell, ok := c.(map[string]any); ok && cell["cell_type"] == "code" {
			cell["outputs"] = []any{}
			cell["execution_count"] = nil
		}
	}
	rec := &recorder{displays: map[string][]map[string]any{}, widgets: map[string]*widgetRecord{}}
	count := 0
	var runErr error
	for i, c := range cells {
		cell, ok := c.(map[string]any)
		if !ok || cell["cell_type"] != "code" {
			continue
		}
		source := nbformat.Source(cell["source"])
		if strings.TrimSpace(source) == "" {
			continue
		}
		if opts.Progress != nil {
			opts.Progress(i, source)
		}
		count++
		cell["execution_count"] = count
		rec.begin(cell)
		pub := &cellPublisher{rec: rec, cell: cell}
		res, timedOut, stuck := runWithTimeout(interp, ExecuteRequest{
			Code: source, StoreHistory: true, StopOnError: true, ExecutionCount: count,
			CellID: fmt.Sprint(cell["id"]),
		}, pub, opts.Timeout)
		if timedOut {
			res.Error = &ExecError{
				Name:      "Timeout",
				Value:     fmt.Sprintf("the cell ran longer than %v", opts.Timeout),
				Traceback: []string{fmt.Sprintf("Timeout: the cell ran longer than %v and was interrupted", opts.Timeout)},
			}
		}
		if res.Data != nil {
			rec.add(cell, map[string]any{
				"output_type": "execute_result", "execution_count": count,
				"data": wireBundle(res.Data), "metadata": orEmptyMap(res.Metadata),
			})
		}
		if e := res.Error; e != nil {
			tb := e.Traceback
			if tb == nil {
				tb = []string{}
			}
			rec.add(cell, map[string]any{"output_type": "error", "ename": e.Name, "evalue": e.Value, "traceback": tb})
			// A cell that timed out and stopped is an error like any other
			// (nbclient's interrupt_on_timeout goes on too); one that would
			// not stop leaves the kernel busy, so the run ends there.
			if stuck || !(opts.AllowErrors || hasTag(cell, "raises-exception")) {
				runErr = &CellError{Index: i, Source: source, Err: ExecError{Name: e.Name, Value: e.Value, Traceback: tb}}
				break
			}
		}
	}
	out, err := rec.marshal(nb)
	if err != nil {
		return nil, err
	}
	return out, runErr
}

// runWithTimeout runs one cell, interrupting it when it overruns; stuck
// is set when the interrupt did not take within a few seconds.
func runWithTimeout(interp Interpreter, req ExecuteRequest, pub Publisher, timeout time.Duration) (res ExecuteResult, timedOut, stuck bool) {
	if timeout <= 0 {
		return interp.Execute(req, pub), false, false
	}
	done := make(chan ExecuteResult, 1)
	go func() { done <- interp.Execute(req, pub) }()
	timer := time.NewTimer(timeout)
	defer timer.Stop()
	select {
	case r := <-done:
		return r, false, false
	case <-timer.C:
	}
	interp.Interrupt()
	select {
	case r := <-done:
		return r, true, false
	case <-time.After(5 * time.Second):
		return ExecuteResult{}, true, true
	}
}

// upgradeNotebook sets nbformat 4.5 (cell ids) and the kernel metadata.
func upgradeNotebook(nb map[string]any, cells []any, info KernelInfo) {
	nb["nbformat"] = 4
	nb["nbformat_minor"] = 5
	for _, c := range cells {
		if cell, ok := c.(map[string]any); ok {
			if id, _ := cell["id"].(string); id == "" {
				cell["id"] = strings.ReplaceAll(newID(), "-", "")[:8]
			}
		}
	}
	md, _ := nb["metadata"].(map[string]any)
	if md == nil {
		md = map[string]any{}
		nb["metadata"] = md
	}
	md["kernelspec"] = map[string]any{"name": "boltzbook", "display_name": "Go (boltzbook)", "language": "go"}
	md["language_info"] = map[string]any{
		"name": info.LanguageName, "version": info.LanguageVersion, "mimetype": info.MIMEType,
		"file_extension": info.FileExtension, "pygments_lexer": info.PygmentsLexer,
		"codemirror_mode": info.CodeMirrorMode, "nbconvert_exporter": "script",
	}
}

func hasTag(cell map[string]any, tag string) bool {
	md, _ := cell["metadata"].(map[string]any)
	tags, _ := md["tags"].([]any)
	for _, t := range tags {
		if t == tag {
			return true
		}
	}
	return false
}

func orEmptyMap(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// recorder collects outputs into cells as a front end would. Output
// may arrive from goroutines of earlier cells, hence the lock.
type recorder struct {
	mu       sync.Mutex
	displays map[string][]map[string]any // display_id → outputs showing it
	clearing map[string]any              // cell with a pending clear_output(wait=true)
	widgets  map[string]*widgetRecord    // open widget models by comm id (widgets.go)
}

func (r *recorder) begin(cell map[string]any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	cell["outputs"] = []any{}
}

func (r *recorder) add(cell map[string]any, out map[string]any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.addLocked(cell, out)
}

func (r *recorder) addLocked(cell map[string]any, out map[string]any) {
	if r.clearing != nil && sameCell(r.clearing, cell) {
		cell["outputs"] = []any{}
		r.clearing = nil
	}
	outs, _ := cell["outputs"].([]any)
	if out["output_type"] == "stream" && len(outs) > 0 {
		if last, ok := outs[len(outs)-1].(map[string]any); ok && last["output_type"] == "stream" && last["name"] == out["name"] {
			last["text"] = last["text"].(string) + out["text"].(string)
			return
		}
	}
	cell["outputs"] = append(outs, out)
}

func sameCell(a, b map[string]any) bool {
	return reflect.ValueOf(a).UnsafePointer() == reflect.ValueOf(b).UnsafePointer()
}

func (r *recorder) marshal(nb map[string]any) ([]byte, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	// Turn text into nbformat's list-of-lines form on a copy, so late
	// stream output can still be appended to the strings afterwards.
	r.storeWidgets(nb)
	out, err := nbformat.Marshal(linesForm(nb, ""))
	if err != nil {
		return nil, fmt.Errorf("jupyter: encoding notebook: %w", err)
	}
	return out, nil
}

// linesForm copies v, splitting the multi-line strings nbformat stores
// as lists of lines: cell sources, stream text, and non-JSON MIME data.
func linesForm(v any, key string) any {
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			switch {
			case k == "widgets" && key == "metadata":
				out[k] = e // widget state as the widgets sent it
			case k == "source" || k == "text":
				out[k] = splitLines(e)
			case k == "data":
				out[k] = mimeLines(e)
			default:
				out[k] = linesForm(e, k)
			}
		}
		return out
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = linesForm(e, key)
		}
		return out
	}
	return v
}

func mimeLines(v any) any {
	m, ok := v.(map[string]any)
	if !ok {
		return v
	}
	out := make(map[string]any, len(m))
	for k, e := range m {
		if strings.HasSuffix(k, "json") {
			out[k] = e
		} else {
			out[k] = splitLines(e)
		}
	}
	return out
}

func splitLines(v any) any {
	if s, ok := v.(string); ok {
		return nbformat.Lines(s)
	}
	return v
}

// cellPublisher records one cell's output.
type cellPublisher struct {
	rec  *recorder
	cell map[string]any
}

func (p *cellPublisher) Stream(name, text string) {
	if text == "" {
		return
	}
	if name != "stderr" {
		name = "stdout"
	}
	p.rec.add(p.cell, map[string]any{"output_type": "stream", "name": name, "text": text})
}

func (p *cellPublisher) Display(data MIMEBundle, metadata, transient map[string]any, update bool) {
	data = wireBundle(data) // as the kernel sends it
	id, _ := transient["display_id"].(string)
	r := p.rec
	r.mu.Lock()
	defer r.mu.Unlock()
	if update {
		for _, out := range r.displays[id] {
			out["data"] = data
			out["metadata"] = orEmptyMap(metadata)
		}
		return
	}
	out := map[string]any{"output_type": "display_data", "data": data, "metadata": orEmptyMap(metadata)}
	r.addLocked(p.cell, out)
	if id != "" {
		r.displays[id] = append(r.displays[id], out)
	}
}

func (p *cellPublisher) ClearOutput(wait bool) {
	r := p.rec
	r.mu.Lock()
	defer r.mu.Unlock()
	if wait {
		r.clearing = p.cell
		return
	}
	p.cell["outputs"] = []any{}
}

func (p *cellPublisher) Input(prompt string, password bool) (string, error) {
	return "", ErrStdinNotAllowed
}
