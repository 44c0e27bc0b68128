package pcapfile

import (
	"io"
	"os"
)

// NewFileReader is NewReaderOptions for an open file. A regular file is
// memory-mapped from its current offset to its current size and read in
// place: packet data are slices of the mapping, there is no read() copy,
// and they stay valid until Close rather than only until the next read.
// Anything that cannot be mapped (a pipe, a terminal, an empty file, a
// file system without mmap) is read through a buffer as NewReaderOptions
// does. Should the file grow while it is read, reading carries on past the
// mapped size with ReadAt.
//
// f's own offset is left where it was, and f must stay open until Close.
// The mapping shares the file's pages: if another process truncates the
// file while it is read, touching a page beyond the new end raises SIGBUS,
// which a caller can turn into a panic with runtime/debug.SetPanicOnFault.
func NewFileReader(f *os.File, opt ReaderOptions) (*Reader, error) {
	m, err := mapFile(f)
	if err != nil {
		return NewReaderOptions(f, opt)
	}
	in := &input{
		r:       &tailReader{f: f, off: m.size},
		buf:     m.data,
		end:     len(m.data),
		mapping: m,
		inMap:   true,
	}
	rd := &Reader{in: in, opt: opt}
	if err := rd.open(); err != nil {
		in.release()
		return nil, err
	}
	rd.ready = true
	return rd, nil
}

// Close ends reading: it releases the memory mapping of a Reader from
// NewFileReader, after which no packet data it returned may be used. Later
// reads fail. It does not close the underlying file or reader.
func (r *Reader) Close() error {
	r.raw = nil
	return r.in.release()
}

// Mapped reports whether the Reader reads a memory-mapped file, its packet
// data staying valid until Close.
func (r *Reader) Mapped() bool { return r.in.mapping != nil }

// tailReader reads a file from an offset on with ReadAt, leaving the
// file's own offset alone.
type tailReader struct {
	f   *os.File
	off int64
}

func (t *tailReader) Read(p []byte) (int, error) {
	n, err := t.f.ReadAt(p, t.off)
	t.off += int64(n)
	if n > 0 && err == io.EOF {
		err = nil
	}
	return n, err
}
