package gen

import (
	"bytes"
	"encoding/binary"
	"slices"

	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
)

// Host and network tests: IPv4, ARP/RARP, IPv6, DECnet, MAC-48 and
// ARCnet addresses.

// hostOp tests one IPv4 address/mask at the given source and destination
// offsets in the network-layer header (gen_hostop).
func (g *gen) hostOp(addr, mask uint32, dir uint8, srcOff, dstOff uint32) *frag {
	return g.byDir(dir, func(src bool) *frag {
		off := dstOff
		if src {
			off = srcOff
		}
		return g.mcmp(offLinkPL, off, ir.W, addr, mask)
	}, func() { g.fail("internal error in gen_hostop(): dir == '%s'", dirQualKw(dir)) })
}

// host tests a list of IPv4 addresses (with masks) under a protocol
// qualifier: ip, arp, rarp, or all three (gen_host). context names the
// primitive in the error for an invalid qualifier.
func (g *gen) host(addrs, masks []uint32, proto, dir uint8, negate bool, context string) *frag {
	g.assertNonWLANDir(dir)

	var ll, srcOff, dstOff uint32
	switch proto {
	case parse.ProtoDefault:
		b0 := g.host(addrs, masks, parse.ProtoIP, dir, negate, context)
		// Inside MPLS only IPv4 can follow.
		if g.lay.labelStackDepth == 0 {
			b1 := g.host(addrs, masks, parse.ProtoARP, dir, negate, context)
			b1 = g.or(b0, b1)
			b0 = g.host(addrs, masks, parse.ProtoRARP, dir, negate, context)
			b0 = g.or(b1, b0)
		}
		return b0
	case parse.ProtoIP:
		ll, srcOff, dstOff = ethIPv4, ipv4SrcOff, ipv4DstOff
	case parse.ProtoRARP:
		ll, srcOff, dstOff = ethRARP, arpSrcOff, arpDstOff
	case parse.ProtoARP:
		ll, srcOff, dstOff = ethARP, arpSrcOff, arpDstOff
	default:
		g.failInvalidQual(protoQualKw(proto), context)
	}
	b0 := g.linkType(ll)
	if b0.meaning == alwaysFalse {
		// The link type cannot carry the protocol; the address tests
		// would be dropped anyway, and must not ask for variable
		// offsets.
		return b0
	}
	b1 := g.genFalse()
	for i := range addrs {
		b1 = g.or(b1, g.hostOp(addrs[i], masks[i], dir, srcOff, dstOff))
	}
	if negate {
		g.not(b1)
	}
	return g.and(b0, b1)
}

// hostOp6 tests one IPv6 address/mask (gen_hostop6), the last word first.
func (g *gen) hostOp6(addr, mask [16]byte, dir uint8) *frag {
	return g.byDir(dir, func(src bool) *frag {
		off := uint32(ipv6DstOff)
		if src {
			off = ipv6SrcOff
		}
		b1 := g.genTrue()
		for i := 3; i >= 0; i-- {
			a := binary.BigEndian.Uint32(addr[4*i:])
			m := binary.BigEndian.Uint32(mask[4*i:])
			b0 := g.mcmp(offLinkPL, off+4*uint32(i), ir.W, a, m)
			b1 = g.and(b0, b1)
		}
		return b1
	}, func() { g.fail("internal error in gen_hostop6(): dir == '%s'", dirQualKw(dir)) })
}

// host6 tests a list of IPv6 addresses (gen_host6).
func (g *gen) host6(addrs, masks [][16]byte, proto, dir uint8, negate bool, context string) *frag {
	g.assertNonWLANDir(dir)
	if proto != parse.ProtoDefault && proto != parse.ProtoIPv6 {
		g.failInvalidQual(protoQualKw(proto), context)
	}
	ll := g.linkType(ethIPv6)
	h := g.genFalse()
	for i := range addrs {
		h = g.or(h, g.hostOp6(addrs[i], masks[i], dir))
	}
	if negate {
		g.not(h)
	}
	return g.and(ll, h)
}

// maxAddrsPerFamily bounds how many addresses of one family a host name
// may resolve to.
const maxAddrsPerFamily = 100

