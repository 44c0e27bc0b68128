//go:build !amd64

package prefetch

import "unsafe"

// Lines brings the n bytes at b into the caches by reading one
// byte of every 64-byte line: independent loads that the processor
// overlaps, though unlike amd64's PREFETCHT0 they have to complete. It
// returns what it read, for the caller to keep, so that the reads stay.
func Lines(b *byte, n int) byte {
	var t byte
	s := unsafe.Slice(b, n)
	for i := 0; i < len(s); i += 64 {
		t |= s[i]
	}
	return t
}
