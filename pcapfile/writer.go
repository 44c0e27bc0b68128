package pcapfile

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
)

// WriterOptions describes the file a Writer produces. The zero value
// writes a little-endian microsecond pcap file with link type 0 and the
// default snapshot length.
type WriterOptions struct {
	// Format is FormatPcap (the default) or FormatPcapNG.
	Format Format
	// LinkType is the LINKTYPE_ value of the file (pcap) or of its single
	// interface (pcapng, when Interfaces is empty).
	LinkType uint32
	// Snaplen is the snapshot length recorded in the file; 0 means 262144.
	// Longer packets are refused.
	Snaplen uint32
	// Nanosecond selects nanosecond time stamps: the 0xa1b23c4d magic for
	// pcap, if_tsresol 9 for pcapng. The default is microseconds.
	Nanosecond bool
	// ByteOrder of every header field; nil means little-endian.
	ByteOrder binary.ByteOrder
	// Interfaces, for pcapng only, lists the interfaces to declare (link
	// type, snapshot length, name and description are written; time stamp
	// resolution follows Nanosecond). A packet's CaptureInfo.InterfaceIndex
	// selects one. Empty means one interface made of LinkType and Snaplen.
	Interfaces []Interface
	// BufferSize is the size of the output buffer, and how many bytes
	// at most are pending before they are written (default 1 MiB).
	BufferSize int
}

// Writer writes packets to a pcap or pcapng file through a buffer. It
// allocates nothing per packet. Call Flush or Close when done; it is not
// safe for concurrent use.
//
// To an *os.File, a full buffer is written by a goroutine while the next
// one fills, with writev calls of at most 64 KiB; an error of such a
// write comes back from a later WritePacket, CopyRecord, Flush or Close.
// Flush and Close return only once everything is written.
type Writer struct {
	out     *output
	format  Format
	order   binary.ByteOrder
	big     bool // order is big-endian
	nano    bool
	snaps   []uint32 // snapshot length of each interface
	hdr     [epbFixedLen + blockHeaderLen]byte
	closed  bool
	written int // packets written
}

// defaultWriteBuffer is the default BufferSize: a batch big enough that
// handing batches to the background writer costs little.
const defaultWriteBuffer = 1 << 20

// ErrWriterClosed is returned by writes after Close.
var ErrWriterClosed = errors.New("pcapfile: write to closed Writer")

var zeroPad [4]byte

// NewWriter writes the file header (for pcapng, the section header and
// interface description blocks) to the buffer and returns a Writer.
func NewWriter(w io.Writer, opt WriterOptions) (*Writer, error) {
	size := opt.BufferSize
	if size <= 0 {
		size = defaultWriteBuffer
	}
	wr := &Writer{out: newOutput(w, size), format: opt.Format, order: opt.ByteOrder, nano: opt.Nanosecond}
	if wr.order == nil {
		wr.order = binary.LittleEndian
	}
	var probe [2]byte
	wr.order.PutUint16(probe[:], 1)
	wr.big = probe[0] == 0
	if wr.format == 0 {
		wr.format = FormatPcap
	}
	ifaces := opt.Interfaces
	if len(ifaces) == 0 {
		ifaces = []Interface{{LinkType: opt.LinkType, Snaplen: opt.Snaplen}}
	}
	switch wr.format {
	case FormatPcap:
		if len(opt.Interfaces) > 1 {
			return nil, errors.New("pcapfile: a pcap file has only one interface")
		}
		if err := wr.writePcapHeader(ifaces[0]); err != nil {
			return nil, err
		}
	case FormatPcapNG:
		if err := wr.writeNGHeader(ifaces); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("pcapfile: cannot write format %v", wr.format)
	}
	for _, ifc := range ifaces {
		s := ifc.Snaplen
		if s == 0 {
			s = maximumSnaplen
		}
		wr.snaps = append(wr.snaps, s)
	}
	return wr, nil
}

