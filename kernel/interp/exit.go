// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package interp

import (
	"fmt"
	"log"
	"os"
	"reflect"
	"sync"

	"github.com/cosmos72/gomacro/imports"

	"github.com/boltzbook/boltzbook/kernel/cellrt"
)

// exitRequest is the panic value that replaces os.Exit in cells, so that
// a cell calling os.Exit (or log.Fatal) ends with an error instead of
// killing the kernel and every variable in it.
type exitRequest struct{ code int }

func (e exitRequest) Error() string {
	return fmt.Sprintf("os.Exit(%d) called: the kernel keeps running with its state intact; "+
		"to start afresh, restart the kernel (Kernel › Restart Kernel)", e.code)
}

var interceptOnce sync.Once

// cellLog is the logger behind a cell's log.Print and friends. The log
// package's own default logger keeps the kernel's stderr (for the
// kernel's messages); cells log to the stderr they see, which the
// notebook shows.
var cellLog = log.New(stderrNow{}, "", log.LstdFlags)

// stderrNow writes to whatever os.Stderr is at the time.
type stderrNow struct{}

func (stderrNow) Write(p []byte) (int, error) { return os.Stderr.Write(p) }

// interceptExit rebinds os.Exit and the log package's functions in
// gomacro's package table. It must run before a cell imports "os" or "log".
func interceptExit() {
	interceptOnce.Do(func() {
		// Compiled cells: cellrt leaves formatting and logging to the host.
		cellrt.Sprint, cellrt.Sprintf, cellrt.Sprintln = fmt.Sprint, fmt.Sprintf, fmt.Sprintln
		cellrt.Log = log.Output
		exit := func(code int) { panic(exitRequest{code}) }
		rebind("os", "Exit", exit)
		rebind("log", "Print", cellLog.Print)
		rebind("log", "Printf", cellLog.Printf)
		rebind("log", "Println", cellLog.Println)
		rebind("log", "Panic", cellLog.Panic)
		rebind("log", "Panicf", cellLog.Panicf)
		rebind("log", "Panicln", cellLog.Panicln)
		rebind("log", "Fatal", func(v ...any) { cellLog.Output(2, fmt.Sprint(v...)); exit(1) })
		rebind("log", "Fatalf", func(format string, v ...any) { cellLog.Output(2, fmt.Sprintf(format, v...)); exit(1) })
		rebind("log", "Fatalln", func(v ...any) { cellLog.Output(2, fmt.Sprintln(v...)); exit(1) })
		rebind("log", "SetFlags", cellLog.SetFlags)
		rebind("log", "SetPrefix", cellLog.SetPrefix)
		rebind("log", "SetOutput", cellLog.SetOutput)
		rebind("log", "Flags", cellLog.Flags)
		rebind("log", "Prefix", cellLog.Prefix)
		rebind("log", "Writer", cellLog.Writer)
		rebind("log", "Default", func() *log.Logger { return cellLog })
	})
}

// rebind replaces one function of a package's bindings.
func rebind(pkg, name string, f any) {
	p, ok := imports.Packages[pkg]
	if !ok || p.Binds == nil {
		return
	}
	p.Binds[name] = reflect.ValueOf(f)
}
