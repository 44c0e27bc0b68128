package pcapfile

import (
	"errors"
	"fmt"
	"io"
	"math"
	"os"

	"github.com/gocapdump/gocapdump/internal/prefetch"
	"golang.org/x/sys/unix"
)

// mapping is a read-only shared memory mapping of a savefile. Packets are
// handed out as slices of it, so reading a file costs page faults instead
// of a read() copy of every byte.
type mapping struct {
	all   []byte // the whole mapping, from a page boundary
	data  []byte // all from the file offset the Reader starts at
	delta int    // len(all) - len(data)
	size  int64  // the file's size when mapped: where the mapping ends

	nextAdvice int  // offset in data at which advance runs next
	warmed     int  // offset in data up to which lines were touched
	dropped    int  // offset in all below which the pages were let go
	touched    byte // what prefetch.Lines read, kept so that the reads stay
}

const (
	// warmStep and warmAhead: every warmStep bytes, reading prefetches
	// the cache lines up to warmAhead bytes ahead (see advance).
	warmStep  = 4 << 10
	warmAhead = 16 << 10
	// dropBehind: pages this far behind the read position are let go.
	dropBehind = 8 << 20
)

// mapFile maps f from its current offset to its current size. It fails
// (and the caller reads f instead) for anything but a non-empty regular
// file that the system lets us map.
func mapFile(f *os.File) (*mapping, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	off, err := f.Seek(0, io.SeekCurrent)
	if err != nil {
		return nil, err
	}
	size := st.Size()
	if off >= size {
		return nil, errors.New("nothing to map")
	}
	start := off &^ int64(os.Getpagesize()-1)
	if uint64(size-start) > math.MaxInt {
		return nil, errors.New("file too large to map")
	}
	rc, err := f.SyscallConn()
	if err != nil {
		return nil, err
	}
	var all []byte
	cerr := rc.Control(func(fd uintptr) {
		all, err = unix.Mmap(int(fd), start, int(size-start), unix.PROT_READ, unix.MAP_SHARED)
	})
	if cerr != nil {
		return nil, cerr
	}
	if err != nil {
		return nil, fmt.Errorf("mmap: %w", err)
	}
	// Read-ahead in big steps when the file is not cached yet. An error
	// is only a lost hint.
	_ = unix.Madvise(all, unix.MADV_SEQUENTIAL)
	delta := int(off - start)
	return &mapping{all: all, data: all[delta:], delta: delta, size: size, nextAdvice: 0}, nil
}

// advance is called as reading passes pos (an offset in data), every
// warmStep bytes.
//
// It prefetches every cache line up to warmAhead bytes ahead. Reading
// records is a chain of dependent loads, each record's length giving the
// next one's place, so that without help every record header waits for
// memory in turn; prefetches (or, off amd64, plain loads that do not
// depend on each other) overlap, and bring the lines in before they are
// needed. Measured on the benchmark file: walking the headers alone took
// 90 ns per record cold, 60 ns with loads ahead, 53 with prefetches,
// about the speed of the memory bus; a goroutine warming the lines from
// another processor was slower.
//
// It also lets go of the pages more than dropBehind bytes behind pos:
// they stay in the page cache, and touching them again only faults them
// back in, but they no longer count in the process's resident set, which
// would otherwise grow to the size of the file.
func (m *mapping) advance(pos int) {
	m.nextAdvice = pos + warmStep
	limit := min(pos+warmAhead, len(m.data))
	for m.warmed < limit {
		end := min(m.warmed+warmStep, limit)
		m.touched |= prefetch.Lines(&m.data[m.warmed], end-m.warmed)
		m.warmed = end
	}
	if end := (pos + m.delta - dropBehind) &^ (os.Getpagesize() - 1); end >= m.dropped+dropBehind {
		_ = unix.Madvise(m.all[m.dropped:end], unix.MADV_DONTNEED)
		m.dropped = end
	}
}

func (m *mapping) unmap() error {
	all := m.all
	m.all, m.data = nil, nil
	if all == nil {
		return nil
	}
	if err := unix.Munmap(all); err != nil {
		return fmt.Errorf("munmap: %w", err)
	}
	return nil
}
