package pcapfile

import (
	"os"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"
)

// vectoredWrites: an output to a file uses writev.
const vectoredWrites = true

// iovecs is reusable storage for the iovec array of writev, which
// x/sys/unix's Writev would allocate on every call.
type iovecs []unix.Iovec

// writev writes pieces to fd. raw makes it a raw system call, one the Go
// runtime is not told about (see output.raw).
func (iov *iovecs) writev(fd uintptr, pieces [][]byte, raw bool) (int, error) {
	v := (*iov)[:0]
	for _, p := range pieces {
		e := unix.Iovec{Base: &p[0]}
		e.SetLen(len(p))
		v = append(v, e)
	}
	*iov = v
	call := unix.Syscall
	if raw {
		call = unix.RawSyscall
	}
	n, _, errno := call(unix.SYS_WRITEV, fd, uintptr(unsafe.Pointer(&v[0])), uintptr(len(v)))
	clear(v) // no lasting references to the pieces
	if errno != 0 {
		return 0, errno
	}
	return int(n), nil
}

// neverWaits reports whether the file behind conn, not a regular file,
// is a device whose writes complete at once: a character device that is
// not a terminal (/dev/null, /dev/full); a terminal can hold writes under
// flow control.
func neverWaits(conn syscall.RawConn, fi os.FileInfo) bool {
	if fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	terminal := true
	err := conn.Control(func(fd uintptr) {
		_, terr := unix.IoctlGetTermios(int(fd), unix.TCGETS)
		terminal = terr == nil
	})
	return err == nil && !terminal
}
