package pcapfile

import (
	"encoding/binary"
	"fmt"
	"io"
)

// Magic numbers of pcap files, as read in the writer's byte order.
const (
	magicMicro     = 0xa1b2c3d4
	magicNano      = 0xa1b23c4d
	magicKuznetzov = 0xa1b2cd34 // patched libpcap (Red Hat 6.x): 24-byte record headers
)

const (
	pcapFileHeaderLen    = 24
	pcapRecordHeaderLen  = 16
	kuznetzovHeaderLen   = 24
	pcapVersionMajor     = 2
	pcapVersionMinor     = 4
	linkTypeReservedMask = 0x03ff0000
	linkTypeEthernet     = 1
)

func (r *Reader) openPcap() error {
	in := r.in
	m := in.peek(4)
	var order binary.ByteOrder
	var magic uint32
	switch {
	case isPcapMagic(binary.LittleEndian.Uint32(m)):
		order, magic = binary.LittleEndian, binary.LittleEndian.Uint32(m)
	case isPcapMagic(binary.BigEndian.Uint32(m)):
		order, magic = binary.BigEndian, binary.BigEndian.Uint32(m)
	default:
		return errNotThisFormat
	}
	if got := in.fill(pcapFileHeaderLen); got < pcapFileHeaderLen {
		// libpcap counts only the bytes read after the magic number.
		return r.shortRead(0, fmt.Sprintf("truncated dump file; tried to read %d file header bytes, only got %d",
			pcapFileHeaderLen, got-4))
	}
	h := in.peek(pcapFileHeaderLen)
	r.format = FormatPcap
	r.order = order
	r.major = order.Uint16(h[4:])
	r.minor = order.Uint16(h[6:])
	snaplen := order.Uint32(h[16:])
	lt := order.Uint32(h[20:])

	// Versions 2.0 to 2.4 are valid, and 543.0 from DG/UX tcpdump.
	if !(r.major == pcapVersionMajor && r.minor <= pcapVersionMinor) && !(r.major == 543 && r.minor == 0) {
		return r.fail(0, fmt.Sprintf("unsupported pcap savefile version %d.%d", r.major, r.minor))
	}
	if res := lt & linkTypeReservedMask; res != 0 {
		return r.fail(0, fmt.Sprintf("savefile linktype reserved field not zero (0x%08x)", res))
	}
	r.linkType = lt & 0xffff
	r.linkExt = lt & 0xffff0000
	r.snapshot = adjustSnapshot(r.linkType, snaplen)
	r.maxCaplen = maxSnaplenForLinkType(r.linkType)
	r.nano = magic == magicNano

	// Caplen and len traded places in version 2.3; some 2.3 files still
	// have the old order, and DG/UX writes the old order as 543.0.
	switch {
	case r.major == 543, r.major == 2 && r.minor < 3:
		r.lengths = lengthsSwapped
	case r.major == 2 && r.minor == 3:
		r.lengths = lengthsMaybeSwapped
	}

	r.hdrSize = pcapRecordHeaderLen
	if magic == magicKuznetzov {
		r.hdrSize = kuznetzovHeaderLen
		// Such captures may have been made in cooked mode, with a
		// 14-byte fake Ethernet header added to a snaplen-sized packet.
		if r.linkType == linkTypeEthernet {
			if r.snapshot <= 0x7fffffff-14 {
				r.snapshot += 14
			} else {
				r.snapshot = 0x7fffffff
			}
		}
	}
	res, unit := uint8(6), uint64(1000000)
	if r.nano {
		res, unit = 9, 1000000000
	}
	r.ifaces = []Interface{{
		LinkType:     r.linkType,
		Snaplen:      snaplen,
		TSResolution: res,
		unit:         unit,
		FCSLength:    r.FCSLength(),
		snapshot:     r.snapshot,
	}}
	r.first = r.ifaces[0]
	in.skip(pcapFileHeaderLen)
	return nil
}

func isPcapMagic(m uint32) bool {
	return m == magicMicro || m == magicNano || m == magicKuznetzov
}

func (r *Reader) nextPcap(ci *CaptureInfo) ([]byte, error) {
	in := r.in
	start := in.off
	hs := r.hdrSize
	if got := in.fill(hs); got < hs {
		if got == 0 {
			if err := in.readErr(); err != nil {
				return nil, r.shortRead(start, "")
			}
			return nil, io.EOF
		}
		return nil, r.shortRead(start, fmt.Sprintf("truncated dump file; tried to read %d header bytes, only got %d", hs, got))
	}
	h := in.peek(hs)
	o := r.order
	sec := o.Uint32(h[0:])
	frac := o.Uint32(h[4:])
	caplen := o.Uint32(h[8:])
	length := o.Uint32(h[12:])
	switch r.lengths {
	case lengthsSwapped:
		caplen, length = length, caplen
	case lengthsMaybeSwapped:
		if caplen > length {
			caplen, length = length, caplen
		}
	}
	// The record as stored is what a Writer would write for the packet
	// only with the usual header size and the fields in today's order.
	verbatim := hs == pcapRecordHeaderLen && caplen == o.Uint32(h[8:])
	ci.Sec = int64(sec)
	if r.nano {
		ci.Nsec = int64(frac)
	} else {
		ci.Nsec = int64(frac) * 1000
	}
	ci.Length = int(length)
	ci.InterfaceIndex = 0
	ci.LinkType = r.linkType

	if caplen > r.maxCaplen {
		// Damaged or fuzzed.
		if caplen > r.snapshot {
			return nil, r.fail(start, fmt.Sprintf("invalid packet capture length %d, bigger than snaplen of %d", caplen, r.snapshot))
		}
		return nil, r.fail(start, fmt.Sprintf("invalid packet capture length %d, bigger than maximum of %d", caplen, r.maxCaplen))
	}
	if caplen > r.snapshot {
		in.skip(hs)
		// Over the file's snapshot length but under the sane maximum:
		// libpcap keeps the first snapshot-length bytes and drops the
		// rest, so callers never see more than the snapshot length.
		keep := int(r.snapshot)
		if got := in.fill(keep); got < keep {
			return nil, r.shortRead(start, fmt.Sprintf("truncated dump file; tried to read %d captured bytes, only got %d", keep, got))
		}
		// Discard beyond the kept bytes without growing the buffer.
		data := in.peek(keep)
		rest := int64(caplen - r.snapshot)
		if in.avail()-keep >= int(rest) {
			in.skip(keep + int(rest))
		} else {
			// The kept bytes must survive reads that refill the
			// buffer; copy them aside.
			r.copyBuf = append(r.copyBuf[:0], data...)
			data = r.copyBuf
			in.skip(keep)
			if got := in.discard(rest); got < rest {
				return nil, r.shortRead(start, fmt.Sprintf("truncated dump file; tried to read %d captured bytes, only got %d", caplen, int64(keep)+got))
			}
		}
		ci.CaptureLength = keep
		return data, nil
	}
	// Header and data together, so that the whole record can be handed
	// on unchanged (Writer.CopyRecord).
	n := int(caplen)
	if got := in.fill(hs + n); got < hs+n {
		in.skip(hs)
		return nil, r.shortRead(start, fmt.Sprintf("truncated dump file; tried to read %d captured bytes, only got %d", caplen, got-hs))
	}
	rec := in.peek(hs + n)
	if verbatim {
		r.raw, r.rawMapped = rec, in.inMap
	}
	in.skip(hs + n)
	ci.CaptureLength = n
	return rec[hs:], nil
}
