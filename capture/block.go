//go:build linux

package capture

import (
	"encoding/binary"
	"fmt"
	"time"
	"unsafe"

	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/internal/prefetch"
	"github.com/gopacket/gopacket"
	"golang.org/x/sys/unix"
)

// Packet types from the kernel's sockaddr_ll (PACKET_HOST, ...).
const (
	PacketHost      = unix.PACKET_HOST      // to this host
	PacketBroadcast = unix.PACKET_BROADCAST // link-layer broadcast
	PacketMulticast = unix.PACKET_MULTICAST // link-layer multicast
	PacketOtherHost = unix.PACKET_OTHERHOST // to another host (promiscuous)
	PacketOutgoing  = unix.PACKET_OUTGOING  // sent by this host
)

// Packet is one captured packet. Data is a slice of the kernel's ring: it
// stays valid only until the block is released (the ReadBlock callback
// returns, or the next ZeroCopyReadPacketData call).
type Packet struct {
	// Data holds the captured bytes, starting with the link-layer header
	// of the capture's link type (a cooked header on "any", a re-inserted
	// VLAN tag when the kernel had removed one).
	Data []byte
	// CaptureInfo carries the timestamp, the captured and original
	// lengths (both including a cooked header or VLAN tag), and the
	// kernel's index of the interface the packet was seen on.
	gopacket.CaptureInfo
	// PacketType is the kernel's classification (PacketHost, ...,
	// PacketOutgoing).
	PacketType uint8
	// Protocol is the packet's EtherType (ETH_P_*) as the kernel saw it.
	Protocol uint16

	room []byte // Headroom bytes of scratch space, then Data
}

// Headroom is how many bytes in front of every packet's Data, inside the
// ring, are the caller's to overwrite: room for a pcap record header, so
// that a savefile writer can put the header there and write header and
// packet from the ring as one piece (see WithHeadroom).
const Headroom = 16

// WithHeadroom returns Data preceded by Headroom bytes of scratch space:
// the pcap record for pcapfile's Writer.WriteRecordInPlace. It is valid
// as long as Data is, and nil for a Packet that was not read from a ring.
func (p *Packet) WithHeadroom() []byte { return p.room }

// Outgoing reports whether the packet was sent by this host.
func (p *Packet) Outgoing() bool { return p.PacketType == PacketOutgoing }

// Block is a ring block handed to user space, walked packet by packet with
// Next and Packet. It is only valid inside the ReadBlock callback.
type Block struct {
	h     *Handle
	mem   []byte // the whole block
	n     int    // packets the kernel put in the block
	i     int    // packets walked so far
	off   int    // offset of the next packet header within mem
	pkt   Packet
	err   error
	valid bool
	step  int  // the stride prefetchAhead last guessed with
	kept  byte // what prefetch.Lines returned (off amd64, loads), kept so they stay
}

// lookAhead is how many packet headers past the next one prefetchAhead
// loads.
const lookAhead = 3

// prefetchAhead asks for the headers of the packets after the one at b.off,
// step bytes after its predecessor. The kernel wrote the block from
// another processor, so every header is a cache miss, and walking them
// is a chain of dependent loads (each header gives the next one's place);
// prefetches overlap those misses with the work on the packets before.
// Where the next headers lie is a guess, that packets keep one size, as a
// bulk transfer does; a wrong guess costs a useless prefetch in the same
// block. On a synthetic 64 MiB ring of 1514-byte frames plain loads ahead
// took the walk-and-write loop from a median of 72 to 54 ns a packet; in
// live captures (capbench, 1500-byte frames, 4 runs each, twice) prefetch
// instructions, which unlike loads never hold up what follows, cost 0.16
// and 0.17 us a packet against 0.22 and 0.26 with loads.
func (b *Block) prefetchAhead(step int) {
	k := 1
	if step == b.step {
		// The nearer headers were asked for with the packets before.
		k = lookAhead
	}
	b.step = step
	for ; k <= lookAhead; k++ {
		at := b.off + k*step
		if at > len(b.mem)-tp3HdrPlusSLL {
			return
		}
		// The header and the sockaddr_ll after it can span two lines.
		b.kept |= prefetch.Lines(&b.mem[at], tp3HdrPlusSLL)
	}
}

