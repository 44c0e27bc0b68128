package pcapfile

import (
	"io"
	"math"
	"os"
	"syscall"
)

// output is the Writer's buffer. Unlike a bufio.Writer it can also hold
// borrowed pieces: slices of memory that stay unchanged until they are
// written (records copied from a memory-mapped savefile), queued by
// reference instead of copied. A flush sends the pending pieces, copied
// and borrowed, in order; to an *os.File with writev, many per system
// call, so that the only copy of a borrowed record is the kernel's.
//
// To a file, a flush that the buffer filling up calls for is done in the
// background: a goroutine writes the full batch while the caller fills the
// other one, so that the kernel's copy into the page cache runs on another
// processor than the reading and filtering. Flush and Close wait for it.
type output struct {
	w    io.Writer
	conn syscall.RawConn // the file's, when w is an *os.File
	name string          // the file's name, for errors

	cur   *batch     // being filled
	spare *batch     // free, or being written while busy
	busy  bool       // a goroutine is writing spare
	done  chan error // its result
	n     int        // bytes pending in cur
	size  int        // flush once this many bytes are pending
	err   error      // sticky: the first write error
	iov   iovecs     // writev's scratch, for one writer at a time
	call  [][]byte   // writeFile's scratch, likewise
	pos   int64      // the file offset writeFile writes at next
	// regular: the file is a regular file, whose writes are cut at
	// multiples of maxWrite (see there); a pipe, a terminal or /dev/null
	// takes up to maxVecs pieces a call.
	regular bool
	// raw: writes are raw system calls, which the Go runtime does not see
	// (for a regular file, or a character device such as /dev/null that
	// is not a terminal: writes there never wait for another party, the
	// kernel copies into the page cache or discards). A plain system
	// call made while the process otherwise sleeps wakes the runtime's
	// monitor thread, which then polls every 20 us until the process
	// sleeps again. A live capture writes once per ring block and sleeps
	// in between, so on a pinned capture that tripled the context
	// switches (7,100 against 2,450 for 1.5 M 1500-byte frames) and cost
	// 30% of its CPU (0.24 against 0.17 us a packet, capbench, 3 runs
	// each). The price: a write that does sleep (page-cache writeback
	// throttling) holds its thread, so with one processor other
	// goroutines wait for it; the writer itself would wait all the same.
	raw bool
}

// batch is a set of pending pieces in file order: slices of buf (bytes
// copied in) or borrowed memory.
type batch struct {
	buf  []byte // never grows past its capacity, so the pieces stay put
	vecs [][]byte
}

const (
	// maxVecs bounds the pieces in one writev call (Linux's IOV_MAX).
	maxVecs = 1024
	// maxBatchVecs bounds the pieces pending, written maxVecs per call.
	// It is well above what a buffer of 1 MiB of full-size packets takes
	// (two pieces each), so that a capture that flushes every ring block
	// of up to 1 MiB never has a batch written in the background halfway
	// through a block: on the processor the capture is pinned to, that
	// would only add a goroutine switch and a thread wake-up.
	maxBatchVecs = 16 * maxVecs
	// maxWrite bounds the bytes of one system call to a regular file.
	// Writes of more make Linux back the file with larger page-cache folios, which
	// on the virtual machines we measured cost 3 to 8 times more kernel
	// time per byte, intermittently, past 64 KiB.
	maxWrite = 64 << 10
)

func newOutput(w io.Writer, size int) *output {
	o := &output{w: w, size: size, cur: &batch{buf: make([]byte, 0, size)}}
	if f, ok := w.(*os.File); ok && vectoredWrites {
		if c, err := f.SyscallConn(); err == nil {
			o.conn, o.name = c, f.Name()
			o.pos, _ = f.Seek(0, io.SeekCurrent) // 0 where it cannot tell
			if fi, err := f.Stat(); err == nil {
				o.regular = fi.Mode().IsRegular()
				o.raw = o.regular || neverWaits(c, fi)
			}
			o.spare = &batch{buf: make([]byte, 0, size)}
			o.done = make(chan error, 1)
		}
	}
	return o
}

