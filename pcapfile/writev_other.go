//go:build !linux

package pcapfile

import (
	"errors"
	"os"
	"syscall"
)

// vectoredWrites: outside Linux, an output to a file uses plain writes.
const vectoredWrites = false

type iovecs struct{}

func (*iovecs) writev(uintptr, [][]byte, bool) (int, error) {
	return 0, errors.New("writev not used on this system")
}

func neverWaits(syscall.RawConn, os.FileInfo) bool { return false }
