package bpfvm

import "encoding/binary"

// Linux's special load offsets (include/uapi/linux/filter.h). Loads at
// these negative offsets read packet metadata or headers found by the
// kernel rather than packet bytes.
const (
	SKFAdOff  = 0xfffff000 // SKF_AD_OFF: ancillary data, SKFAdOff + SKFAd*
	SKFNetOff = 0xfff00000 // SKF_NET_OFF: network header + n
	SKFLLOff  = 0xffe00000 // SKF_LL_OFF: link-layer header + n
)

// Ancillary data fields: a load from absolute offset SKFAdOff+SKFAd* reads
// the field instead of packet bytes (Linux mode only).
const (
	SKFAdProtocol       = 0
	SKFAdPktType        = 4
	SKFAdIfIndex        = 8
	SKFAdNlAttr         = 12
	SKFAdNlAttrNest     = 16
	SKFAdMark           = 20
	SKFAdQueue          = 24
	SKFAdHAType         = 28
	SKFAdRxHash         = 32
	SKFAdCPU            = 36
	SKFAdALUXorX        = 40
	SKFAdVLANTag        = 44
	SKFAdVLANTagPresent = 48
	SKFAdPayOffset      = 52
	SKFAdRandom         = 56
	SKFAdVLANTPID       = 60
	skfAdMax            = 64
)

// Metadata is what the kernel knows about a packet besides its bytes: the
// sk_buff fields that ancillary loads read, and where the link-layer and
// network headers start (for SKF_LL_OFF and SKF_NET_OFF loads). The zero
// value has both headers at offset 0 and every field 0; MetadataFor fills
// in what a link type and a packet imply.
type Metadata struct {
	Protocol uint16 // skb->protocol in host order: the EtherType (SKF_AD_PROTOCOL)
	PktType  uint8  // PACKET_HOST 0, BROADCAST 1, MULTICAST 2, OTHERHOST 3, OUTGOING 4
	IfIndex  uint32 // receiving interface's index
	// NoDevice makes ifindex and hatype loads end the program returning A,
	// as the kernel does for an skb without a device.
	NoDevice bool
	Mark     uint32
	Queue    uint16 // skb->queue_mapping
	HAType   uint16 // device type, ARPHRD_*
	RxHash   uint32
	CPU      uint32
	// VLANTCI, VLANPresent and VLANTPID describe a VLAN tag the kernel
	// removed from the packet (hardware offload or the receive path).
	VLANTCI     uint16
	VLANPresent bool
	VLANTPID    uint16
	// PayloadOffset is what the flow dissector gives SKF_AD_PAY_OFFSET.
	PayloadOffset uint32
	// Random supplies SKF_AD_RANDOM; nil means math/rand/v2.
	Random func() uint32
	// LinkOffset and NetworkOffset are the offsets in the packet data of
	// the link-layer and network headers; -1 means the packet has none,
	// and loads relative to it fail.
	LinkOffset, NetworkOffset int
}

// ARPHRD_ values for HAType.
const (
	arphrdEther    = 1
	arphrdPPP      = 512
	arphrdLoopback = 772
	arphrdNone     = 0xfffe
)

// linkLayout is where a link type's network header starts and which
// device type the kernel would report for it.
type linkLayout struct {
	network int
	hatype  uint16
}

// Link types (LINKTYPE_*) whose network header offset is fixed.
var linkLayouts = map[uint32]linkLayout{
	0:   {4, arphrdLoopback}, // NULL: 4-byte address family
	1:   {14, arphrdEther},   // ETHERNET
	9:   {4, arphrdPPP},      // PPP: address, control, protocol
	101: {0, arphrdNone},     // RAW IP
	108: {4, arphrdLoopback}, // LOOP
	113: {16, 0},             // LINUX_SLL (type from the header)
	228: {0, arphrdNone},     // IPV4
	229: {0, arphrdNone},     // IPV6
	276: {20, 0},             // LINUX_SLL2 (type from the header)
}

