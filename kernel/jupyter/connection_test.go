// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	write := func(s string) string {
		p := filepath.Join(dir, "kernel.json")
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	// As jupyter_client writes it.
	info, err := ReadConnectionFile(write(`{"shell_port": 50001, "iopub_port": 50002, "stdin_port": 50003,
		"control_port": 50004, "hb_port": 50005, "ip": "127.0.0.1", "key": "c0ffee",
		"transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "boltzbook"}`))
	if err != nil {
		t.Fatal(err)
	}
	if info.ShellPort != 50001 || info.HBPort != 50005 || info.Key != "c0ffee" || info.KernelName != "boltzbook" {
		t.Errorf("info = %+v", info)
	}
	if ep := info.endpoint(info.ShellPort); ep != "tcp://127.0.0.1:50001" {
		t.Errorf("endpoint = %q", ep)
	}
	info, err = ReadConnectionFile(write(`{"transport": "ipc", "ip": "/tmp/kernel-1", "shell_port": 1}`))
	if err != nil {
		t.Fatal(err)
	}
	if ep := info.endpoint(1); ep != "ipc:///tmp/kernel-1-1" {
		t.Errorf("ipc endpoint = %q", ep)
	}

	for _, bad := range []struct{ json, want string }{
		{`{"signature_scheme": "hmac-md5"}`, "hmac-md5"},
		{`{"transport": "udp"}`, "udp"},
		{`{"shell_port": 70000}`, "70000"},
		{`not json`, "not valid JSON"},
	} {
		_, err := ReadConnectionFile(write(bad.json))
		if err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("ReadConnectionFile(%s) error = %v, want one mentioning %q", bad.json, err, bad.want)
		}
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}
