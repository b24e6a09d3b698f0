// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// inputPub is a fakePub whose Input answers from a script.
type inputPub struct {
	fakePub
	mu      sync.Mutex
	answers []string
	err     error         // returned when the answers run out
	block   chan struct{} // when set, Input waits for it to close
	prompts []string
	secret  []bool
}

func (p *inputPub) Input(prompt string, password bool) (string, error) {
	p.mu.Lock()
	p.prompts = append(p.prompts, prompt)
	p.secret = append(p.secret, password)
	block := p.block
	p.mu.Unlock()
	if block != nil {
		<-block
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.answers) == 0 {
		return "", p.err
	}
	a := p.answers[0]
	p.answers = p.answers[1:]
	return a, nil
}

func (p *inputPub) asked() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.prompts)
}

func runWith(t *testing.T, pub jupyter.Publisher, code string) jupyter.ExecuteResult {
	t.Helper()
	res := session.Execute(jupyter.ExecuteRequest{Code: code, StoreHistory: true, AllowStdin: true}, pub)
	t.Cleanup(func() { session.out.setPublisher(nil) })
	return res
}

func text(t *testing.T, res jupyter.ExecuteResult) string {
	t.Helper()
	if res.Error != nil {
		t.Fatalf("cell failed: %s: %s\n%s", res.Error.Name, res.Error.Value, strings.Join(res.Error.Traceback, "\n"))
	}
	s, _ := res.Data["text/plain"].(string)
	return s
}

func TestStdinScan(t *testing.T) {
	if !canDetectReads() {
		t.Skip("reads of os.Stdin cannot be detected on this system")
	}
	pub := &inputPub{answers: []string{"gopher", "3 4", "second line"}}
	res := runWith(t, pub, `import ("fmt"; "bufio"; "os")
fmt.Print("name? ")
var name string
n, err := fmt.Scanln(&name)
var a, b int
fmt.Scan(&a, &b)
sc := bufio.NewScanner(os.Stdin)
sc.Scan()
fmt.Sprintf("%d %v %s %d %s", n, err, name, a+b, sc.Text())`)
	if got, want := text(t, res), `"1 <nil> gopher 7 second line"`; got != want {
		t.Errorf("cell value %s, want %s", got, want)
	}
	if n := pub.asked(); n != 3 {
		t.Errorf("%d input requests, want 3", n)
	}
	if out := pub.stream("stdout"); !strings.HasSuffix(out, "name? ") {
		t.Errorf("stdout %q", out)
	}
}

func TestStdinNotAllowed(t *testing.T) {
	if !canDetectReads() {
		t.Skip("reads of os.Stdin cannot be detected on this system")
	}
	pub := &inputPub{err: jupyter.ErrStdinNotAllowed}
	start := time.Now()
	res := runWith(t, pub, `import ("fmt"; "io"; "os")
var s string
_, err1 := fmt.Scanln(&s)
rest, err2 := io.ReadAll(os.Stdin)
fmt.Sprintf("%v %d %v", err1, len(rest), err2)`)
	if got, want := text(t, res), `"EOF 0 <nil>"`; got != want {
		t.Errorf("cell value %s, want %s", got, want)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("the cell took %v", d)
	}
	if n := strings.Count(pub.stream("stderr"), noInputNote); n != 1 {
		t.Errorf("stderr %q: the note %d times, want once", pub.stream("stderr"), n)
	}
	// The next cell, in a front end that answers, gets a fresh pipe.
	pub2 := &inputPub{answers: []string{"again"}}
	res = runWith(t, pub2, `import "fmt"
var s2 string
fmt.Scanln(&s2)
s2`)
	if got := text(t, res); got != `"again"` {
		t.Errorf("after an EOF cell: %s", got)
	}
}

func TestStdinInterrupted(t *testing.T) {
	if !canDetectReads() {
		t.Skip("reads of os.Stdin cannot be detected on this system")
	}
	pub := &inputPub{err: jupyter.ErrInputInterrupted, block: make(chan struct{})}
	done := make(chan jupyter.ExecuteResult)
	go func() {
		done <- session.Execute(jupyter.ExecuteRequest{Code: `import "fmt"
var s string
fmt.Scanln(&s)
s`, AllowStdin: true}, pub)
	}()
	deadline := time.Now().Add(5 * time.Second)
	for pub.asked() == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if pub.asked() == 0 {
		t.Fatal("no input request")
	}
	start := time.Now()
	session.Interrupt()
	close(pub.block) // the protocol side ends the wait with ErrInputInterrupted
	select {
	case res := <-done:
		if res.Error == nil || res.Error.Name != "Interrupted" {
			t.Errorf("result %+v, want Interrupted", res)
		}
		t.Logf("interrupt during input: %v", time.Since(start))
	case <-time.After(5 * time.Second):
		t.Fatal("the cell did not end after the interrupt")
	}
	session.out.setPublisher(nil)
}

func TestDisplayInputPassword(t *testing.T) {
	pub := &inputPub{answers: []string{"ada", "s3cret"}}
	res := runWith(t, pub, `import "github.com/boltzbook/boltzbook/kernel/display"
name, err1 := display.Input("Name: ")
pw, err2 := display.Password("Password: ")
name + "/" + pw + "/" + fmt.Sprint(err1, err2)`)
	if got := text(t, res); got != `"ada/s3cret/<nil> <nil>"` {
		t.Errorf("cell value %s", got)
	}
	if len(pub.prompts) != 2 || pub.prompts[0] != "Name: " || pub.prompts[1] != "Password: " ||
		pub.secret[0] || !pub.secret[1] {
		t.Errorf("prompts %q, password %v", pub.prompts, pub.secret)
	}
	pub = &inputPub{err: jupyter.ErrStdinNotAllowed}
	res = runWith(t, pub, `import "github.com/boltzbook/boltzbook/kernel/display"
_, err := display.Input("Name: ")
err == display.ErrInputNotAllowed`)
	if got := text(t, res); got != "true" {
		t.Errorf("display.Input without stdin: %s", got)
	}
}