// MetadataFor derives metadata for replaying a captured packet of the
// given LINKTYPE_ value: the header offsets (Ethernet: link layer 0,
// network 14; Linux cooked: 16 or 20; raw IP: 0 and 0; unknown link
// types: link layer 0, no network header), the device type, and the
// protocol and packet type where the link-layer header records them.
// A VLAN tag inside the packet is left there, as in a savefile.
func MetadataFor(linkType uint32, pkt []byte) Metadata {
	md := Metadata{LinkOffset: 0, NetworkOffset: -1}
	l, ok := linkLayouts[linkType]
	if !ok {
		return md
	}
	md.NetworkOffset = l.network
	md.HAType = l.hatype
	be := binary.BigEndian
	switch linkType {
	case 1:
		if len(pkt) >= 14 {
			md.Protocol = ethernetProtocol(pkt)
			switch {
			case pkt[0]&pkt[1]&pkt[2]&pkt[3]&pkt[4]&pkt[5] == 0xff:
				md.PktType = 1 // broadcast
			case pkt[0]&1 != 0:
				md.PktType = 2 // multicast
			}
		}
	case 101, 228, 229:
		if len(pkt) > 0 {
			switch pkt[0] >> 4 {
			case 4:
				md.Protocol = 0x0800
			case 6:
				md.Protocol = 0x86dd
			}
		}
	case 113:
		if len(pkt) >= 16 {
			md.PktType = uint8(be.Uint16(pkt))
			md.HAType = be.Uint16(pkt[2:])
			md.Protocol = be.Uint16(pkt[14:])
		}
	case 276:
		if len(pkt) >= 20 {
			md.Protocol = be.Uint16(pkt)
			md.IfIndex = be.Uint32(pkt[4:])
			md.HAType = be.Uint16(pkt[8:])
			md.PktType = pkt[10]
		}
	}
	return md
}

// ethernetProtocol is what Linux's eth_type_trans puts in skb->protocol.
func ethernetProtocol(pkt []byte) uint16 {
	t := binary.BigEndian.Uint16(pkt[12:])
	if t >= 0x600 {
		return t
	}
	if len(pkt) >= 16 && pkt[14] == 0xff && pkt[15] == 0xff {
		return 0x0001 // ETH_P_802_3: raw IPX
	}
	return 0x0004 // ETH_P_802_2
}

// nlaFind is the kernel's nla_find over data[off:off+n]: the offset in
// data of the first netlink attribute of the given type, or 0. Netlink
// headers are in host order; this follows little-endian hosts.
func nlaFind(data []byte, off, n int, typ uint32) uint32 {
	const hdr = 4
	for n >= hdr {
		l := int(binary.LittleEndian.Uint16(data[off:]))
		if l < hdr || l > n {
			return 0
		}
		if uint32(binary.LittleEndian.Uint16(data[off+2:])&0x3fff) == typ {
			return uint32(off)
		}
		step := (l + 3) &^ 3
		off += step
		n -= step
	}
	return 0
}

// nlAttr implements SKF_AD_NLATTR: search attributes from offset a for
// type x.
func nlAttr(pkt []byte, a, x uint32) uint32 {
	n := uint64(len(pkt))
	if n < 4 || uint64(a) > n-4 {
		return 0
	}
	return nlaFind(pkt, int(a), len(pkt)-int(a), x)
}

// nlAttrNest implements SKF_AD_NLATTR_NEST: search inside the attribute
// at offset a for type x.
func nlAttrNest(pkt []byte, a, x uint32) uint32 {
	n := uint64(len(pkt))
	if n < 4 || uint64(a) > n-4 {
		return 0
	}
	l := int(binary.LittleEndian.Uint16(pkt[a:]))
	if l > len(pkt)-int(a) {
		return 0
	}
	return nlaFind(pkt, int(a)+4, l-4, x)
}
