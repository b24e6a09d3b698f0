// Copyright ©2026 The boltzbook Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

package jupyter

import (
	"runtime/debug"
	"time"
)

// Memory.
//
// Go returns freed heap to the system lazily (its scavenger works over
// minutes), so after one 50 MB message the kernel's resident size would
// stay hundreds of MB above its working set. After a message of
// bigMessage bytes or more, in either direction, has been handled or
// sent, the kernel returns free memory at once (debug.FreeOSMemory, a
// forced collection; some milliseconds, on a goroutine of its own), and
// again a few times over the next seconds: an outgoing message is
// queued, and its frames are only garbage once the front end has read
// them, which for 50 MB takes a Python client a while.
// Nothing of a message outlives its handling but what the protocol
// keeps on purpose: publishers keep only the parent's header and
// routing identities, and history keeps inputs up to historyInputMax.

// bigMessage is the size from which a message triggers releaseMemory.
const bigMessage = 4 << 20

// releaseAfter are the delays, from a big message, after which free
// memory is returned.
var releaseAfter = []time.Duration{50 * time.Millisecond, 500 * time.Millisecond, 2 * time.Second, 8 * time.Second}

// releaseMemory returns free memory to the system soon and over the
// next seconds; a call while releases are under way starts them over.
func (k *Kernel) releaseMemory() {
	select {
	case k.release <- struct{}{}:
	default: // one is pending already
	}
	k.releaseOnce.Do(func() { go k.releaser() })
}

// releaser runs the releases; it lives as long as the process.
func (k *Kernel) releaser() {
	for range k.release {
		for i := 0; i < len(releaseAfter); i++ {
			wait := releaseAfter[i]
			if i > 0 {
				wait -= releaseAfter[i-1]
			}
			select {
			case <-time.After(wait):
				debug.FreeOSMemory()
			case <-k.release:
				i = -1 // a new big message: start over
			case <-k.done:
				return
			}
		}
	}
}

// frameBytes is the total size of frames.
func frameBytes(frames [][]byte) int {
	n := 0
	for _, f := range frames {
		n += len(f)
	}
	return n
}

// parentOf returns what a publisher needs of the request it answers:
// its header (the parent header of what it sends) and routing
// identities (for input_request), without the content and buffers,
// which may be large and must not live as long as the publisher.
func parentOf(m *Message) *Message {
	return &Message{Identities: m.Identities, Header: m.Header, RawHeader: m.RawHeader}
}
