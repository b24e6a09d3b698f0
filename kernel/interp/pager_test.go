// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"strings"
	"testing"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

func TestPagerName(t *testing.T) {
	for code, want := range map[string]string{
		"bm.RBM?":          "bm.RBM",
		"bm.RBM??":         "bm.RBM",
		"  mat.NewDense ?": "mat.NewDense",
		"?strings.ToUpper": "strings.ToUpper",
		"??fmt":            "fmt",
		"%doc bm.CD":       "bm.CD",
		"%doc   x  ":       "x",
		"énergie?":         "énergie",
	} {
		if got, ok := pagerName(code); !ok || got != want {
			t.Errorf("%q: %q %v, want %q", code, got, ok, want)
		}
	}
	for _, code := range []string{"x", "a ? b", "f()?", "bm.RBM?\nx := 1", "%doc", "1?", "x?.y", `"?"`, "%docs x"} {
		if got, ok := pagerName(code); ok {
			t.Errorf("%q is not a pager cell, got %q", code, got)
		}
	}
}

func TestPagerPayload(t *testing.T) {
	for _, code := range []string{"bm.RBM?", "%doc bm.RBM"} {
		pub := &fakePub{}
		res := session.Execute(jupyter.ExecuteRequest{Code: code}, pub)
		if res.Error != nil || res.Data != nil || len(res.Payload) != 1 {
			t.Fatalf("%q: %+v", code, res)
		}
		p := res.Payload[0]
		text, _ := p["data"].(jupyter.MIMEBundle)["text/plain"].(string)
		if p["source"] != "page" || p["start"] != 0 || !strings.Contains(text, "type RBM struct") ||
			!strings.Contains(text, "restricted Boltzmann machine") {
			t.Errorf("%q: payload %v", code, p)
		}
	}
	pub := &fakePub{}
	res := session.Execute(jupyter.ExecuteRequest{Code: "noSuchThingAnywhere?"}, pub)
	if res.Error != nil || len(res.Payload) != 0 || !strings.Contains(pub.stream("stdout"), "no documentation found for noSuchThingAnywhere") {
		t.Errorf("unknown name: %+v, stdout %q", res, pub.stream("stdout"))
	}
}
