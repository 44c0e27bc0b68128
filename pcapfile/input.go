package pcapfile

import "io"

// input is a read buffer that hands out slices of its own storage, so
// that records can be returned without copying. It grows only when it is
// already full of data that the caller still needs, which keeps a lying
// length field in a corrupt file from causing an allocation much larger
// than the data actually present.
//
// An input can instead start on a read-only memory mapping of the file
// (see mapInput): buf is then the mapping itself, so nothing is copied at
// all, and r is where the file goes on past the mapped length, should it
// have grown. The mapping is never written to: when a record runs past its
// end, the rest moves to an ordinary heap buffer and reading carries on
// through r.
type input struct {
	r     io.Reader
	buf   []byte
	start int   // first unconsumed byte
	end   int   // one past the last valid byte
	off   int64 // file offset of buf[start]
	err   error // sticky error from r (io.EOF at the end)

	mapping *mapping // the file's mapping, nil when reading through r only
	inMap   bool     // buf is mapping.data
}

const (
	defaultBufferSize = 256 << 10
	minBufferSize     = 4 << 10
	maxEmptyReads     = 100
)

func newInput(r io.Reader, size int) *input {
	if size < minBufferSize {
		size = minBufferSize
	}
	return &input{r: r, buf: make([]byte, size)}
}

// avail is the number of buffered, unconsumed bytes.
func (in *input) avail() int { return in.end - in.start }

// fill tries to make n bytes available and returns how many are
// (fewer than n only at the end of the input or after a read error).
func (in *input) fill(n int) int {
	if in.end-in.start >= n {
		return n
	}
	if in.inMap {
		in.leaveMapping(n)
	}
	empty := 0
	for in.end-in.start < n && in.err == nil {
		if in.end == len(in.buf) {
			if in.start > 0 {
				// Move the partial record to the front.
				copy(in.buf, in.buf[in.start:in.end])
				in.end -= in.start
				in.start = 0
			} else {
				// Full of needed data: grow, at most doubling.
				size := 2 * len(in.buf)
				if size > n {
					size = n
				}
				nb := make([]byte, size)
				copy(nb, in.buf[:in.end])
				in.buf = nb
			}
		}
		m, err := in.r.Read(in.buf[in.end:])
		if m < 0 || m > len(in.buf)-in.end {
			in.err = io.ErrShortBuffer
			break
		}
		in.end += m
		if err != nil {
			in.err = err
		} else if m == 0 {
			empty++
			if empty >= maxEmptyReads {
				in.err = io.ErrNoProgress
			}
		} else {
			empty = 0
		}
	}
	if a := in.end - in.start; a < n {
		return a
	}
	return n
}

// peek returns the next n bytes; the caller must have checked fill(n) == n.
func (in *input) peek(n int) []byte { return in.buf[in.start : in.start+n] }

// skip consumes n buffered bytes.
func (in *input) skip(n int) {
	in.start += n
	in.off += int64(n)
	if in.inMap && in.start >= in.mapping.nextAdvice {
		in.mapping.advance(in.start)
	}
}

// leaveMapping moves the unconsumed end of the mapping to a heap buffer,
// for a fill that needs more than the mapping holds. The mapping itself
// stays until release: slices of it handed out earlier remain valid.
func (in *input) leaveMapping(n int) {
	rest := in.buf[in.start:in.end]
	size := 2 * len(rest)
	if size < minBufferSize {
		size = minBufferSize
	}
	if size > n && n > len(rest) {
		size = n
	}
	in.buf = make([]byte, size)
	in.end = copy(in.buf, rest)
	in.start = 0
	in.inMap = false
}

// release ends the input: later reads fail with ErrReaderClosed, and the
// mapping, if any, is given back (no slice of it may be used afterwards).
func (in *input) release() error {
	in.buf, in.start, in.end, in.inMap = nil, 0, 0, false
	if in.err == nil || in.err == io.EOF {
		in.err = ErrReaderClosed
	}
	m := in.mapping
	if m == nil {
		return nil
	}
	in.mapping = nil
	return m.unmap()
}

// readErr is the error that stopped the input early, or nil at a clean EOF.
func (in *input) readErr() error {
	if in.err == io.EOF {
		return nil
	}
	return in.err
}

// discard consumes n bytes that need not stay in memory, reading through
// the buffer without growing it. It returns how many were consumed.
func (in *input) discard(n int64) int64 {
	var done int64
	for done < n {
		want := n - done
		if want > int64(len(in.buf)) {
			want = int64(len(in.buf))
		}
		got := in.fill(int(want))
		in.skip(got)
		done += int64(got)
		if got < int(want) {
			break
		}
	}
	return done
}