// Len returns the number of packets the kernel wrote into the block,
// including any that Next will skip (direction filtering, loopback copies).
func (b *Block) Len() int { return b.n }

// Next advances to the next packet kept by the capture and reports whether
// there is one. It returns false at the end of the block or on a corrupt
// frame (see Err).
func (b *Block) Next() bool {
	for b.err == nil && b.i < b.n {
		keep, err := b.h.decode(b.mem, b.off, &b.pkt)
		if err != nil {
			b.err = err
			break
		}
		next := int(ne32(b.mem, b.off))
		b.i++
		if b.i < b.n {
			if next <= 0 || b.off+next > len(b.mem)-tp3HdrPlusSLL {
				b.err = fmt.Errorf("packet %d of %d: next offset %d: %w", b.i, b.n, next, ErrCorruptRing)
				break
			}
			b.off += next
			b.prefetchAhead(next)
		}
		if keep {
			b.valid = true
			return true
		}
	}
	b.valid = false
	return false
}

// Packet returns the current packet. The pointer and Data stay valid until
// the next call to Next or the end of the ReadBlock callback.
func (b *Block) Packet() *Packet {
	if !b.valid {
		return nil
	}
	return &b.pkt
}

// Err returns the error that stopped Next early, if any.
func (b *Block) Err() error { return b.err }

// reset points the cursor at the block starting at off in the ring.
func (b *Block) reset(h *Handle, off int) error {
	mem := h.ring[off : off+h.blockSize]
	*b = Block{h: h, mem: mem}
	b.n = int(ne32(mem, blockNumPktsOff))
	first := int(ne32(mem, blockFirstOff))
	if b.n > 0 && (first < blockDescLen || first > len(mem)-tp3HdrPlusSLL) {
		b.err = fmt.Errorf("first packet offset %d: %w", first, ErrCorruptRing)
		b.n = 0
		return b.err
	}
	b.off = first
	return nil
}

