// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"encoding/json"
	"fmt"
	"os"
)

// ConnectionInfo is the content of the connection file a Jupyter front
// end writes for a kernel it starts: where to bind the five sockets and
// the key that signs every message.
type ConnectionInfo struct {
	Transport       string `json:"transport"` // "tcp" or "ipc"
	IP              string `json:"ip"`
	ShellPort       int    `json:"shell_port"`
	ControlPort     int    `json:"control_port"`
	StdinPort       int    `json:"stdin_port"`
	IOPubPort       int    `json:"iopub_port"`
	HBPort          int    `json:"hb_port"`
	Key             string `json:"key"`              // empty: signing off
	SignatureScheme string `json:"signature_scheme"` // "hmac-sha256"
	KernelName      string `json:"kernel_name,omitempty"`
}

// ReadConnectionFile reads and checks a connection file.
func ReadConnectionFile(path string) (ConnectionInfo, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return ConnectionInfo{}, fmt.Errorf("jupyter: reading connection file: %w", err)
	}
	var info ConnectionInfo
	if err := json.Unmarshal(b, &info); err != nil {
		return ConnectionInfo{}, fmt.Errorf("jupyter: connection file %s is not valid JSON: %w", path, err)
	}
	if err := info.check(); err != nil {
		return ConnectionInfo{}, fmt.Errorf("jupyter: connection file %s: %w", path, err)
	}
	return info, nil
}

func (c *ConnectionInfo) check() error {
	if c.Transport == "" {
		c.Transport = "tcp"
	}
	if c.Transport != "tcp" && c.Transport != "ipc" {
		return fmt.Errorf("transport %q is not supported (want tcp or ipc)", c.Transport)
	}
	if c.IP == "" {
		c.IP = "127.0.0.1"
	}
	if c.SignatureScheme == "" {
		c.SignatureScheme = "hmac-sha256"
	}
	if c.SignatureScheme != "hmac-sha256" {
		return fmt.Errorf("signature scheme %q is not supported (want hmac-sha256)", c.SignatureScheme)
	}
	for _, p := range []int{c.ShellPort, c.ControlPort, c.StdinPort, c.IOPubPort, c.HBPort} {
		if p < 0 || p > 65535 {
			return fmt.Errorf("port %d out of range", p)
		}
	}
	return nil
}

// endpoint returns the ZeroMQ address of a port. For ipc the "port" is
// a suffix of the path, as jupyter_client writes it.
func (c *ConnectionInfo) endpoint(port int) string {
	if c.Transport == "ipc" {
		return fmt.Sprintf("ipc://%s-%d", c.IP, port)
	}
	return fmt.Sprintf("tcp://%s:%d", c.IP, port)
}
