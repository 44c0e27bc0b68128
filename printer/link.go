package printer

import "encoding/binary"

// EtherTypes the printers dispatch on.
const (
	etherTypeIPv4    = 0x0800
	etherTypeARP     = 0x0806
	etherTypeRARP    = 0x8035
	etherTypeIPv6    = 0x86dd
	etherType8021Q   = 0x8100
	etherTypeQinQ    = 0x88a8
	etherType8021Q91 = 0x9100
	etherType8021Q92 = 0x9200
	maxEtherLength   = 1500
)

// etherTypeNames are tcpdump's names for EtherTypes (ethertype_values);
// the first entry wins where two share a number.
var etherTypeNames = map[uint16]string{
	0x0800: "IPv4", 0x8847: "MPLS unicast", 0x8848: "MPLS multicast",
	0x86dd: "IPv6", 0x8100: "802.1Q", 0x9100: "802.1Q-9100",
	0x88a8: "802.1Q-QinQ", 0x9200: "802.1Q-9200", 0x88e5: "802.1AE MACsec",
	0x0200: "PUP", 0x0806: "ARP", 0x8035: "Reverse ARP", 0x0600: "NS",
	0x0500: "Sprite", 0x1000: "Trail", 0x6001: "MOP DL", 0x6002: "MOP RC",
	0x6003: "DN", 0x6004: "LAT", 0x6007: "SCA", 0x6558: "TEB",
	0x8038: "Lanbridge", 0x803c: "DEC DNS", 0x803e: "DEC DTS",
	0x805b: "VEXP", 0x805c: "VPROD", 0x809b: "Appletalk",
	0x80f3: "Appletalk ARP", 0x8137: "IPX", 0x880b: "PPP", 0x8808: "MPCP",
	0x8809: "Slow Protocols", 0x8863: "PPPoE D", 0x8864: "PPPoE S",
	0x888e: "EAPOL", 0x8899: "Realtek protocols", 0x886f: "MS NLB heartbeat",
	0x8870: "Jumbo", 0x894f: "NSH", 0x9000: "Loopback", 0xfefe: "OSI",
	0x00fe: "GRE-OSI", 0xabcd: "CFM (old)", 0x8902: "CFM",
	0x893a: "IEEE1905.1", 0x88cc: "LLDP", 0x88ca: "TIPC",
	0x0707: "GeoNet (old)", 0x8947: "GeoNet", 0x1111: "CALM FAST",
	0x88a2: "AoE", 0x88f7: "PTP", 0xd28b: "Arista Vendor Specific Protocol",
}

func isVLANType(t uint16) bool {
	return t == etherType8021Q || t == etherTypeQinQ || t == etherType8021Q91 || t == etherType8021Q92
}

// etherTypeName prints "ethertype NAME (0xHHHH)", or with -q just the name.
func (p *Printer) etherTypeName(t uint16) {
	name, ok := etherTypeNames[t]
	if !p.opt.Quiet {
		p.str("ethertype ")
		if ok {
			p.str(name)
		} else {
			p.str("Unknown")
		}
		p.str(" (0x")
		p.hex(uint64(t), 4)
		p.ch(')')
		return
	}
	if ok {
		p.str(name)
	} else {
		p.str("Unknown Ethertype (0x")
		p.hex(uint64(t), 4)
		p.ch(')')
	}
}

func (p *Printer) etherAddrs(off int) {
	p.mac(off+6, 6)
	p.str(" > ")
	p.mac(off, 6)
	p.str(", ")
}

