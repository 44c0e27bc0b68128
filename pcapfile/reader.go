package pcapfile

import (
	"encoding/binary"
	"fmt"
	"io"
	"time"
)

// Format is a savefile format.
type Format int

const (
	// FormatPcap is the classic libpcap format: a 24-byte file header and
	// a 16-byte header before each packet.
	FormatPcap Format = iota + 1
	// FormatPcapNG is the block-based pcapng format.
	FormatPcapNG
)

func (f Format) String() string {
	switch f {
	case FormatPcap:
		return "pcap"
	case FormatPcapNG:
		return "pcapng"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// CaptureInfo describes one packet record.
type CaptureInfo struct {
	// Sec and Nsec are the time stamp: seconds since the Unix epoch and
	// nanoseconds. They are the file's values converted to nanoseconds but
	// not normalised: a corrupt pcap record whose microsecond field is a
	// million or more gives Nsec >= 1e9, which a printer may want to show
	// as it is. Timestamp returns the normalised time.
	Sec, Nsec int64
	// CaptureLength is the number of bytes of packet data in the record.
	CaptureLength int
	// Length is the packet's original length on the wire.
	Length int
	// InterfaceIndex is the packet's interface within its pcapng section
	// (always 0 for pcap files).
	InterfaceIndex int
	// LinkType is the LINKTYPE_ value of the packet's interface.
	LinkType uint32
}

// Timestamp returns the time stamp as a time.Time.
func (ci *CaptureInfo) Timestamp() time.Time { return time.Unix(ci.Sec, ci.Nsec) }

// Interface describes a pcapng interface (Interface Description Block).
// Pcap files have a single implicit interface.
type Interface struct {
	LinkType uint32
	// Snaplen is the snapshot length stored in the file (0 means none).
	Snaplen uint32
	// Name and Description are the if_name and if_description options.
	Name, Description string
	// TSResolution is the raw if_tsresol option: bit 7 clear means units
	// of 10^-n seconds, set means 2^-n; the default is 6 (microseconds).
	TSResolution uint8
	// TSOffset is the if_tsoffset option, seconds added to every time stamp.
	TSOffset int64
	// FCSLength is the if_fcslen option, or -1 when absent.
	FCSLength int

	snapshot uint32 // adjusted snapshot length that bounds caplen
	unit     uint64 // time stamp units per second
}

// ReaderOptions tunes a Reader. The zero value is the default.
type ReaderOptions struct {
	// StrictLibpcap makes a pcapng file fail where libpcap 1.11 fails:
	// when an interface's link type or snapshot length differs from the
	// first interface's, or a later section has the other byte order.
	// By default such files are read, each packet carrying its own
	// interface's link type.
	StrictLibpcap bool
	// BufferSize is the initial size of the read buffer (default 256 KiB).
	BufferSize int
}

// Reader reads packets from a pcap or pcapng savefile. It is not safe for
// concurrent use.
type Reader struct {
	in     *input
	opt    ReaderOptions
	format Format
	order  binary.ByteOrder
	major  uint16
	minor  uint16

	// pcap
	hdrSize   int    // record header size: 16, or 24 for Kuznetzov files
	nano      bool   // nanosecond time stamps
	lengths   uint8  // lengthsNormal, lengthsSwapped, lengthsMaybeSwapped
	snapshot  uint32 // adjusted snapshot length
	linkType  uint32 // LINKTYPE_ of the file or of the first interface
	linkExt   uint32 // upper 16 bits of the pcap link type field
	maxCaplen uint32 // max_snaplen_for_dlt of the file's link type

	// pcapng
	ifaces       []Interface
	first        Interface // first interface seen (StrictLibpcap checks)
	maxBlockSize uint32

	ready   bool // open has succeeded
	packets int  // packets returned so far
	copyBuf []byte

	// raw is the last packet's whole record as stored in the file, when
	// the packet read from it is exactly what the record says (see
	// Writer.CopyRecord); nil otherwise. rawMapped: raw lies in the
	// memory mapping and outlives the next read.
	raw       []byte
	rawMapped bool
}

const (
	lengthsNormal = iota
	lengthsSwapped
	lengthsMaybeSwapped
)

// NewReader reads the file header (for pcapng, every block up to the first
// Interface Description Block) and returns a Reader positioned at the first
// packet.
func NewReader(r io.Reader) (*Reader, error) {
	return NewReaderOptions(r, ReaderOptions{})
}

// NewReaderOptions is NewReader with options.
func NewReaderOptions(r io.Reader, opt ReaderOptions) (*Reader, error) {
	size := opt.BufferSize
	if size <= 0 {
		size = defaultBufferSize
	}
	rd := &Reader{in: newInput(r, size), opt: opt}
	if err := rd.open(); err != nil {
		return nil, err
	}
	rd.ready = true
	return rd, nil
}

func (r *Reader) open() error {
	in := r.in
	if got := in.fill(4); got < 4 {
		return r.shortRead(0, fmt.Sprintf("truncated dump file; tried to read 4 file header bytes, only got %d", got))
	}
	magic := in.peek(4)
	if m := binary.LittleEndian.Uint32(magic); m == blockSHB {
		if err := r.openPcapNG(); err != errNotThisFormat {
			return err
		}
	} else if err := r.openPcap(); err != errNotThisFormat {
		return err
	}
	return &FormatError{Text: "unknown file format", Err: ErrNotSupported}
}

// errNotThisFormat tells open to try the next format.
var errNotThisFormat = &FormatError{Text: "not this format"}

// Format reports whether the file is pcap or pcapng.
func (r *Reader) Format() Format { return r.format }

// LinkType returns the LINKTYPE_ value of the file (pcap) or of its first
// interface (pcapng), as libpcap's pcap_datalink reports it before its
// LINKTYPE_ to DLT_ mapping.
func (r *Reader) LinkType() uint32 { return r.linkType }

// LinkTypeExtension returns the upper 16 bits of a pcap file's link-type
// field (FCS length information), as libpcap's LT_LINKTYPE_EXT.
func (r *Reader) LinkTypeExtension() uint32 { return r.linkExt }

// FCSLength returns the FCS length in bytes recorded in a pcap file's
// header, or -1 when the header does not say.
func (r *Reader) FCSLength() int {
	if r.linkExt&0x04000000 == 0 {
		return -1
	}
	return int(r.linkExt>>28) * 2
}

// Snaplen returns the snapshot length as libpcap's pcap_snapshot would:
// the file's (or first interface's) value, or the maximum for the link
// type when the file's is 0 or too large.
func (r *Reader) Snaplen() uint32 { return r.snapshot }

// ByteOrder returns the byte order the file (or current section) was
// written in.
func (r *Reader) ByteOrder() binary.ByteOrder { return r.order }

// Version returns the file's format version (pcap 2.4, pcapng 1.0 ...).
func (r *Reader) Version() (major, minor int) { return int(r.major), int(r.minor) }

// Nanosecond reports whether a pcap file has nanosecond time stamps. For
// pcapng it reports whether the first interface's resolution is finer than
// a microsecond.
func (r *Reader) Nanosecond() bool {
	if r.format == FormatPcapNG {
		return r.first.unit > 1000000
	}
	return r.nano
}

// Interfaces returns the interfaces of the current pcapng section, seen so
// far, or the single implicit interface of a pcap file. The slice must not
// be modified.
func (r *Reader) Interfaces() []Interface { return r.ifaces }

// ReadPacketData returns the next packet's data in a newly allocated
// slice. At the end of the file it returns io.EOF; a bad or truncated
// record gives a *FormatError.
func (r *Reader) ReadPacketData() (data []byte, ci CaptureInfo, err error) {
	data, ci, err = r.ZeroCopyReadPacketData()
	if err != nil {
		return nil, ci, err
	}
	out := make([]byte, len(data))
	copy(out, data)
	return out, ci, nil
}

// ZeroCopyReadPacketData is ReadPacketData without a copy: data points
// into the Reader's buffer and is valid only until the next call.
// It does not allocate.
func (r *Reader) ZeroCopyReadPacketData() (data []byte, ci CaptureInfo, err error) {
	r.raw = nil
	if r.format == FormatPcapNG {
		data, err = r.nextPcapNG(&ci)
	} else {
		data, err = r.nextPcap(&ci)
	}
	if err == nil {
		r.packets++
	}
	return data, ci, err
}

// ReadPacket is like ZeroCopyReadPacketData but fills *ci, for callers
// that keep one CaptureInfo for the whole loop.
func (r *Reader) ReadPacket(ci *CaptureInfo) ([]byte, error) {
	r.raw = nil
	var (
		data []byte
		err  error
	)
	if r.format == FormatPcapNG {
		data, err = r.nextPcapNG(ci)
	} else {
		data, err = r.nextPcap(ci)
	}
	if err == nil {
		r.packets++
	}
	return data, err
}

// fail builds a FormatError for the record that starts at offset.
func (r *Reader) fail(offset int64, text string) error {
	pkt := 0
	if r.ready {
		pkt = r.packets + 1
	}
	return &FormatError{Text: text, Packet: pkt, Offset: offset}
}

// shortRead builds the error for input that ended early: the read
// error if there was one, otherwise the given truncation message.
func (r *Reader) shortRead(offset int64, truncated string) error {
	e := r.fail(offset, truncated).(*FormatError)
	if err := r.in.readErr(); err != nil {
		e.Text = "error reading dump file: " + err.Error()
		e.Err = err
	} else {
		e.Err = io.ErrUnexpectedEOF
	}
	return e
}

// maxSnaplenForLinkType is libpcap's max_snaplen_for_dlt: link types whose
// packets may legitimately exceed the usual 262144-byte maximum.
func maxSnaplenForLinkType(lt uint32) uint32 {
	if m, ok := bigSnaplens[lt]; ok {
		return m
	}
	return maximumSnaplen
}

const maximumSnaplen = 262144

var bigSnaplens = map[uint32]uint32{
	231: 128 << 20, // DBUS
	279: 8 << 20,   // EBHSCR
	249: 1 << 20,   // USBPCAP
}

// adjustSnapshot is libpcap's pcapint_adjust_snapshot.
func adjustSnapshot(lt, snaplen uint32) uint32 {
	if snaplen == 0 || snaplen > 0x7fffffff {
		return maxSnaplenForLinkType(lt)
	}
	return snaplen
}
