// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
	"github.com/boltzbook/boltzbook/kernel/jupyter/jupytertest"
)

type discardPub struct{}

func (discardPub) Stream(string, string)                                            {}
func (discardPub) Display(jupyter.MIMEBundle, map[string]any, map[string]any, bool) {}
func (discardPub) ClearOutput(bool)                                                 {}
func (discardPub) Input(string, bool) (string, error)                               { return "", jupyter.ErrStdinNotAllowed }

func TestLazyAnswersKernelInfoWhileLoading(t *testing.T) {
	release := make(chan struct{})
	l := jupyter.Lazy(jupyter.KernelInfo{LanguageName: "go"}, func() (jupyter.Interpreter, error) {
		<-release
		return &jupytertest.Fake{}, nil
	})
	if l.KernelInfo().LanguageName != "go" {
		t.Fatal("KernelInfo did not come from the static info")
	}
	l.Interrupt() // no cell can run yet: must not block

	done := make(chan jupyter.ExecuteResult)
	go func() { done <- l.Execute(jupyter.ExecuteRequest{Code: "1+1"}, discardPub{}) }()
	select {
	case <-done:
		t.Fatal("Execute ran before the interpreter was loaded")
	case <-time.After(50 * time.Millisecond):
	}
	close(release)
	if r := <-done; r.Data["text/plain"] != "2" {
		t.Errorf("Execute after loading = %+v", r)
	}
}

func TestLazyStartFailure(t *testing.T) {
	l := jupyter.Lazy(jupyter.KernelInfo{}, func() (jupyter.Interpreter, error) {
		return nil, errors.New("no packages")
	})
	r := l.Execute(jupyter.ExecuteRequest{Code: "1+1"}, discardPub{})
	if r.Error == nil || r.Error.Name != "KernelStartError" || !strings.Contains(r.Error.Value, "no packages") || len(r.Error.Traceback) == 0 {
		t.Errorf("Execute after a failed start = %+v", r.Error)
	}
	if c := l.Complete("x", 1); len(c.Matches) != 0 || c.CursorStart != 1 {
		t.Errorf("Complete = %+v", c)
	}
	if s := l.IsComplete("x").Status; s != "unknown" {
		t.Errorf("IsComplete = %q", s)
	}
	l.Shutdown(false)
}
