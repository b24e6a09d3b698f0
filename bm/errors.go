// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package bm

import (
	"errors"
	"fmt"
)

// The errors bm returns, wrapped with details: test for them with
// errors.Is. The policy: a programmer's error (a shape mismatch, an
// index out of range) panics with a "bm: " prefix; anything that
// depends on the data, a file, a config value or a model's size — bad
// values, a limit such as MaxExactUnits, numerical failure — is a
// returned error.
var (
	// ErrInvalidConfig means a config field holds a value that training
	// cannot use, such as a negative learning rate (see ConfigError).
	ErrInvalidConfig = errors.New("bm: invalid config")
	// ErrDiverged means training made the parameters or the loss
	// infinite or NaN; a lower learning rate usually cures it.
	ErrDiverged = errors.New("bm: training diverged")
	// ErrTooManyUnits means an exact computation would have to
	// enumerate more than 2^MaxExactUnits states.
	ErrTooManyUnits = errors.New("bm: too many units to enumerate exactly")

	// ErrNotModelFile means the data does not start with the model magic.
	ErrNotModelFile = errors.New("bm: not a boltzbook model file")
	// ErrModelTruncated means the file ended early.
	ErrModelTruncated = errors.New("bm: model file truncated")
	// ErrModelCorrupt means the checksum or the structure is wrong, or
	// the file holds something this build cannot represent (such as a
	// tensor too large for memory).
	ErrModelCorrupt = errors.New("bm: model file corrupt")
	// ErrModelVersion means the container version is not one this build reads.
	ErrModelVersion = errors.New("bm: unsupported model file version")
	// ErrModelKind means the file holds a different kind of model.
	ErrModelKind = errors.New("bm: wrong model kind")
)

// MaxExactUnits is the largest number of units that an exact
// computation enumerates the 2^n states of: the free units of Enumerate
// and EnumerateClamped (2^22 energies take 32 MB), the smaller layer of
// an RBM for ExactLogZ and ExactGradient, and the hidden layers of
// DBN.ExactLowerBound. Beyond it they return an error wrapping
// ErrTooManyUnits rather than work for hours.
const MaxExactUnits = 22

// tooManyUnits returns the error for an enumeration of n units.
func tooManyUnits(what string, n int) error {
	return fmt.Errorf("%w: %s would enumerate 2^%d states, the limit is 2^%d (MaxExactUnits); use sampling (Gibbs, AIS) or fewer units",
		ErrTooManyUnits, what, n, MaxExactUnits)
}

// A ConfigError reports a config field whose value training cannot
// use, and the values it can. errors.Is(err, ErrInvalidConfig) holds
// for it.
type ConfigError struct {
	// Field names the config and the field, e.g. "CDConfig.LearningRate".
	Field string
	// Value is the offending value as text.
	Value string
	// Want says which values are allowed and what zero means.
	Want string
}

func (e *ConfigError) Error() string {
	return fmt.Sprintf("bm: %s = %s: want %s", e.Field, e.Value, e.Want)
}

// Is reports whether target is ErrInvalidConfig.
func (e *ConfigError) Is(target error) bool { return target == ErrInvalidConfig }
