// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

//go:build openblas

package openblas

/*
#cgo LDFLAGS: -lopenblas

#include <stdlib.h>
#include <strings.h>

char *openblas_get_corename(void);

// Present only in DYNAMIC_ARCH builds (Debian's and most distributions');
// weak, so that a library built for one CPU still links.
extern void gotoblas_dynamic_init(void) __attribute__((weak));
extern void gotoblas_dynamic_quit(void) __attribute__((weak));

// boltzbook_choose_core replaces a fallback to OpenBLAS's generic x86-64
// kernels (Prescott, SSE3) by the kernels the CPU can run, and returns
// the core it chose, or NULL when it changed nothing: when the user set
// OPENBLAS_CORETYPE, when OpenBLAS recognised the CPU, or when the
// library cannot switch.
static const char *boltzbook_choose_core(void) {
#if defined(__x86_64__)
	if (getenv("OPENBLAS_CORETYPE") != NULL || !gotoblas_dynamic_init || !gotoblas_dynamic_quit) {
		return NULL;
	}
	if (strcasecmp(openblas_get_corename(), "Prescott") != 0) {
		return NULL;
	}
	__builtin_cpu_init();
	const char *core = NULL;
	// GCC's checks include the operating system's support (XCR0), as
	// OpenBLAS's own do.
	if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
	    __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl")) {
		core = "SkylakeX";
	} else if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) {
		core = "Haswell";
	}
	if (core == NULL) {
		return NULL;
	}
	// gotoblas_dynamic_init reads the core from the environment, as at
	// load time; the variable is removed again so that nothing else sees it.
	setenv("OPENBLAS_CORETYPE", core, 1);
	gotoblas_dynamic_quit();
	gotoblas_dynamic_init();
	unsetenv("OPENBLAS_CORETYPE");
	return core;
#else
	return NULL;
#endif
}
*/
import "C"

// coreNote says why the kernels differ from those OpenBLAS chose; empty
// when they do not.
var coreNote string

// OpenBLAS picks its kernels when the library loads, before any Go code
// runs. A release older than the CPU (Debian 12's 0.3.21 on Intel's
// Emerald Rapids, for one) does not know its model number and falls back
// to the generic Prescott kernels, which run GEMM about 4.5 times slower
// than the AVX-512 ones on the same core. Nothing has called OpenBLAS yet
// when this package initialises, so the kernels can still be replaced.
func init() {
	if core := C.boltzbook_choose_core(); core != nil {
		coreNote = "kernels " + C.GoString(core) + ": OpenBLAS did not recognise this CPU and fell back to Prescott's; " +
			"set OPENBLAS_CORETYPE to choose others"
	}
}

// CoreNote reports whether this package replaced the kernels OpenBLAS
// chose when it loaded, and why; it is empty when OpenBLAS's own choice
// stands.
func CoreNote() string { return coreNote }
