package printer

// IP protocol numbers the printers dispatch on.
const (
	protoHopOpts  = 0
	protoICMP     = 1
	protoIPv4     = 4
	protoTCP      = 6
	protoUDP      = 17
	protoDCCP     = 33
	protoIPv6     = 41
	protoRouting  = 43
	protoFragment = 44
	protoICMPv6   = 58
	protoNone     = 59
	protoDstOpts  = 60
	protoMobOld   = 62
	protoND       = 77
	protoSCTP     = 132
	protoMobility = 135
	protoEthernet = 143
)

// ipProtoNames are tcpdump's names for IP protocols (ipproto_values).
var ipProtoNames = map[uint8]string{
	0: "HBH", 1: "ICMP", 2: "IGMP", 4: "IPIP", 6: "TCP", 8: "EGP", 9: "IGRP",
	17: "UDP", 33: "DCCP", 41: "IPv6", 43: "Routing", 44: "Fragment",
	46: "RSVP", 47: "GRE", 50: "ESP", 51: "AH", 55: "Mobile IP",
	58: "ICMPv6", 59: "No Next Header", 60: "DSTOPT", 62: "Mobile IP (old)",
	88: "EIGRP", 89: "OSPF", 103: "PIM", 108: "Compressed IP", 112: "VRRP",
	113: "PGM", 132: "SCTP", 135: "Mobility", 143: "Ethernet",
}

func ipProtoName(v uint8) string {
	return tokStr(ipProtoNames, v, "unknown")
}

var ipOptionNames = map[uint8]string{
	0: "EOL", 1: "NOP", 68: "timestamp", 130: "security", 7: "RR",
	137: "SSRR", 131: "LSRR", 148: "RA", 82: "traceroute",
}

// ipHeader describes the network header a transport printer runs under.
type ipHeader struct {
	off int  // offset of the IPv4 or IPv6 header
	v6  bool // IPv6
	nh  uint8
}