func (w *Writer) writePcapHeader(ifc Interface) error {
	if ifc.LinkType > 0xffff {
		return fmt.Errorf("pcapfile: link type %d does not fit a pcap header", ifc.LinkType)
	}
	snap := ifc.Snaplen
	if snap == 0 {
		snap = maximumSnaplen
	}
	var h [pcapFileHeaderLen]byte
	magic := uint32(magicMicro)
	if w.nano {
		magic = magicNano
	}
	o := w.order
	o.PutUint32(h[0:], magic)
	o.PutUint16(h[4:], pcapVersionMajor)
	o.PutUint16(h[6:], pcapVersionMinor)
	// thiszone and sigfigs are always 0.
	o.PutUint32(h[16:], snap)
	o.PutUint32(h[20:], ifc.LinkType)
	w.out.write(h[:])
	return w.out.err
}

func (w *Writer) writeNGHeader(ifaces []Interface) error {
	o := w.order
	var h [shbMinLen]byte
	o.PutUint32(h[0:], blockSHB)
	o.PutUint32(h[4:], shbMinLen)
	o.PutUint32(h[8:], byteOrderMagic)
	o.PutUint16(h[12:], pcapngVersionMajor)
	o.PutUint16(h[14:], 0)
	o.PutUint64(h[16:], ^uint64(0)) // section length not specified
	o.PutUint32(h[24:], shbMinLen)
	if w.out.write(h[:]); w.out.err != nil {
		return w.out.err
	}
	for _, ifc := range ifaces {
		if ifc.LinkType > 0xffff {
			return fmt.Errorf("pcapfile: link type %d does not fit an interface description block", ifc.LinkType)
		}
		if len(ifc.Name) > 0xfff0 || len(ifc.Description) > 0xfff0 {
			return errors.New("pcapfile: interface name or description too long for a pcapng option")
		}
		b := make([]byte, idbFixedLen)
		o.PutUint16(b[0:], uint16(ifc.LinkType))
		o.PutUint32(b[4:], ifc.Snaplen)
		b = appendOption(b, o, optIfName, []byte(ifc.Name))
		b = appendOption(b, o, optIfDescr, []byte(ifc.Description))
		if w.nano {
			b = appendOption(b, o, optIfTSResol, []byte{9})
		}
		if len(b) > idbFixedLen {
			b = appendOption(b, o, optEndOfOpt, nil)
		}
		if err := w.writeBlock(blockIDB, b); err != nil {
			return err
		}
	}
	return nil
}

func appendOption(b []byte, o binary.ByteOrder, code uint16, val []byte) []byte {
	if code != optEndOfOpt && len(val) == 0 {
		return b
	}
	var h [4]byte
	o.PutUint16(h[0:], code)
	o.PutUint16(h[2:], uint16(len(val)))
	b = append(b, h[:]...)
	b = append(b, val...)
	return append(b, zeroPad[:pad4(len(val))]...)
}

func pad4(n int) int { return (4 - n&3) & 3 }

func (w *Writer) writeBlock(btype uint32, body []byte) error {
	total := uint32(blockHeaderLen + len(body) + pad4(len(body)) + blockTrailerLen)
	var h [blockHeaderLen]byte
	w.order.PutUint32(h[0:], btype)
	w.order.PutUint32(h[4:], total)
	w.out.write(h[:])
	w.out.write(body)
	w.out.write(zeroPad[:pad4(len(body))])
	w.order.PutUint32(h[0:], total)
	w.out.write(h[:4])
	return w.out.err
}

// WritePacket appends one packet. The time stamp comes from ci.Sec and
// ci.Nsec, the original length from ci.Length (written as given), and for
// pcapng the interface from ci.InterfaceIndex; ci.CaptureLength is ignored
// in favour of len(data).
func (w *Writer) WritePacket(ci CaptureInfo, data []byte) error {
	return w.writePacket(ci, data, false)
}

// inPlaceMin is the smallest packet WritePacketInPlace leaves where it
// is: below it, copying the bytes into the buffer costs less than the
// extra writev piece (and keeps neighbouring records in one piece).
const inPlaceMin = 256

