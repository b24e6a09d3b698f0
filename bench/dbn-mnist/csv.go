// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/boltzbook/boltzbook/bench/internal/smbench"
	"github.com/boltzbook/boltzbook/bm"
)

// csvHeader names the columns of bench/results/dbn-mnist.csv, one row
// per full run (-csv FILE appends one). Times are wall seconds; an
// error rate is in percent of the test images; random_test_error_pct
// and random_s are empty without the randomly initialised net
// (-skip-random), and pretrain_s is 0 for a loaded DBN (note says so).
var csvHeader = []string{
	"date", "commit", "command", "blas", "pretrain_s", "finetune_s",
	"pretrained_test_error_pct", "random_test_error_pct", "random_s", "note",
}

// runResult is what a run measured.
type runResult struct {
	pretrain, finetune, random time.Duration
	preErr, randErr            float64 // fractions; randErr < 0: not trained
}

// csvRow formats res as a row of csvHeader. args are the command's
// arguments (os.Args[1:]).
func csvRow(res runResult, args []string, now time.Time, commit, note string) []string {
	secs := func(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 1, 64) }
	pct := func(f float64) string { return strconv.FormatFloat(100*f, 'f', 2, 64) }
	randErr, randS := "", ""
	if res.randErr >= 0 {
		randErr, randS = pct(res.randErr), secs(res.random)
	}
	return []string{
		now.UTC().Format("2006-01-02"), commit, strings.TrimSpace("./dbn-mnist " + strings.Join(args, " ")),
		fmt.Sprintf("%s; GOMAXPROCS=%d", bm.BLAS(), runtime.GOMAXPROCS(0)),
		secs(res.pretrain), secs(res.finetune), pct(res.preErr), randErr, randS, note,
	}
}

// appendCSV appends a row to the CSV file at path (smbench.AppendCSV
// with this bench's header: it writes the header to a new file and
// refuses a file of another layout).
func appendCSV(path string, row []string) error {
	return smbench.AppendCSV(path, csvHeader, row)
}