// ether prints an Ethernet frame at off with the given wire and captured
// lengths and returns the link header length.
func (p *Printer) ether(off, length, caplen int) int {
	if length < caplen {
		p.str("[length ")
		p.dec(uint64(length))
		p.str(" < caplen ")
		p.dec(uint64(caplen))
		p.ch(']')
		p.str(" (invalid)")
		return length
	}
	if caplen < 14 {
		p.str(" [|")
		p.str(p.proto)
		p.ch(']')
		return caplen
	}
	orig := length
	src := off
	if p.opt.LinkHeader {
		p.etherAddrs(src)
	}
	length -= 12
	caplen -= 12
	off += 12
	hdr := 12
	t := p.be16(off)
	length -= 2
	caplen -= 2
	off += 2
	hdr += 2
	printedLen := false
	for isVLANType(t) {
		if caplen < 4 || length < 4 {
			p.proto = "vlan"
			p.str(" [|vlan]")
			if caplen < 4 {
				return hdr + caplen
			}
			return hdr + length
		}
		if p.opt.LinkHeader {
			tci := p.be16(off)
			p.etherTypeName(t)
			if !printedLen {
				p.str(", length ")
				p.dec(uint64(orig))
				p.str(": ")
				printedLen = true
			} else {
				p.str(", ")
			}
			p.vlanTag(tci)
		}
		t = p.be16(off + 2)
		off += 4
		length -= 4
		caplen -= 4
		hdr += 4
	}
	if t <= maxEtherLength {
		// 802.3 with an LLC header: not decoded here.
		if int(t) < length {
			length = int(t)
			if caplen > length {
				caplen = length
			}
		}
		if !p.opt.LinkHeader {
			p.etherAddrs(src)
		}
		p.str("802.3")
		if !printedLen {
			p.str(", length ")
			p.dec(uint64(length))
			p.str(": ")
		}
		p.defaultPrint(off, caplen)
		return hdr
	}
	if p.opt.LinkHeader {
		p.etherTypeName(t)
		if !printedLen {
			p.str(", length ")
			p.dec(uint64(orig))
			p.str(": ")
		} else {
			p.str(", ")
		}
	}
	if !p.etherType(t, off, length, caplen) {
		if !p.opt.LinkHeader {
			p.etherAddrs(src)
			p.etherTypeName(t)
			p.str(", length ")
			p.dec(uint64(orig))
			p.str(": ")
		}
		p.defaultPrint(off, caplen)
	}
	return hdr
}

// etherType prints the payload of the given EtherType and reports whether
// it knew the type.
func (p *Printer) etherType(t uint16, off, length, caplen int) bool {
	switch t {
	case etherTypeIPv4:
		p.ip4(off, length)
	case etherTypeIPv6:
		p.ip6(off, length)
	case etherTypeARP, etherTypeRARP:
		p.arp(off, length)
	default:
		return false
	}
	return true
}

// Linux cooked capture packet types.
var sllPacketTypes = [...]string{"In", "B", "M", "P", "Out"}

func sllPacketType(v uint16) string {
	if int(v) < len(sllPacketTypes) {
		return sllPacketTypes[v]
	}
	return "?"
}

// sllProto prints the protocol part of a cooked header for -e.
func (p *Printer) sllProto(t uint16, length int) {
	if p.opt.Quiet {
		return
	}
	if t <= maxEtherLength {
		switch t {
		case 1:
			p.str("802.3")
		case 4:
			p.str("802.2")
		default:
			p.str("ethertype Unknown (0x")
			p.hex(uint64(t), 4)
			p.ch(')')
		}
	} else {
		p.str("ethertype ")
		p.str(tokStr(etherTypeNames, t, "Unknown"))
		p.str(" (0x")
		p.hex(uint64(t), 4)
		p.ch(')')
	}
	p.str(", length ")
	p.dec(uint64(length))
	p.str(": ")
}

func (p *Printer) sllHeader(length int) {
	p.proto = "sll"
	p.out = appendPadString(p.out, sllPacketType(p.be16(0)), 3)
	p.ch(' ')
	if p.be16(4) == 6 {
		p.mac(6, 6)
		p.ch(' ')
	}
	p.sllProto(p.be16(14), length)
}

func appendPadString(b []byte, s string, width int) []byte {
	for n := len(s); n < width; n++ {
		b = append(b, ' ')
	}
	return append(b, s...)
}

func (p *Printer) sll(length int) {
	p.proto = "sll"
	p.need(0, 16)
	if p.opt.LinkHeader {
		p.sllHeader(length)
	}
	p.cookedPayload(16, p.be16(14), length, func() { p.sllHeader(length) })
}

func (p *Printer) sll2Header(length int) {
	p.proto = "sll2"
	p.str("ifindex ")
	p.dec(uint64(p.be32(4)))
	p.ch(' ')
	if p.u8(11) == 6 {
		p.mac(12, 6)
		p.ch(' ')
	}
	p.sllProto(p.be16(0), length)
}

func (p *Printer) sll2(length int) {
	p.proto = "sll2"
	p.need(0, 20)
	name := "?"
	if p.opt.InterfaceName != nil {
		if n := p.opt.InterfaceName(p.be32(4)); n != "" {
			name = n
		}
	}
	p.str(name)
	for n := len(name); n < 5; n++ {
		p.ch(' ')
	}
	p.ch(' ')
	pt := sllPacketType(uint16(p.u8(10)))
	p.str(pt)
	for n := len(pt); n < 3; n++ {
		p.ch(' ')
	}
	p.ch(' ')
	if p.opt.LinkHeader {
		p.sll2Header(length)
	}
	p.cookedPayload(20, p.be16(0), length, func() { p.sll2Header(length) })
}