// write queues a copy of p.
func (o *output) write(p []byte) {
	b := o.cur
	if len(p) > cap(b.buf)-len(b.buf) {
		o.flush(false)
		b = o.cur
		if len(p) > cap(b.buf) {
			// Bigger than the whole buffer: straight through, now,
			// while p is sure to be valid.
			o.add(p)
			o.flush(true)
			return
		}
	}
	s := len(b.buf)
	b.buf = append(b.buf, p...)
	o.add(b.buf[s:])
}

// put queues p, by reference when borrowed is set, else a copy.
func (o *output) put(p []byte, borrowed bool) {
	if borrowed {
		o.borrow(p)
	} else {
		o.write(p)
	}
}

// write2 queues a copy of a followed by b, as one piece when both fit
// in the buffer (a record header and its packet). add would merge two
// writes into one piece too, but one append-and-add instead of two is
// worth it per packet: 42 against 51 ns a 64-byte packet in
// BenchmarkRingToSavefile (medians of 5).
func (o *output) write2(a, b []byte) {
	buf := o.cur.buf
	if len(a)+len(b) > cap(buf)-len(buf) {
		o.write(a)
		o.write(b)
		return
	}
	s := len(buf)
	buf = append(append(buf, a...), b...)
	o.cur.buf = buf
	o.add(buf[s:])
}

// borrow queues p itself, which must not change until written: until the
// next flush that waits (Flush, Close).
func (o *output) borrow(p []byte) {
	o.add(p)
	if o.n >= o.size || len(o.cur.vecs) >= maxBatchVecs {
		o.flush(false)
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
	b := o.cur
	if k := len(b.vecs) - 1; k >= 0 {
		last := b.vecs[k]
		if cap(last)-len(last) >= len(p) && &last[:len(last)+1][len(last)] == &p[0] {
			b.vecs[k] = last[:len(last)+len(p)]
			return
		}
	}
	b.vecs = append(b.vecs, p)
}

// flush sends every pending piece, in the background to a file unless
// wait is set, and returns the sticky error.
func (o *output) flush(wait bool) error {
	o.collect()
	b := o.cur
	if o.err == nil && len(b.vecs) > 0 {
		switch {
		case o.conn == nil:
			for _, p := range b.vecs {
				if _, err := o.w.Write(p); err != nil {
					o.err = err
					break
				}
			}
		case wait:
			o.err = o.writeFile(b.vecs)
		default:
			o.busy = true
			go func() { o.done <- o.writeFile(b.vecs) }()
			o.cur, o.spare = o.spare, o.cur
			o.n = 0
			return o.err
		}
	}
	b.reset()
	o.n = 0
	return o.err
}

// collect waits for the background write, if one is under way, and
// readies its batch for reuse.
func (o *output) collect() {
	if !o.busy {
		return
	}
	if err := <-o.done; err != nil && o.err == nil {
		o.err = err
	}
	o.busy = false
	o.spare.reset()
}

// reset empties b, dropping its references to borrowed memory.
func (b *batch) reset() {
	clear(b.vecs)
	b.vecs, b.buf = b.vecs[:0], b.buf[:0]
}

// writeFile sends pieces to the file with writev, maxWrite bytes and
// maxVecs pieces at most per call, resuming after short writes. Calls end
// on multiples of maxWrite in the file where they can: a write that
// starts off such a boundary gets smaller page-cache folios, and more of
// them, each with its cost.
func (o *output) writeFile(vecs [][]byte) error {
	call := o.call
	defer func() { o.call = call[:0] }()
	for len(vecs) > 0 {
		// The next call's pieces, the last one cut at maxWrite.
		call = call[:0]
		total, limit := 0, math.MaxInt
		if o.regular {
			limit = maxWrite - int(o.pos%maxWrite)
		}
		for _, p := range vecs {
			if len(call) == maxVecs || total == limit {
				break
			}
			if total+len(p) > limit {
				p = p[:limit-total]
			}
			call = append(call, p)
			total += len(p)
		}
		var n int
		var err error
		cerr := o.conn.Write(func(fd uintptr) bool {
			n, err = o.iov.writev(fd, call, o.raw)
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
		o.pos += int64(n)
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
