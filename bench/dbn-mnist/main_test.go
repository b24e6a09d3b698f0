package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/boltzbook/boltzbook/bm"
)

// The flag's default must mean no weight decay in fine-tuning, not bm's
// default decay (a zero MLPConfig.WeightDecay): runs between e8fddde and
// this test fine-tuned with λ = 0.0002: 2.69 % test error instead of 1.62 %
// (a 5-epoch DBN, 20 fine-tuning epochs, seed 1).
func TestNoWeightDecayByDefault(t *testing.T) {
	if got := fineWeightDecay(0); got != bm.Off {
		t.Errorf("fineWeightDecay(0) = %v, want bm.Off (no decay)", got)
	}
	if got := fineWeightDecay(1e-4); got != 1e-4 {
		t.Errorf("fineWeightDecay(1e-4) = %v, want 1e-4", got)
	}
}

// TestCSVHeaderIsTheResultsFile's: the rows -csv appends must have the
// columns of bench/results/dbn-mnist.csv.
func TestCSVHeaderIsTheResultsFile(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "results", "dbn-mnist.csv"))
	if err != nil {
		t.Fatal(err)
	}
	first, _, _ := strings.Cut(string(b), "\n")
	if want := strings.Join(csvHeader, ","); strings.TrimRight(first, "\r") != want {
		t.Errorf("results file header %q, csvHeader %q", first, want)
	}
}

// TestCSVRow checks a row's cells and that appending it twice to a new
// file gives the header and two rows, which read back as written.
func TestCSVRow(t *testing.T) {
	res := runResult{pretrain: 233*time.Second + 400*time.Millisecond, finetune: 485 * time.Second,
		random: 480 * time.Second, preErr: 0.0114, randErr: 0.0169}
	row := csvRow(res, []string{"-q", "-seed", "2"}, time.Date(2026, 12, 5, 23, 0, 0, 0, time.UTC), "abc1234", "a note, with a comma")
	want := map[int]string{0: "2026-12-05", 1: "abc1234", 2: "./dbn-mnist -q -seed 2", 4: "233.4", 5: "485.0",
		6: "1.14", 7: "1.69", 8: "480.0", 9: "a note, with a comma"}
	for i, w := range want {
		if row[i] != w {
			t.Errorf("column %s = %q, want %q", csvHeader[i], row[i], w)
		}
	}
	res.randErr = -1
	if skip := csvRow(res, nil, time.Now(), "x", ""); skip[7] != "" || skip[8] != "" {
		t.Errorf("without the random net: %q, %q, want empty cells", skip[7], skip[8])
	}
	path := filepath.Join(t.TempDir(), "rows.csv")
	for range 2 {
		if err := appendCSV(path, row); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 3 || !slices.Equal(recs[0], csvHeader) || !slices.Equal(recs[1], row) || !slices.Equal(recs[2], row) {
		t.Errorf("file holds %q", recs)
	}
}