// ip4 prints the IPv4 datagram at off; length is the number of bytes the
// layer below says it holds.
func (p *Printer) ip4(off, length int) {
	p.proto = "ip"
	if !p.opt.LinkHeader {
		p.str("IP ")
	}
	if length < 20 {
		p.invalidCheck("length", uint64(length), "<", 20)
		return
	}
	vhl := p.u8(off)
	if vhl>>4 != 4 {
		p.invalidCheck("version", uint64(vhl>>4), "!=", 4)
		return
	}
	hlen := int(vhl&15) * 4
	if hlen < 20 {
		p.invalidCheck("header length", uint64(hlen), "<", 20)
		return
	}
	tot := int(p.be16(off + 2))
	if tot > length {
		p.str("[total length ")
		p.dec(uint64(tot))
		p.str(" > length ")
		p.dec(uint64(length))
		p.str("] (invalid) ")
	}
	presumedOffload := false
	if tot == 0 {
		if nh := p.u8(off + 9); nh == protoTCP || nh == protoUDP {
			tot = length
			presumedOffload = true
		}
	}
	if tot < hlen {
		p.str("[total length ")
		p.dec(uint64(tot))
		p.str(" < header length ")
		p.dec(uint64(hlen))
		p.str("] (invalid)")
		return
	}
	p.need(off, 20)
	saved := p.pushSnap(off, min(length, tot))
	plen := tot - hlen
	frag := p.be16(off + 6)
	proto := p.u8(off + 9)
	if p.opt.Verbose > 0 {
		tos := p.u8(off + 1)
		p.str("(tos 0x")
		p.hex(uint64(tos), 1)
		switch tos & 3 {
		case 1:
			p.str(",ECT(1)")
		case 2:
			p.str(",ECT(0)")
		case 3:
			p.str(",CE")
		}
		if ttl := p.u8(off + 8); ttl >= 1 {
			p.str(", ttl ")
			p.dec(uint64(ttl))
		}
		p.str(", id ")
		p.dec(uint64(p.be16(off + 4)))
		p.str(", offset ")
		p.dec(uint64(frag&0x1fff) * 8)
		p.str(", flags [")
		if frag&0xe000 == 0 {
			p.str("none")
		} else {
			sep := ""
			if frag&0x2000 != 0 {
				p.str("+")
				sep = ", "
			}
			if frag&0x4000 != 0 {
				p.str(sep)
				p.str("DF")
				sep = ", "
			}
			if frag&0x8000 != 0 {
				p.str(sep)
				p.str("rsvd")
			}
		}
		p.str("], proto ")
		p.str(ipProtoName(proto))
		p.str(" (")
		p.dec(uint64(proto))
		p.ch(')')
		if presumedOffload {
			p.str(", length ")
			p.dec(uint64(length))
			if length > 65535 {
				p.str(" [was 0, presumed BIG TCP]")
			} else {
				p.str(" [was 0, presumed TSO]")
			}
		} else {
			p.str(", length ")
			p.dec(uint64(p.be16(off + 2)))
		}
		truncOpt := false
		if hlen > 20 {
			p.str(", options (")
			if !p.ipOptions(off+20, hlen-20) {
				p.str(" [truncated-option]")
				truncOpt = true
			}
			p.ch(')')
		}
		if p.have(off, hlen) {
			if sum := fold(sum16(0, p.pkt[off:off+hlen])); sum != 0 {
				field := p.be16(off + 10)
				p.str(", bad cksum ")
				p.hex(uint64(field), 1)
				p.str(" (->")
				p.hex(uint64(shouldBe(field, sum)), 1)
				p.str(")!")
			}
		}
		if p.opt.NoLineBreak {
			p.str(") ")
		} else {
			p.str(")\n    ")
		}
		if truncOpt {
			p.ipv4(off + 12)
			p.str(" > ")
			p.ipv4(off + 16)
			p.str(": ")
			p.str(" [|")
			p.str(p.proto)
			p.ch(']')
			p.snap = saved
			return
		}
	}
	if frag&0x1fff == 0 {
		if proto != protoTCP && proto != protoUDP && proto != protoSCTP && proto != protoDCCP {
			p.ipv4(off + 12)
			p.str(" > ")
			p.ipv4(off + 16)
			p.str(": ")
		}
		if !p.have(off, hlen) {
			p.str(" [remaining caplen(")
			p.dec(uint64(p.avail(off)))
			p.str(") < header length(")
			p.dec(uint64(hlen))
			p.str(")]")
			p.trunc()
		}
		p.ipDemux(off+hlen, min(length-hlen, plen), ipHeader{off: off, nh: proto}, frag&0x2000 != 0)
	} else {
		p.ipv4(off + 12)
		p.str(" > ")
		p.ipv4(off + 16)
		p.str(": ")
		p.ipProtoWord(proto)
	}
	p.snap = saved
}

// ipOptions prints IPv4 options; false means they ran off the capture.
func (p *Printer) ipOptions(off, length int) (ok bool) {
	sep := ""
	for length > 0 {
		p.str(sep)
		sep = ","
		if !p.have(off, 1) {
			p.trunc()
		}
		code := p.pkt[off]
		printTok(p, ipOptionNames, code, "unknown ", "")
		olen := 1
		if code != 0 && code != 1 {
			olen = int(p.u8(off + 1))
			if olen < 2 {
				p.str(" [bad length ")
				p.dec(uint64(olen))
				p.ch(']')
				return true
			}
		}
		if olen > length {
			p.str(" [bad length ")
			p.dec(uint64(olen))
			p.ch(']')
			return true
		}
		if !p.have(off, olen) {
			return false
		}
		switch code {
		case 0:
			return true
		case 68:
			if !p.ipTimestampOption(off, olen) {
				return false
			}
		case 7, 137, 131:
			if !p.ipRouteOption(off, olen) {
				return false
			}
		case 148:
			if olen < 4 {
				p.str(" [bad length ")
				p.dec(uint64(olen))
				p.ch(']')
				break
			}
			if v := p.be16(off + 2); v != 0 {
				p.str(" value ")
				p.dec(uint64(v))
			}
		}
		off += olen
		length -= olen
	}
	return true
}