// WritePacketInPlace is WritePacket for data that stays valid and
// unchanged until the next Flush or Close returns, such as a packet in a
// capture ring block that is released only after a Flush. The Writer then
// keeps a reference to data instead of copying it (only its record
// header goes into the buffer), and writes it from where it lies with
// writev when it writes to an *os.File: the only copy of the packet is
// the kernel's, and to /dev/null there is none. Small packets are copied
// all the same.
func (w *Writer) WritePacketInPlace(ci CaptureInfo, data []byte) error {
	return w.writePacket(ci, data, len(data) >= inPlaceMin)
}

// RecordHeaderLen is the length of a pcap record header: the scratch
// space WriteRecordInPlace needs in front of a packet.
const RecordHeaderLen = pcapRecordHeaderLen

// WriteRecordInPlace writes the packet held in rec after RecordHeaderLen
// bytes of scratch space, such as a capture ring's packet with its
// head-room. For a pcap file the record header is encoded into that
// space and the whole record, header and packet, written from rec
// itself as one writev piece; as with WritePacketInPlace, rec must then
// stay unchanged until the next Flush or Close returns. A pcapng block
// header does not fit, so there (and for small packets, which are cheaper
// to copy) it is WritePacketInPlace of the packet.
func (w *Writer) WriteRecordInPlace(ci CaptureInfo, rec []byte) error {
	if len(rec) < RecordHeaderLen {
		return fmt.Errorf("pcapfile: packet %d: record of %d bytes has no room for its header", w.written+1, len(rec))
	}
	data := rec[RecordHeaderLen:]
	if w.format != FormatPcap || len(data) < inPlaceMin {
		return w.WritePacketInPlace(ci, data)
	}
	sec, frac, err := w.stamp(&ci, len(data))
	if err != nil {
		return err
	}
	w.pcapHeader(rec[:RecordHeaderLen], sec, frac, len(data), ci.Length)
	w.out.borrow(rec)
	if w.out.err != nil {
		return w.out.err
	}
	w.written++
	return nil
}

func (w *Writer) writePacket(ci CaptureInfo, data []byte, inPlace bool) error {
	sec, frac, err := w.stamp(&ci, len(data))
	if err != nil {
		return err
	}
	h := w.hdr[:]
	if w.format == FormatPcap {
		w.pcapHeader(h, sec, frac, len(data), ci.Length)
		if inPlace {
			w.out.write(h[:pcapRecordHeaderLen])
			w.out.borrow(data)
		} else {
			w.out.write2(h[:pcapRecordHeaderLen], data)
		}
		if w.out.err != nil {
			return w.out.err
		}
		w.written++
		return nil
	}
	ts := uint64(sec)*uint64(w.unit()) + uint64(frac)
	p := pad4(len(data))
	total := uint32(blockHeaderLen + epbFixedLen + len(data) + p + blockTrailerLen)
	w.put32(h[0:], blockEPB)
	w.put32(h[4:], total)
	w.put32(h[8:], uint32(ci.InterfaceIndex))
	w.put32(h[12:], uint32(ts>>32))
	w.put32(h[16:], uint32(ts))
	w.put32(h[20:], uint32(len(data)))
	w.put32(h[24:], uint32(ci.Length))
	w.out.write(h[:blockHeaderLen+epbFixedLen])
	w.out.put(data, inPlace)
	w.out.write(zeroPad[:p])
	w.put32(h[0:], total)
	w.out.write(h[:4])
	if w.out.err != nil {
		return w.out.err
	}
	w.written++
	return nil
}

// unit is the number of time stamp ticks in a second.
func (w *Writer) unit() int64 {
	if w.nano {
		return 1e9
	}
	return 1e6
}

