package pcapfile

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/bits"
)

// pcapng block types and limits (libpcap's values).
const (
	blockSHB = 0x0a0d0d0a // Section Header Block; the same in both byte orders
	blockIDB = 0x00000001 // Interface Description Block
	blockPB  = 0x00000002 // Packet Block (obsolete)
	blockSPB = 0x00000003 // Simple Packet Block
	blockEPB = 0x00000006 // Enhanced Packet Block

	byteOrderMagic = 0x1a2b3c4d

	blockHeaderLen  = 8  // type, total length
	blockTrailerLen = 4  // total length again
	shbFixedLen     = 16 // byte-order magic, major, minor, section length
	shbMinLen       = blockHeaderLen + shbFixedLen + blockTrailerLen
	shbInsaneMax    = 1 << 20
	idbFixedLen     = 8  // link type, reserved, snaplen
	epbFixedLen     = 20 // interface, time stamp high and low, caplen, len
	pbFixedLen      = 20 // interface (16 bits), drops, time stamp, caplen, len
	spbFixedLen     = 4  // len

	// libpcap refuses blocks larger than 16 MiB, or than an EPB holding a
	// maximum-size packet of the first interface's link type plus 128 KiB
	// of options, whichever is larger.
	initialMaxBlockSize = 16 << 20
	maxOptionsLen       = 128 << 10

	pcapngVersionMajor = 1
)

// IDB options that change how packets are read.
const (
	optEndOfOpt   = 0
	optIfName     = 2
	optIfDescr    = 3
	optIfTSResol  = 9
	optIfFCSLen   = 13
	optIfTSOffset = 14
)

func maxBlockSizeFor(lt uint32) uint32 {
	return blockHeaderLen + epbFixedLen + maxSnaplenForLinkType(lt) + maxOptionsLen + blockTrailerLen
}

func (r *Reader) openPcapNG() error {
	in := r.in
	// A file that merely starts with "\n\r\r\n" may be text: unless the
	// byte-order magic follows, it is "not pcapng".
	if in.fill(12) < 12 {
		if err := in.readErr(); err != nil {
			return r.shortRead(0, "")
		}
		return errNotThisFormat
	}
	h := in.peek(12)
	switch {
	case binary.LittleEndian.Uint32(h[8:]) == byteOrderMagic:
		r.order = binary.LittleEndian
	case binary.BigEndian.Uint32(h[8:]) == byteOrderMagic:
		r.order = binary.BigEndian
	default:
		return errNotThisFormat
	}
	total := r.order.Uint32(h[4:])
	if total < shbMinLen || total > shbInsaneMax {
		return r.fail(0, fmt.Sprintf("Section Header Block in pcapng dump file has invalid length %d < _%d_ < %d (BT_SHB_INSANE_MAX)",
			shbMinLen, total, shbInsaneMax))
	}
	r.format = FormatPcapNG
	if got := in.fill(int(total)); got < int(total) {
		return r.shortRead(0, fmt.Sprintf("truncated pcapng dump file; tried to read %d bytes, only got %d", total-12, got-12))
	}
	b := in.peek(int(total))
	r.major = r.order.Uint16(b[12:])
	r.minor = r.order.Uint16(b[14:])
	// Versions 1.0 and 1.2 (the same format, written by some tools).
	if !(r.major == pcapngVersionMajor && (r.minor == 0 || r.minor == 2)) {
		return r.fail(0, fmt.Sprintf("unsupported pcapng savefile version %d.%d", r.major, r.minor))
	}
	in.skip(int(total))
	r.maxBlockSize = initialMaxBlockSize

	for {
		btype, body, start, err := r.readBlock()
		if err == io.EOF {
			return r.fail(start, "the capture file has no Interface Description Blocks")
		}
		if err != nil {
			return err
		}
		switch btype {
		case blockIDB:
			ifc, err := r.parseIDB(body, start)
			if err != nil {
				return err
			}
			r.first = ifc
			r.ifaces = append(r.ifaces, ifc)
			r.linkType = ifc.LinkType
			r.snapshot = ifc.snapshot
			if m := maxBlockSizeFor(ifc.LinkType); m > r.maxBlockSize {
				r.maxBlockSize = m
			}
			return nil
		case blockEPB, blockSPB, blockPB:
			return r.fail(start, "the capture file has a packet block before any Interface Description Blocks")
		}
	}
}

