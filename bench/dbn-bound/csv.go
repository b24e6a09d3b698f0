// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package main

import (
	"math"
	"strconv"
	"time"

	"github.com/boltzbook/boltzbook/bm"
)

// csvHeader names the columns of a result row; log-probabilities are in
// nats per test image. rbm is the first RBM as the paper writes it
// ("CD-25(500)") and rbm_file the file it was loaded from. top_* describe
// the top RBM: units, epochs, CD-k, learning rate and top_data, what it
// trained on ("sample": a fresh binary sample of q(h1|v) at every visit;
// "probs": the probabilities) and top_init how it started ("random", or
// "transpose": the first RBM's transpose plus small random units);
// top_last_visible is "sample" or "probabilities", the last visible
// state of its CD-k (-sample-last). The *_low and *_high columns are the
// estimates at log Z's +3σ and −3σ ends ("+Inf" when Ẑ − 3σ̂ ≤ 0).
// bound_mc_se is the Monte Carlo standard error of the bound from
// sampling h1 (samples per image, entropy "exact" or "sampled");
// bound_se_images the standard error over the test images.
// transposed_bound is the bound of the DBN with the first RBM's transpose
// on top, which must equal rbm_test_logp up to bound_mc_se. paper_rbm
// and paper_dbn are Salakhutdinov & Murray's figures for the same
// first RBM and top size, empty when the paper has none. note is -note.
var csvHeader = []string{
	"date", "commit", "rbm", "rbm_file", "top_hidden", "top_epochs", "top_cd", "top_lr", "top_data", "top_init",
	"top_last_visible", "train_n", "test_n", "samples", "entropy", "ais_betas", "ais_runs",
	"rbm_logz", "rbm_logz_low", "rbm_logz_high", "rbm_test_logp", "rbm_test_logp_low", "rbm_test_logp_high",
	"top_logz", "top_logz_low", "top_logz_high", "bound", "bound_low", "bound_high", "bound_mc_se", "bound_se_images",
	"transposed_bound", "rbm_train_s", "top_train_s", "ais_s", "bound_s", "paper_rbm", "paper_dbn", "blas", "note",
}

// lastVisible names CD-k's last visible state for the CSV.
func lastVisible(sampled bool) string {
	if sampled {
		return "sample"
	}
	return "probabilities"
}

// csvRow formats res, from a run configured by c, as a row of csvHeader.
func csvRow(c config, res result, now time.Time, commit string) []string {
	entropy := "exact"
	if c.Sampled {
		entropy = "sampled"
	}
	f3 := func(x float64) string { return strconv.FormatFloat(x, 'f', 3, 64) }
	sec := func(x float64) string { return strconv.FormatFloat(x, 'f', 1, 64) }
	return []string{
		now.UTC().Format("2006-01-02"), commit, res.RBM, res.RBMFile,
		strconv.Itoa(c.Hidden), strconv.Itoa(c.Epochs), strconv.Itoa(c.K), strconv.FormatFloat(c.LR, 'g', -1, 64), c.TopData, c.TopInit,
		lastVisible(c.TopSampleLast),
		strconv.Itoa(c.Train), strconv.Itoa(c.Test), strconv.Itoa(c.Samples), entropy, strconv.Itoa(c.AISBetas), strconv.Itoa(c.AISRuns),
		formatFloat(res.RBMAIS.LogZ), formatFloat(res.RBMAIS.LogZLow), formatFloat(res.RBMAIS.LogZHigh),
		formatFloat(res.RBMTest), formatFloat(res.RBMLow), formatFloat(res.RBMHigh),
		formatFloat(res.TopAIS.LogZ), formatFloat(res.TopAIS.LogZLow), formatFloat(res.TopAIS.LogZHigh),
		formatFloat(res.Bound.Bound), formatFloat(res.BoundLow), formatFloat(res.BoundHigh),
		f3(res.Bound.MCStdErr), f3(res.Bound.StdErr), formatFloat(res.Transposed),
		sec(res.RBMSec), sec(res.TopSec), sec(res.AISSec), sec(res.BSec),
		formatFloat(res.PaperRBM), formatFloat(res.PaperDBN), bm.BLAS(), c.Note,
	}
}

// The paper's AIS protocol: 14 500 intermediate distributions in three
// uniformly spaced segments of β, and 100 runs.
const (
	paperBetas = 14500
	paperRuns  = 100
)

// paperFigures returns Salakhutdinov & Murray's average test
// log-probability of the RBM trained by method with hidden units, and
// their lower bound for the DBN with a top RBM of top units grown from
// it, in nats per image; NaN where the paper has no figure. They are the
// figures as commonly quoted (the paper's text could not be fetched
// where this was written): RBMs CD1(500) −125.53, CD3(500) −105.50,
// CD25(500) −86.34, and the DBN 784-500-2000 grown from CD25(500)
// −86.22.
func paperFigures(method string, hidden, top int) (rbm, dbn float64) {
	rbm, dbn = math.NaN(), math.NaN()
	if hidden != 500 {
		return rbm, dbn
	}
	switch method {
	case "CD-1":
		rbm = -125.53
	case "CD-3":
		rbm = -105.50
	case "CD-25":
		rbm = -86.34
		if top == 2000 {
			dbn = -86.22
		}
	}
	return rbm, dbn
}