func (p *Printer) ipRouteOption(off, length int) bool {
	if length < 3 {
		p.str(" [bad length ")
		p.dec(uint64(length))
		p.ch(']')
		return true
	}
	if (length+1)&3 != 0 {
		p.str(" [bad length ")
		p.dec(uint64(length))
		p.ch(']')
	}
	ptr := int(p.u8(off+2)) - 1
	if ptr < 3 || (ptr+1)&3 != 0 || ptr > length+1 {
		p.str(" [bad ptr ")
		p.dec(uint64(p.u8(off + 2)))
		p.ch(']')
	}
	for l := 3; l < length; l += 4 {
		if !p.have(off+l, 4) {
			return false
		}
		p.ch(' ')
		p.ipv4(off + l)
		if ptr > l {
			p.ch(',')
		}
	}
	return true
}

func (p *Printer) ipTimestampOption(off, length int) bool {
	if length < 4 {
		p.str("[bad length ")
		p.dec(uint64(length))
		p.ch(']')
		return true
	}
	p.str(" TS{")
	flags := p.u8(off + 3)
	hoplen := 8
	if flags&15 == 0 {
		hoplen = 4
	}
	if (length-4)&(hoplen-1) != 0 {
		p.str("[bad length ")
		p.dec(uint64(length))
		p.ch(']')
	}
	ptr := int(p.u8(off+2)) - 1
	l := 0
	if ptr < 4 || (ptr-4)&(hoplen-1) != 0 || ptr > length+1 {
		p.str("[bad ptr ")
		p.dec(uint64(p.u8(off + 2)))
		p.ch(']')
	}
	switch flags & 15 {
	case 0:
		p.str("TSONLY")
	case 1:
		p.str("TS+ADDR")
	case 3:
		p.str("PRESPEC")
	default:
		p.str("[bad ts type ")
		p.dec(uint64(flags & 15))
		p.ch(']')
		goto done
	}
	{
		typ := " "
		for l = 4; l < length; l += hoplen {
			if ptr == l {
				typ = " ^ "
			}
			if !p.have(off+l, hoplen) {
				return false
			}
			p.str(typ)
			p.dec(uint64(p.be32(off + l + hoplen - 4)))
			p.ch('@')
			if hoplen == 8 {
				p.ipv4(off + l)
			}
			typ = " "
		}
	}
done:
	if ptr == l {
		p.str(" ^ ")
	}
	if flags>>4 != 0 {
		p.str(" [")
		p.dec(uint64(flags >> 4))
		p.str(" hops not recorded]} ")
	} else {
		p.ch('}')
	}
	return true
}

// ipDemux prints the payload of an IP datagram (tcpdump's ip_demux_print).
func (p *Printer) ipDemux(off, length int, ip ipHeader, fragmented bool) {
	switch ip.nh {
	case protoTCP:
		p.tcp(off, length, ip, fragmented)
	case protoUDP:
		p.udp(off, length, ip, fragmented)
	case protoICMP:
		if ip.v6 {
			p.str("[ICMP requires IPv4] (invalid)")
			return
		}
		p.icmp(off, length, fragmented)
	case protoICMPv6:
		if !ip.v6 {
			p.str("[ICMPv6 requires IPv6] (invalid)")
			return
		}
		p.icmp6(off, length, ip, fragmented)
	case protoIPv4:
		p.ip4(off, length)
	case protoIPv6:
		p.ip6(off, length)
	case protoND:
		p.str(" nd ")
		p.dec(uint64(length))
	case protoNone:
		p.str("no next header")
	case protoEthernet:
		// Ethernet over IPv6 (RFC 8986 segment routing End.DX2).
		if !ip.v6 {
			p.str("[Ethernet requires IPv6] (invalid)")
			return
		}
		p.ether(off, length, p.avail(off))
	default:
		if ip.nh == protoSCTP || ip.nh == protoDCCP {
			// Their printers would print the addresses.
			p.ipAddrs(ip)
			p.str(": ")
		}
		p.ch(' ')
		p.ipProtoWord(ip.nh)
		p.ch(' ')
		p.dec(uint64(uint32(length)))
	}
}

// ipAddrs prints "SRC > DST" of the network header.
func (p *Printer) ipAddrs(ip ipHeader) {
	if ip.v6 {
		p.ipv6(ip.off + 8)
		p.str(" > ")
		p.ipv6(ip.off + 24)
		return
	}
	p.ipv4(ip.off + 12)
	p.str(" > ")
	p.ipv4(ip.off + 16)
}
