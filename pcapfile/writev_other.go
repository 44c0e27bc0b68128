//go:build !linux

package pcapfile

import "errors"

// vectoredWrites: outside Linux, an output to a file uses plain writes.
const vectoredWrites = false

type iovecs struct{}

func (*iovecs) writev(uintptr, [][]byte) (int, error) {
	return 0, errors.New("writev not used on this system")
}