// readBlock reads one whole block and returns its type and body (between
// the total-length fields); the body stays valid until the next read.
// At a clean end of file it returns io.EOF.
func (r *Reader) readBlock() (btype uint32, body []byte, start int64, err error) {
	in := r.in
	start = in.off
	got := in.fill(blockHeaderLen)
	if got == 0 {
		if in.readErr() != nil {
			return 0, nil, start, r.shortRead(start, "")
		}
		return 0, nil, start, io.EOF
	}
	if got < blockHeaderLen {
		return 0, nil, start, r.shortRead(start, fmt.Sprintf("truncated pcapng dump file; tried to read %d bytes, only got %d", blockHeaderLen, got))
	}
	h := in.peek(blockHeaderLen)
	if !r.opt.StrictLibpcap && binary.LittleEndian.Uint32(h) == blockSHB && in.fill(12) == 12 {
		// A new section may use the other byte order; its length field
		// can only be read once its byte-order magic is known.
		bom := in.peek(12)[8:]
		switch {
		case binary.LittleEndian.Uint32(bom) == byteOrderMagic:
			r.order = binary.LittleEndian
		case binary.BigEndian.Uint32(bom) == byteOrderMagic:
			r.order = binary.BigEndian
		}
		h = in.peek(blockHeaderLen)
	}
	o := r.order
	btype = o.Uint32(h)
	total := o.Uint32(h[4:])
	if total < blockHeaderLen+blockTrailerLen {
		return 0, nil, start, r.fail(start, fmt.Sprintf("block in pcapng dump file has a length of %d < %d", total, blockHeaderLen+blockTrailerLen))
	}
	if total%4 != 0 {
		return 0, nil, start, r.fail(start, fmt.Sprintf("block in pcapng dump file has a length of %d that is not a multiple of 4", total))
	}
	if total > r.maxBlockSize {
		return 0, nil, start, r.fail(start, fmt.Sprintf("pcapng block size %d > maximum %d", total, r.maxBlockSize))
	}
	n := int(total)
	if got := in.fill(n); got < n {
		return 0, nil, start, r.shortRead(start, fmt.Sprintf("truncated pcapng dump file; tried to read %d bytes, only got %d", n-blockHeaderLen, got-blockHeaderLen))
	}
	b := in.peek(n)
	if trailer := o.Uint32(b[n-blockTrailerLen:]); trailer != total {
		return 0, nil, start, r.fail(start, fmt.Sprintf("block total length in header %d and trailer %d don't match", total, trailer))
	}
	in.skip(n)
	return btype, b[blockHeaderLen : n-blockTrailerLen], start, nil
}

func (r *Reader) tooShort(btype uint32, start int64) error {
	return r.fail(start, fmt.Sprintf("block of type %d in pcapng dump file is too short", btype))
}

// parseIDB decodes an Interface Description Block body and the options
// libpcap looks at (plus name, description and FCS length).
func (r *Reader) parseIDB(body []byte, start int64) (Interface, error) {
	var ifc Interface
	if len(body) < idbFixedLen {
		return ifc, r.tooShort(blockIDB, start)
	}
	o := r.order
	ifc.LinkType = uint32(o.Uint16(body))
	ifc.Snaplen = o.Uint32(body[4:])
	ifc.snapshot = adjustSnapshot(ifc.LinkType, ifc.Snaplen)
	ifc.TSResolution = 6
	ifc.unit = 1000000
	ifc.FCSLength = -1
	if r.ready && r.opt.StrictLibpcap {
		if ifc.LinkType != r.first.LinkType {
			return ifc, r.fail(start, fmt.Sprintf("an interface has a type %d different from the type of the first interface", ifc.LinkType))
		}
		if ifc.snapshot != r.first.snapshot {
			return ifc, r.fail(start, fmt.Sprintf("an interface has a snapshot length %d different from the snapshot length of the first interface", ifc.Snaplen))
		}
	}

	var sawResol, sawOffset bool
	opts := body[idbFixedLen:]
	for len(opts) != 0 {
		if len(opts) < 4 {
			return ifc, r.tooShort(blockIDB, start)
		}
		code, olen := o.Uint16(opts), int(o.Uint16(opts[2:]))
		padded := (olen + 3) &^ 3
		if len(opts)-4 < padded {
			return ifc, r.tooShort(blockIDB, start)
		}
		val := opts[4 : 4+olen]
		opts = opts[4+padded:]
		switch code {
		case optEndOfOpt:
			if olen != 0 {
				return ifc, r.fail(start, fmt.Sprintf("Interface Description Block has opt_endofopt option with length %d != 0", olen))
			}
			return ifc, nil
		case optIfTSResol:
			if olen != 1 {
				return ifc, r.fail(start, fmt.Sprintf("Interface Description Block has if_tsresol option with length %d != 1", olen))
			}
			if sawResol {
				return ifc, r.fail(start, "Interface Description Block has more than one if_tsresol option")
			}
			sawResol = true
			res := val[0]
			if res&0x80 != 0 {
				shift := res & 0x7f
				if shift > 63 {
					return ifc, r.fail(start, fmt.Sprintf("Interface Description Block if_tsresol option resolution 2^-%d is too high", shift))
				}
				ifc.unit = 1 << shift
			} else {
				if res > 19 {
					return ifc, r.fail(start, fmt.Sprintf("Interface Description Block if_tsresol option resolution 10^-%d is too high", res))
				}
				ifc.unit = 1
				for i := uint8(0); i < res; i++ {
					ifc.unit *= 10
				}
			}
			ifc.TSResolution = res
		case optIfTSOffset:
			if olen != 8 {
				return ifc, r.fail(start, fmt.Sprintf("Interface Description Block has if_tsoffset option with length %d != 8", olen))
			}
			if sawOffset {
				return ifc, r.fail(start, "Interface Description Block has more than one if_tsoffset option")
			}
			sawOffset = true
			ifc.TSOffset = int64(o.Uint64(val))
		case optIfName:
			ifc.Name = string(val)
		case optIfDescr:
			ifc.Description = string(val)
		case optIfFCSLen:
			if olen == 1 {
				ifc.FCSLength = int(val[0])
			}
		}
	}
	return ifc, nil
}

