// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"

	"github.com/boltzbook/boltzbook/kernel/jupyter"
)

// kernelCmd runs the kernel for the connection file Jupyter wrote. The
// interpreter loads in the background while the sockets come up, so
// kernel_info is answered at once.
func kernelCmd(args []string, stderr io.Writer) error {
	if len(args) != 1 || args[0] == "-h" || args[0] == "--help" {
		return usageError("want exactly one argument, the connection file Jupyter passes as {connection_file}")
	}
	conn, err := jupyter.ReadConnectionFile(args[0])
	if err != nil {
		return err
	}
	interp := jupyter.Lazy(kernelInfo(), newInterpreter)
	k, err := jupyter.Start(conn, interp, &jupyter.Options{
		Log: log.New(stderr, "boltzbook kernel: ", log.LstdFlags),
	})
	if err != nil {
		return err
	}
	// Front ends that interrupt with signals send SIGINT; SIGTERM is
	// a shutdown without a shutdown_request.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range sigs {
			if s == os.Interrupt {
				k.Interrupt()
				continue
			}
			fmt.Fprintln(stderr, "boltzbook kernel: terminated")
			k.Close()
		}
	}()
	k.Wait()
	signal.Stop(sigs)
	return k.Close()
}
