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
	"time"

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
	go exitWithParent(k, stderr)
	k.Wait()
	signal.Stop(sigs)
	return k.Close()
}

// exitWithParent stops the kernel when the process that started it
// dies (the kernel is then re-parented), so that a crashed front end
// leaves no orphan kernel behind, as ipykernel's parent poller does.
// jupyter_client marks the kernels it starts with JPY_PARENT_PID.
func exitWithParent(k *jupyter.Kernel, stderr io.Writer) {
	if os.Getenv("JPY_PARENT_PID") == "" {
		return
	}
	parent := os.Getppid()
	for range time.Tick(time.Second) {
		if os.Getppid() != parent {
			fmt.Fprintln(stderr, "boltzbook kernel: the front end that started this kernel is gone; exiting")
			k.Close()
			return
		}
	}
}