// hostByName tests the IPv4 and IPv6 addresses of a host name
// (gen_host46_byname). proto4 qualifies the IPv4 leg and proto6 the IPv6
// one; "ip6" skips the IPv4 addresses and "ip", "arp" and "rarp" skip the
// IPv6 ones. Each family's addresses are tested in ascending order, IPv4
// first, whatever order the resolver gave them in.
func (g *gen) hostByName(name string, proto4, proto6, dir uint8, negate bool) *frag {
	const context = "host <Internet hostname>"
	addrs, ok := g.hostAddrs(name)
	if !ok {
		g.fail("unknown host '%s'", name)
	}
	var ret *frag
	if proto4 != parse.ProtoIPv6 {
		var v4 []uint32
		for _, a := range addrs {
			if !a.Is4() {
				continue
			}
			if len(v4) == maxAddrsPerFamily {
				g.fail("More than %d IPv4 addresses per name", maxAddrsPerFamily)
			}
			b := a.As4()
			v4 = append(v4, binary.BigEndian.Uint32(b[:]))
		}
		if len(v4) > 0 {
			slices.Sort(v4)
			masks := make([]uint32, len(v4))
			for i := range masks {
				masks[i] = 0xffffffff
			}
			ret = g.host(v4, masks, proto4, dir, negate, context)
		}
	}
	if proto6 != parse.ProtoARP && proto6 != parse.ProtoIP && proto6 != parse.ProtoRARP {
		var v6 [][16]byte
		for _, a := range addrs {
			if !a.Is6() {
				continue
			}
			if len(v6) == maxAddrsPerFamily {
				g.fail("More than %d IPv6 addresses per name", maxAddrsPerFamily)
			}
			v6 = append(v6, a.As16())
		}
		if len(v6) > 0 {
			slices.SortFunc(v6, func(a, b [16]byte) int { return bytes.Compare(a[:], b[:]) })
			masks := make([][16]byte, len(v6))
			for i := range masks {
				masks[i] = allOnes16
			}
			h6 := g.host6(v6, masks, proto6, dir, negate, context)
			if ret == nil {
				ret = h6
			} else {
				ret = g.or(ret, h6)
			}
		}
	}
	if ret == nil {
		if proto4 == parse.ProtoDefault {
			g.fail("unknown host '%s'", name)
		}
		g.fail("unknown host '%s' for specified address family", name)
	}
	return ret
}

var allOnes16 = [16]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// dnHostOp tests a DECnet address in the data packet header, which may
// follow one padding byte and be in the short or the long format
// (gen_dnhostop). Addresses are little-endian on the wire.
func (g *gen) dnHostOp(addr uint16, dir uint8) *frag {
	return g.byDir(dir, func(src bool) *frag { return g.dnHostAt(addr, src) },
		func() { g.fail("internal error in gen_dnhostop(): dir == '%s'", dirQualKw(dir)) })
}

// dnHostAt tests the source or the destination address of a DECnet data
// packet.
func (g *gen) dnHostAt(addr uint16, src bool) *frag {
	offSH, offLH := uint32(1), uint32(7)
	if src {
		offSH, offLH = 3, 15
	}
	wire := uint32(addr>>8 | addr<<8)
	// Padded, long header.
	tmp := g.mcmp(offLinkPL, 2, ir.H, 0x8106, 0xff07)
	b1 := g.and(tmp, g.cmp(offLinkPL, 2+1+offLH, ir.H, wire))
	// Unpadded, long header.
	tmp = g.mcmp(offLinkPL, 2, ir.B, 0x06, 0x07)
	b2 := g.and(tmp, g.cmp(offLinkPL, 2+offLH, ir.H, wire))
	b1 = g.or(b2, b1)
	// Padded, short header.
	if !src {
		b2 = g.mcmp(offLinkPL, 2, ir.W, 0x81020000|wire, 0xff07ffff)
	} else {
		tmp = g.mcmp(offLinkPL, 2, ir.H, 0x8102, 0xff07)
		b2 = g.and(tmp, g.cmp(offLinkPL, 2+1+offSH, ir.H, wire))
	}
	b1 = g.or(b2, b1)
	// Unpadded, short header.
	if !src {
		b2 = g.mcmp(offLinkPL, 2, ir.W, 0x02000000|wire<<8, 0x07ffff00)
	} else {
		tmp = g.mcmp(offLinkPL, 2, ir.B, 0x02, 0x07)
		b2 = g.and(tmp, g.cmp(offLinkPL, 2+offSH, ir.H, wire))
	}
	return g.or(b2, b1)
}

