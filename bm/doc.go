// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package bm is a laboratory of Boltzmann machines, following G. Hinton's
// lecture "Boltzmann Machines" (the 2025 Martin Lecture) from the Hopfield
// energy to a backprop classifier initialised from a deep belief net.
//
// # Training progress and cancellation
//
// Every trainer reports to a Monitor (one line per epoch by default, see
// LineMonitor; History records learning curves) and stops when its
// context is cancelled, leaving the model at its last completed step.
// Hosts such as the boltzbook kernel replace DefaultMonitor and
// DefaultContext so that training shows live progress and honours
// interrupts.
package bm