// stamp checks that a packet of n bytes described by ci can be written
// and returns its time stamp as seconds and a fraction in the file's
// unit.
func (w *Writer) stamp(ci *CaptureInfo, n int) (sec, frac int64, err error) {
	if w.closed {
		return 0, 0, ErrWriterClosed
	}
	if ci.InterfaceIndex < 0 || ci.InterfaceIndex >= len(w.snaps) {
		return 0, 0, fmt.Errorf("pcapfile: packet %d: no interface %d", w.written+1, ci.InterfaceIndex)
	}
	if uint64(n) > uint64(w.snaps[ci.InterfaceIndex]) {
		return 0, 0, fmt.Errorf("pcapfile: packet %d: %d bytes exceed the snapshot length %d",
			w.written+1, n, w.snaps[ci.InterfaceIndex])
	}
	sec, nsec := ci.Sec, ci.Nsec
	unit := w.unit()
	frac = nsec / 1000 // constant divisors: a division by a variable costs far more
	if w.nano {
		frac = nsec
	}
	if nsec < 0 || frac > math.MaxUint32 {
		// Keep an unnormalised fraction (as read from a damaged pcap
		// file) only where the field can hold it.
		sec += nsec / 1e9
		nsec %= 1e9
		if nsec < 0 {
			sec--
			nsec += 1e9
		}
		frac = nsec * unit / 1e9
	}
	if sec < 0 || (w.format == FormatPcap && sec > math.MaxUint32) ||
		(w.format == FormatPcapNG && uint64(sec) > (math.MaxUint64-uint64(frac))/uint64(unit)) {
		return 0, 0, fmt.Errorf("pcapfile: packet %d: time stamp %d.%09d out of range for %v", w.written+1, ci.Sec, ci.Nsec, w.format)
	}
	return sec, frac, nil
}

// pcapHeader encodes a pcap record header into h.
func (w *Writer) pcapHeader(h []byte, sec, frac int64, caplen, length int) {
	w.put32(h[0:], uint32(sec))
	w.put32(h[4:], uint32(frac))
	w.put32(h[8:], uint32(caplen))
	w.put32(h[12:], uint32(length))
}

// put32 stores v in the file's byte order (a branch the compiler
// inlines, where the binary.ByteOrder interface costs a call a field).
func (w *Writer) put32(b []byte, v uint32) {
	if w.big {
		binary.BigEndian.PutUint32(b, v)
	} else {
		binary.LittleEndian.PutUint32(b, v)
	}
}

// CopyRecord writes the packet that r returned last by copying its record
// from r's file as it stands, header and data, instead of encoding it
// anew. It does so, and reports true, only where that gives the very bytes
// WritePacket would write for the packet: both files pcap, in the same
// byte order and time stamp precision, a record with the usual 16-byte
// header and the lengths in today's order, whose data fit w's snapshot
// length and were not cut on reading. Otherwise it writes nothing and
// reports false, and the caller should use WritePacket.
//
// When r maps its file (NewFileReader) the record is not even copied into
// w's buffer: w keeps a reference to it in the mapping and writes it from
// there, with writev, many records per system call, when w writes to an
// *os.File. r must then not be closed before w is flushed or closed.
func (w *Writer) CopyRecord(r *Reader) (bool, error) {
	if w.closed {
		return false, ErrWriterClosed
	}
	raw := r.raw
	if raw == nil || w.format != FormatPcap || r.format != FormatPcap || w.nano != r.nano ||
		w.big != (r.order == binary.BigEndian) || uint64(len(raw)-pcapRecordHeaderLen) > uint64(w.snaps[0]) {
		return false, nil
	}
	w.out.put(raw, r.rawMapped)
	if w.out.err != nil {
		return true, w.out.err
	}
	w.written++
	return true, nil
}

// Flush writes buffered data to the underlying writer.
func (w *Writer) Flush() error {
	if w.closed {
		return ErrWriterClosed
	}
	return w.out.flush(true)
}

// Close flushes the buffer and makes further writes fail. It does not
// close the underlying writer.
func (w *Writer) Close() error {
	if w.closed {
		return nil
	}
	err := w.out.flush(true)
	w.closed = true
	return err
}