// dnHost is "decnet host AREA.NODE" (gen_dnhost); s is "" when the ID was
// a plain number, which cannot be a DECnet address.
func (g *gen) dnHost(s string, v uint32, q parse.Qual) *frag {
	g.assertNonWLANDir(q.Dir)
	if q.Addr != parse.AddrDefault && q.Addr != parse.AddrHost {
		g.failInvalidQual("decnet", addrQualKw(q.Addr))
	}
	if s == "" {
		g.fail("invalid DECnet address '%d'", v)
	}
	addr, err := names.ParseDECnet(s)
	if err != nil {
		g.fail("invalid DECnet address '%s'", s)
	}
	b0 := g.linkType(ethDECnet)
	return g.and(b0, g.dnHostOp(addr, q.Dir))
}

// isMAC48LinkType reports whether the link type has 48-bit MAC addresses.
func isMAC48LinkType(dlt int) bool {
	switch dlt {
	case dltEN10MB, dltFDDI, dltIEEE802, dltIEEE802_11, dltIEEE802_11Radio,
		dltIEEE802_11RadioAVS, dltIPOverFC, dltNetAnalyzer, dltNetAnalyzerTransp,
		dltDSATagBRCM, dltDSATagDSA, dltPPI, dltPrismHeader:
		return true
	}
	return false
}

// mac48Host tests a 48-bit MAC address in the link-layer header
// (gen_mac48host).
func (g *gen) mac48Host(mac names.MAC, dir uint8, kw string) *frag {
	var pre *frag
	var srcOff, dstOff uint32
	switch g.lay.linkType {
	case dltEN10MB, dltNetAnalyzer, dltNetAnalyzerTransp, dltDSATagBRCM, dltDSATagDSA:
		pre = g.prevLinkHdrCheck()
		srcOff, dstOff = 6, 0
	case dltFDDI:
		srcOff, dstOff = 6+1+g.cfg.FDDIPad, 0+1+g.cfg.FDDIPad
	case dltIEEE802:
		srcOff, dstOff = 8, 2
	case dltIEEE802_11, dltPrismHeader, dltIEEE802_11RadioAVS, dltIEEE802_11Radio, dltPPI:
		return g.wlanHostOp(mac, dir)
	case dltIPOverFC:
		srcOff, dstOff = 10, 2
	default:
		g.failKeywordOnDLT(kw)
	}
	g.assertNonWLANDir(dir)
	b := g.byDir(dir, func(src bool) *frag {
		off := dstOff
		if src {
			off = srcOff
		}
		return g.bcmp(offLinkHdr, off, mac[:])
	}, func() { g.fail("internal error in gen_mac48host(): dir == '%s'", dirQualKw(dir)) })
	if pre != nil {
		return g.and(pre, b)
	}
	return b
}

// mac48HostByName tests the MAC address the ethers file gives a name.
func (g *gen) mac48HostByName(name string, dir uint8, context string) *frag {
	if !isMAC48LinkType(g.lay.linkType) {
		g.failKeywordOnDLT(context)
	}
	mac, err := g.resolver().LookupEthers(name)
	if err != nil {
		g.fail("unknown Ethernet-like host '%s'", name)
	}
	return g.mac48Host(mac, dir, context)
}

// mac8Host tests a one-byte (ARCnet, MS/TP) station address
// (gen_mac8host).
func (g *gen) mac8Host(mac uint8, dir uint8, context string) *frag {
	var srcOff, dstOff uint32
	switch g.lay.linkType {
	case dltARCnet, dltARCnetLinux:
		srcOff, dstOff = 0, 1
	case dltBACnetMSTP:
		srcOff, dstOff = 4, 3
	default:
		g.failKeywordOnDLT(context)
	}
	return g.byDir(dir, func(src bool) *frag {
		off := dstOff
		if src {
			off = srcOff
		}
		return g.cmp(offLinkHdr, off, ir.B, uint32(mac))
	}, func() { g.fail("internal error in gen_mac8host(): dir == '%s'", dirQualKw(dir)) })
}

// gateway is "gateway NAME": packets whose MAC address is the host's but
// whose IPv4 addresses are not (gen_gateway).
func (g *gen) gateway(name string, proto uint8) *frag {
	switch proto {
	case parse.ProtoDefault, parse.ProtoIP, parse.ProtoARP, parse.ProtoRARP:
	default:
		g.failInvalidQual(protoQualKw(proto), "gateway")
	}
	if g.lay.labelStackDepth != 0 {
		g.fail("'gateway' cannot be used within MPLS")
	}
	if g.lay.isEncap {
		g.fail("'gateway' cannot be used within VXLAN or Geneve")
	}
	b0 := g.mac48HostByName(name, parse.DirOr, "gateway")
	// Only IPv4 addresses, as documented.
	b1 := g.hostByName(name, proto, parse.ProtoIP, parse.DirOr, true)
	return g.and(b0, b1)
}
