//go:build !linux

package pcapfile

import (
	"errors"
	"os"
)

// mapping is a memory mapping of a savefile; only Linux maps files.
type mapping struct {
	data       []byte
	size       int64
	nextAdvice int
}

func mapFile(*os.File) (*mapping, error) { return nil, errors.New("memory mapping not supported") }

func (m *mapping) advance(pos int) { m.nextAdvice = int(^uint(0) >> 1) }

func (m *mapping) unmap() error { return nil }
