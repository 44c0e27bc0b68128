package pcapfile

import (
	"io"
	"os"
	"syscall"
)

// output is the Writer's buffer. Unlike a bufio.Writer it can also hold
// borrowed pieces: slices of memory that stay unchanged until the next
// flush (records copied from a memory-mapped savefile), queued by
// reference instead of copied. A flush sends the pending pieces, copied
// and borrowed, in order; to an *os.File with writev, many per system
// call, so that the only copy of a borrowed record is the kernel's.
type output struct {
	w    io.Writer
	conn syscall.RawConn // the file's, when w is an *os.File
	name string          // the file's name, for errors

	buf  []byte   // copied bytes; never grows past its capacity
	vecs [][]byte // pending pieces, in file order
	n    int      // pending bytes
	size int      // flush once this many bytes are pending
	err  error    // sticky: the first write error
	iov  iovecs   // scratch for writev
}

// maxVecs bounds the pieces in one writev call (Linux's IOV_MAX).
const maxVecs = 1024

func newOutput(w io.Writer, size int) *output {
	o := &output{w: w, buf: make([]byte, 0, size), size: size}
	if f, ok := w.(*os.File); ok && vectoredWrites {
		if c, err := f.SyscallConn(); err == nil {
			o.conn, o.name = c, f.Name()
		}
	}
	return o
}

// write queues a copy of p.
func (o *output) write(p []byte) {
	if len(p) > cap(o.buf)-len(o.buf) {
		o.flush()
		if len(p) > cap(o.buf) {
			// Bigger than the whole buffer: straight through.
			o.add(p)
			o.flush()
			return
		}
	}
	s := len(o.buf)
	o.buf = append(o.buf, p...)
	o.add(o.buf[s:])
}

// borrow queues p itself, which must not change until the next flush.
func (o *output) borrow(p []byte) {
	o.add(p)
	if o.n >= o.size || len(o.vecs) >= maxVecs {
		o.flush()
	}
}

// add appends p to the pending pieces, extending the last piece instead
// when p follows it directly in memory: consecutive copies into buf, or
// consecutive records of a mapped file, become one piece.
func (o *output) add(p []byte) {
	if len(p) == 0 {
		return
	}
	o.n += len(p)
	if k := len(o.vecs) - 1; k >= 0 {
		last := o.vecs[k]
		if cap(last)-len(last) >= len(p) && &last[:len(last)+1][len(last)] == &p[0] {
			o.vecs[k] = last[:len(last)+len(p)]
			return
		}
	}
	o.vecs = append(o.vecs, p)
}

// flush sends every pending piece and returns the sticky error.
func (o *output) flush() error {
	if o.err == nil && len(o.vecs) > 0 {
		if o.conn != nil {
			o.err = o.writeFile()
		} else {
			for _, p := range o.vecs {
				if _, err := o.w.Write(p); err != nil {
					o.err = err
					break
				}
			}
		}
	}
	clear(o.vecs) // drop the references to borrowed memory
	o.vecs, o.buf, o.n = o.vecs[:0], o.buf[:0], 0
	return o.err
}

// writeFile sends the pending pieces to the file with writev, resuming
// after short writes.
func (o *output) writeFile() error {
	vecs := o.vecs
	for len(vecs) > 0 {
		batch := vecs[:min(len(vecs), maxVecs)]
		var n int
		var err error
		cerr := o.conn.Write(func(fd uintptr) bool {
			n, err = o.iov.writev(fd, batch)
			return err != syscall.EAGAIN
		})
		if err == syscall.EINTR {
			continue
		}
		if err == nil {
			err = cerr
		}
		if err != nil {
			return &os.PathError{Op: "write", Path: o.name, Err: err}
		}
		if n == 0 {
			return &os.PathError{Op: "write", Path: o.name, Err: io.ErrShortWrite}
		}
		for n > 0 {
			if n < len(vecs[0]) {
				vecs[0] = vecs[0][n:]
				break
			}
			n -= len(vecs[0])
			vecs = vecs[1:]
		}
	}
	return nil
}
