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
	"sync"
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
	// From the moment the kernel is told to end (SIGTERM,
	// shutdown_request, the death of its parent) the process is gone
	// within exitDeadline, whatever a cell is doing.
	var arm sync.Once
	armDeadline := func() {
		arm.Do(func() {
			time.AfterFunc(exitDeadline, func() {
				fmt.Fprintln(stderr, "boltzbook kernel: a cell is still running; exiting without it")
				os.Exit(0)
			})
		})
	}
	terminate := func(why string) {
		fmt.Fprintf(stderr, "boltzbook kernel: %s; exiting\n", why)
		armDeadline()
		go k.Shutdown()
	}
	// Front ends that interrupt with signals send SIGINT (kernelspec
	// interrupt_mode "signal"); SIGTERM ends the kernel as
	// shutdown_request does.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		for s := range sigs {
			if s == os.Interrupt {
				k.Interrupt()
				continue
			}
			terminate("terminated (SIGTERM)")
		}
	}()
	watchParent(terminate)
	k.Wait()
	armDeadline()
	signal.Stop(sigs)
	if err := k.CloseWithin(closeGrace); err != nil {
		fmt.Fprintf(stderr, "boltzbook kernel: %v\n", err)
	}
	return nil
}

const (
	// exitDeadline bounds the time from the order to end to the end of
	// the process (the issue asks for 1 s; ipykernel takes about that).
	exitDeadline = 900 * time.Millisecond
	// closeGrace bounds the wait for the kernel's goroutines once
	// it has shut down: a cell stuck where no interrupt reaches it is
	// left behind.
	closeGrace = 300 * time.Millisecond
)