// cookedPayload prints what follows a Linux cooked header of hdr bytes.
func (p *Printer) cookedPayload(hdr int, t uint16, length int, header func()) {
	off := hdr
	length -= hdr
	caplen := len(p.pkt) - hdr
	for {
		if t <= maxEtherLength {
			p.defaultPrint(off, caplen)
			break
		}
		if t == etherType8021Q {
			if caplen < 4 {
				p.proto = "vlan"
				p.str(" [|vlan]")
				p.llHdrLen += off - 0 + caplen
				return
			}
			if p.opt.LinkHeader {
				p.vlanTag(p.be16(off))
			}
			t = p.be16(off + 2)
			if t <= maxEtherLength {
				t = 4
			}
			if !p.opt.Quiet {
				p.str("ethertype ")
				p.str(tokStr(etherTypeNames, t, "Unknown"))
				p.str(", ")
			}
			off += 4
			length -= 4
			caplen -= 4
			continue
		}
		if !p.etherType(t, off, length, caplen) {
			if !p.opt.LinkHeader {
				header()
			}
			p.defaultPrint(off, caplen)
		}
		break
	}
	p.llHdrLen += off
}

// rawIP prints a LINKTYPE_RAW packet: IPv4 or IPv6 by the version nibble.
func (p *Printer) rawIP(length int) {
	p.proto = "raw"
	switch v := p.u8(0) >> 4; v {
	case 4:
		if p.opt.LinkHeader {
			p.str("IP ")
		}
		p.ip4(0, length)
	case 6:
		if p.opt.LinkHeader {
			p.str("IP6 ")
		}
		p.ip6(0, length)
	default:
		p.str("IP")
		p.dec(uint64(v))
		p.str(" (invalid)")
	}
}

// BSD address families that mean IPv4 or IPv6 in a loopback header; the
// IPv6 value differs between systems.
func nullFamilyIP(af uint32) (v4, v6 bool) {
	switch af {
	case 2:
		return true, false
	case 24, 28, 30:
		return false, true
	}
	return false, false
}

// null prints a BSD loopback packet: a 4-byte address family, host-endian
// for LINKTYPE_NULL and big-endian for LINKTYPE_LOOP.
func (p *Printer) null(length int) {
	p.proto = "null"
	if len(p.pkt) < 4 {
		p.str(" [|null]")
		p.llHdrLen = len(p.pkt)
		return
	}
	var af uint32
	if p.link == LinkLoop {
		af = binary.BigEndian.Uint32(p.pkt)
	} else {
		af = binary.LittleEndian.Uint32(p.pkt)
		if af&0xffff == 0 {
			// Written on a big-endian host.
			af = binary.BigEndian.Uint32(p.pkt)
		}
	}
	p.llHdrLen = 4
	if p.opt.LinkHeader {
		p.nullFamily(af)
		p.str(", length ")
		p.dec(uint64(length))
		p.str(": ")
	}
	v4, v6 := nullFamilyIP(af)
	switch {
	case v4:
		p.ip4(4, length-4)
	case v6:
		p.ip6(4, length-4)
	default:
		if !p.opt.LinkHeader {
			p.nullFamily(af)
			p.str(", length ")
			p.dec(uint64(length))
			p.str(": ")
		}
		p.defaultPrint(4, len(p.pkt)-4)
	}
}

var bsdFamilyNames = map[uint32]string{
	2: "IPv4", 7: "OSI", 16: "Appletalk", 23: "IPX", 24: "IPv6", 28: "IPv6", 30: "IPv6",
}

func (p *Printer) nullFamily(af uint32) {
	if name, ok := bsdFamilyNames[af]; ok {
		p.str(name)
		return
	}
	p.str("AF ")
	p.dec(uint64(af))
	p.str(" (")
	p.dec(uint64(af))
	p.ch(')')
}

// vlanTag prints an 802.1Q tag control field as -e shows it:
// "vlan ID, p PRIORITY[, DEI], ".
func (p *Printer) vlanTag(tci uint16) {
	p.str("vlan ")
	p.dec(uint64(tci & 0xfff))
	p.str(", p ")
	p.dec(uint64(tci >> 13))
	if tci&0x1000 != 0 {
		p.str(", DEI")
	}
	p.str(", ")
}
