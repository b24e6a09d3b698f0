// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package datasets

import (
	"errors"
	"fmt"
	"strings"
)

// Kinds of bad data file. Every error the IDX and MNIST readers return
// for a bad file is an *IDXError that matches exactly one of these with
// errors.Is.
var (
	// ErrBadMagic: the file does not start with an IDX magic number
	// (two zero bytes, a known element type, a dimension count).
	ErrBadMagic = errors.New("not an IDX file (bad magic number)")
	// ErrDimensions: the header's dimensions are not what the reader
	// expects (e.g. a label file where images were asked for), or
	// the file holds more data than its dimensions declare.
	ErrDimensions = errors.New("wrong dimensions")
	// ErrTruncated: the file ends before the data its header declares.
	ErrTruncated = errors.New("truncated data")
	// ErrCorrupt: the gzip stream is damaged (bad header, bad
	// deflate data or checksum mismatch).
	ErrCorrupt = errors.New("corrupt gzip stream")
	// ErrTooLarge: the header declares more data than MaxIDXBytes.
	ErrTooLarge = errors.New("declared size too large")
	// ErrBadValue: the data is well formed but holds a value the
	// reader cannot accept (e.g. the label 11 in an MNIST label file).
	ErrBadValue = errors.New("bad value")
)

// IDXError reports a bad IDX file: which file, which kind of problem
// (one of the Err* variables above) and the details.
type IDXError struct {
	// Name is the file's path, or "" for an unnamed reader.
	Name string
	// Kind is ErrBadMagic, ErrDimensions, ErrTruncated, ErrCorrupt,
	// ErrTooLarge or ErrBadValue.
	Kind error
	// Detail says what exactly was found.
	Detail string
	// Cause is the underlying error, if any (e.g. from compress/gzip).
	Cause error
}

func (e *IDXError) Error() string {
	var b strings.Builder
	b.WriteString("datasets: ")
	if e.Name != "" {
		b.WriteString(e.Name)
		b.WriteString(": ")
	}
	b.WriteString(e.Kind.Error())
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	if e.Cause != nil {
		fmt.Fprintf(&b, " (%v)", e.Cause)
	}
	return b.String()
}

// Unwrap lets errors.Is match both the kind and the cause.
func (e *IDXError) Unwrap() []error {
	if e.Cause == nil {
		return []error{e.Kind}
	}
	return []error{e.Kind, e.Cause}
}

func idxErrorf(kind error, format string, args ...any) *IDXError {
	return &IDXError{Kind: kind, Detail: fmt.Sprintf(format, args...)}
}

// named sets the file name of err if it is an *IDXError without one.
func named(err error, name string) error {
	var e *IDXError
	if errors.As(err, &e) && e.Name == "" {
		e.Name = name
	}
	return err
}
