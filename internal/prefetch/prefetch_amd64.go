package prefetch

// Lines asks the processor to bring the n bytes at b into its
// caches, every 64-byte line, without waiting for them (PREFETCHT0). The
// result is for the other architectures' version, which reads the lines.
//
//go:noescape
func Lines(b *byte, n int) byte
