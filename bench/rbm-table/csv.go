// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"strconv"
	"time"

	"github.com/boltzbook/boltzbook/bench/internal/smbench"
	"github.com/boltzbook/boltzbook/bm"
)

// csvHeader names the columns of a result row. Log-probabilities are in
// nats per image. test_logp_low and test_logp_high are the test
// log-probability at log Z's +3σ and −3σ bounds (logz_high, logz_low);
// logz_low and test_logp_high are "-Inf" and "+Inf" when Ẑ − 3σ̂ ≤ 0.
// lr_decay is the learning rate's factor per epoch (1: constant).
// binarize is how the training images were made binary (csv.go's
// caller documents the three ways); last_visible is "sample" or
// "probabilities", CD-k's last visible state (PCD always samples).
// epochs counts the epochs trained (fewer than -epochs when
// -train-minutes stopped training; note says so).
// k_ramp is the number of epochs per added Gibbs step when k grew
// during training (bm.CDConfig.KRampEpochs), 0 when k was fixed.
// test_logp_ceiling is an exact upper bound of the test log-probability
// needing no AIS (logZFloor); empty in rows written before it existed.
// logp_blank is the log-probability of the all-off image by AIS.
// paper_test_logp is Salakhutdinov & Murray's figure for the same method
// and size, empty when the paper has none. train_s is 0 for a loaded
// model, whose row repeats the training flags as given (note says so).
var csvHeader = []string{
	"date", "commit", "method", "k_ramp", "hidden", "epochs", "lr", "lr_decay", "batch", "train_n", "test_n", "binarize",
	"last_visible", "ais_betas", "ais_runs", "test_logp", "test_logp_low", "test_logp_high", "logz", "logz_low", "logz_high",
	"test_logp_ceiling", "logp_blank", "train_logp", "train_s", "ais_s", "paper_test_logp", "blas", "note",
}

// csvRow formats res, from a run configured by c, as a row of csvHeader.
func csvRow(c config, res result, now time.Time, commit string) []string {
	paper := ""
	if !math.IsNaN(res.Paper) {
		paper = formatFloat(res.Paper)
	}
	row := []string{
		now.UTC().Format("2006-01-02"), commit, res.Method, strconv.Itoa(c.KRamp), strconv.Itoa(res.Hidden), strconv.Itoa(res.Epochs),
		strconv.FormatFloat(c.LR, 'g', -1, 64), strconv.FormatFloat(c.LRDecay, 'g', -1, 64),
		strconv.Itoa(c.Batch), strconv.Itoa(c.Train), strconv.Itoa(c.Test), c.Binarize,
		c.lastVisible(), strconv.Itoa(c.AISBetas), strconv.Itoa(c.AISRuns),
		formatFloat(res.TestLogP), formatFloat(res.TestLow), formatFloat(res.TestHigh),
		formatFloat(res.AIS.LogZ), formatFloat(res.AIS.LogZLow), formatFloat(res.AIS.LogZHigh),
		formatFloat(res.TestCeiling), formatFloat(res.BlankLogP), formatFloat(res.TrainLogP), strconv.FormatFloat(res.TrainSec, 'f', 1, 64), strconv.FormatFloat(res.AISSec, 'f', 1, 64),
		paper, bm.BLAS(), res.Note,
	}
	if len(row) != len(csvHeader) {
		panic("rbm-table: CSV row and header differ in length")
	}
	return row
}

// formatFloat writes x with two decimals, as the paper's table, and
// infinities as "+Inf" and "-Inf" (a log bound of an interval that
// reaches zero), which strconv.ParseFloat reads back.
func formatFloat(x float64) string {
	return strconv.FormatFloat(x, 'f', 2, 64)
}

// appendCSV appends row to the CSV file at path (smbench.AppendCSV,
// with this bench's header).
func appendCSV(path string, row []string) error {
	return smbench.AppendCSV(path, csvHeader, row)
}

// gitCommit is smbench.GitCommit.
func gitCommit() string { return smbench.GitCommit() }
