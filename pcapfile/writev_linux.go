package pcapfile

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// vectoredWrites: an output to a file uses writev.
const vectoredWrites = true

// iovecs is reusable storage for the iovec array of writev, which
// x/sys/unix's Writev would allocate on every call.
type iovecs []unix.Iovec

func (iov *iovecs) writev(fd uintptr, pieces [][]byte) (int, error) {
	v := (*iov)[:0]
	for _, p := range pieces {
		e := unix.Iovec{Base: &p[0]}
		e.SetLen(len(p))
		v = append(v, e)
	}
	*iov = v
	n, _, errno := unix.Syscall(unix.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&v[0])), uintptr(len(v)))
	clear(v) // no lasting references to the pieces
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}