func (r *Reader) nextPcapNG(ci *CaptureInfo) ([]byte, error) {
	for {
		btype, body, start, err := r.readBlock()
		if err != nil {
			return nil, err
		}
		o := r.order // a new section may have changed it
		var (
			ifid           uint32
			caplen, length uint32
			ts             uint64
			rest           []byte
		)
		switch btype {
		case blockEPB:
			if len(body) < epbFixedLen {
				return nil, r.tooShort(btype, start)
			}
			ifid = o.Uint32(body)
			ts = uint64(o.Uint32(body[4:]))<<32 | uint64(o.Uint32(body[8:]))
			caplen = o.Uint32(body[12:])
			length = o.Uint32(body[16:])
			rest = body[epbFixedLen:]
		case blockPB:
			if len(body) < pbFixedLen {
				return nil, r.tooShort(btype, start)
			}
			ifid = uint32(o.Uint16(body))
			ts = uint64(o.Uint32(body[4:]))<<32 | uint64(o.Uint32(body[8:]))
			caplen = o.Uint32(body[12:])
			length = o.Uint32(body[16:])
			rest = body[pbFixedLen:]
		case blockSPB:
			if len(body) < spbFixedLen {
				return nil, r.tooShort(btype, start)
			}
			// No captured length: it is the packet length cut to the
			// snapshot length. Simple packets belong to interface 0.
			length = o.Uint32(body)
			caplen = length
			if len(r.ifaces) > 0 {
				if s := r.snapFor(0); caplen > s {
					caplen = s
				}
			}
			rest = body[spbFixedLen:]
		case blockIDB:
			ifc, err := r.parseIDB(body, start)
			if err != nil {
				return nil, err
			}
			r.ifaces = append(r.ifaces, ifc)
			if m := maxBlockSizeFor(ifc.LinkType); m > r.maxBlockSize && !r.opt.StrictLibpcap {
				r.maxBlockSize = m
			}
			continue
		case blockSHB:
			if err := r.newSection(body, start); err != nil {
				return nil, err
			}
			continue
		default:
			continue // statistics, name resolution, custom ...: not needed
		}

		if uint64(ifid) >= uint64(len(r.ifaces)) {
			return nil, r.fail(start, fmt.Sprintf("a packet arrived on interface %d, but there's no Interface Description Block for that interface", ifid))
		}
		if s := r.snapFor(int(ifid)); caplen > s {
			return nil, r.fail(start, fmt.Sprintf("invalid packet capture length %d, bigger than snaplen of %d", caplen, s))
		}
		ifc := &r.ifaces[ifid]
		sec, frac := bits.Div64(0, ts, ifc.unit)
		ci.Sec = int64(sec + uint64(ifc.TSOffset))
		ci.Nsec = int64(scaleToNanos(frac, ifc.unit))
		ci.CaptureLength = int(caplen)
		ci.Length = int(length)
		ci.InterfaceIndex = int(ifid)
		ci.LinkType = ifc.LinkType
		if uint64(len(rest)) < uint64(caplen) {
			return nil, r.tooShort(btype, start)
		}
		return rest[:caplen], nil
	}
}

// snapFor is the snapshot length that bounds an interface's packets:
// libpcap uses the first interface's for all of them.
func (r *Reader) snapFor(i int) uint32 {
	if r.opt.StrictLibpcap {
		return r.snapshot
	}
	return r.ifaces[i].snapshot
}

// scaleToNanos converts frac units of 1/unit second to nanoseconds,
// rounding down like libpcap. frac < unit, so the quotient fits.
func scaleToNanos(frac, unit uint64) uint64 {
	switch unit {
	case 1000000:
		return frac * 1000
	case 1000000000:
		return frac
	}
	hi, lo := bits.Mul64(frac, 1000000000)
	q, _ := bits.Div64(hi, lo, unit)
	return q
}

func (r *Reader) newSection(body []byte, start int64) error {
	if len(body) < shbFixedLen {
		return r.tooShort(blockSHB, start)
	}
	switch bom := r.order.Uint32(body); bom {
	case byteOrderMagic:
	case bits.ReverseBytes32(byteOrderMagic):
		return r.fail(start, "the file has sections with different byte orders")
	default:
		return r.fail(start, "the file has a section with a bad byte order magic field")
	}
	if major := r.order.Uint16(body[4:]); major != pcapngVersionMajor {
		return r.fail(start, fmt.Sprintf("unknown pcapng savefile major version number %d", major))
	}
	// The new section has its own interfaces.
	r.ifaces = nil
	return nil
}