// decode fills p from the packet header at off within the block mem,
// rewriting the ring in place where a cooked header or VLAN tag must be
// added in front of the data, and reports whether the capture keeps the
// packet.
func (h *Handle) decode(mem []byte, off int, p *Packet) (bool, error) {
	hdr := (*unix.Tpacket3Hdr)(unsafe.Pointer(&mem[off]))
	sll := mem[off+tp3HdrLen : off+tp3HdrPlusSLL]
	pktType := sll[10]
	ifindex := int(int32(ne32(sll, 4)))

	// Which packets the capture keeps (libpcap's linux_check_direction):
	// outgoing copies on loopback are duplicates of the incoming ones.
	if pktType == PacketOutgoing {
		if ifindex == h.loIndex || h.direction == DirectionIn {
			return false, nil
		}
	} else if h.direction == DirectionOut {
		return false, nil
	}

	mac := int(hdr.Mac)
	caplen := int(hdr.Snaplen)
	wirelen := int(hdr.Len)
	start := off + mac
	if mac < tp3HdrPlusSLL || start+caplen > len(mem) {
		return false, fmt.Errorf("mac offset %d + caplen %d > block of %d: %w", mac, caplen, len(mem)-off, ErrCorruptRing)
	}
	if h.refilter != nil {
		// Queued under an older filter: run the current one here, on
		// the bytes and metadata the kernel filter would have seen.
		md := bpfvm.Metadata{
			Protocol:      binary.BigEndian.Uint16(sll[2:4]),
			PktType:       pktType,
			IfIndex:       uint32(ifindex),
			HAType:        *(*uint16)(unsafe.Pointer(&sll[8])),
			RxHash:        hdr.Hv1.Rxhash,
			VLANTCI:       uint16(hdr.Hv1.Vlan_tci),
			VLANPresent:   hdr.Hv1.Vlan_tci != 0 || hdr.Status&unix.TP_STATUS_VLAN_VALID != 0,
			VLANTPID:      hdr.Hv1.Vlan_tpid,
			LinkOffset:    0,
			NetworkOffset: int(hdr.Net) - mac,
		}
		if h.cookedLen > 0 {
			md.LinkOffset = -1
		}
		keep := h.refilter.prog.Run(mem[start:start+caplen], wirelen, &md)
		if keep == 0 {
			return false, nil
		}
		if int(keep) < caplen {
			caplen = int(keep)
		}
	}
	// Everything between the sockaddr_ll and the data is head-room we may
	// write into; the last Headroom bytes of it are the caller's.
	floor := off + tp3HdrPlusSLL + Headroom

	if h.cookedLen > 0 {
		start -= h.cookedLen
		if start < floor {
			return false, fmt.Errorf("no room for the cooked header: %w", ErrCorruptRing)
		}
		c := mem[start : start+h.cookedLen]
		if h.cookedLen == sll2HeaderLen {
			// LINUX_SLL2: protocol, reserved, ifindex, hatype, pkttype,
			// halen, address.
			c[0], c[1] = sll[2], sll[3]
			c[2], c[3] = 0, 0
			binary.BigEndian.PutUint32(c[4:8], uint32(ifindex))
			binary.BigEndian.PutUint16(c[8:10], *(*uint16)(unsafe.Pointer(&sll[8])))
			c[10] = pktType
			c[11] = sll[11]
			copy(c[12:20], sll[12:20])
		} else {
			// LINUX_SLL: pkttype, hatype, halen, address, protocol.
			binary.BigEndian.PutUint16(c[0:2], uint16(pktType))
			binary.BigEndian.PutUint16(c[2:4], *(*uint16)(unsafe.Pointer(&sll[8])))
			binary.BigEndian.PutUint16(c[4:6], uint16(sll[11]))
			copy(c[6:14], sll[12:20])
			c[14], c[15] = sll[2], sll[3]
		}
		caplen += h.cookedLen
		wirelen += h.cookedLen
	}

	// The kernel strips 802.1Q/802.1ad tags before the tap; put the tag
	// back between the addresses and the type field.
	tci := hdr.Hv1.Vlan_tci
	if h.vlanOffset >= 0 && (tci != 0 || hdr.Status&unix.TP_STATUS_VLAN_VALID != 0) && caplen >= h.vlanOffset {
		tpid := hdr.Hv1.Vlan_tpid
		if tpid == 0 && hdr.Status&unix.TP_STATUS_VLAN_TPID_VALID == 0 {
			tpid = ethP8021Q
		}
		if start-vlanTagLen < floor {
			return false, fmt.Errorf("no room for the VLAN tag: %w", ErrCorruptRing)
		}
		copy(mem[start-vlanTagLen:], mem[start:start+h.vlanOffset])
		start -= vlanTagLen
		tag := mem[start+h.vlanOffset : start+h.vlanOffset+vlanTagLen]
		binary.BigEndian.PutUint16(tag[0:2], tpid)
		binary.BigEndian.PutUint16(tag[2:4], uint16(tci))
		caplen += vlanTagLen
		wirelen += vlanTagLen
	}
	if caplen > h.snaplen {
		caplen = h.snaplen
	}

	nsec := hdr.Nsec
	if !h.nano {
		nsec -= nsec % 1000
	}
	if start < floor {
		return false, fmt.Errorf("mac offset %d leaves no head-room: %w", mac, ErrCorruptRing)
	}
	p.room = mem[start-Headroom : start+caplen : start+caplen]
	p.Data = p.room[Headroom:]
	p.Timestamp = time.Unix(int64(hdr.Sec), int64(nsec))
	p.CaptureLength = caplen
	p.Length = wirelen
	p.InterfaceIndex = ifindex
	p.AncillaryData = nil
	p.PacketType = pktType
	p.Protocol = binary.BigEndian.Uint16(sll[2:4])
	return true, nil
}
