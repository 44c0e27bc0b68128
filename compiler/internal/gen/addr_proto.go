package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// Tests of the protocol fields of IPv4 and IPv6 and of transport ports.

// ipProto tests the IPv4 protocol field (gen_ip_proto).
func (g *gen) ipProto(proto uint8) *frag {
	return g.cmp(offLinkPL, ipv4ProtoOff, ir.B, uint32(proto))
}

// ip6Proto tests the IPv6 next-header field of the fixed header
// (gen_ip6_proto).
func (g *gen) ip6Proto(proto uint8) *frag {
	return g.cmp(offLinkPL, ipv6ProtoOff, ir.B, uint32(proto))
}

// ipNotLaterFragment is true for an IPv4 packet that is not a fragment
// other than the first, so its transport header is present (gen_ipfrag).
func (g *gen) ipNotLaterFragment() *frag {
	return g.unset(0x1fff, g.loadA(offLinkPL, 6, ir.H))
}

// portAtom compares the port at off in the transport header behind IPv4.
func (g *gen) portAtom(off uint32, v uint16) *frag {
	return g.cmp(offTranIPv4, off, ir.H, uint32(v))
}

func (g *gen) portAtom6(off uint32, v uint16) *frag {
	return g.cmp(offTranIPv6, off, ir.H, uint32(v))
}

// byDir combines per-direction tests the way every port and host
// primitive does: src, dst, both (and), either (or, the default). what
// names the primitive for the error about an 802.11 direction.
func (g *gen) byDir(dir uint8, atom func(src bool) *frag, badDir func()) *frag {
	switch dir {
	case parse.DirSrc:
		return atom(true)
	case parse.DirDst:
		return atom(false)
	case parse.DirAnd:
		s := atom(true)
		return g.and(s, atom(false))
	case parse.DirDefault, parse.DirOr:
		s := atom(true)
		return g.or(s, atom(false))
	}
	badDir()
	return nil
}

func portOff(src bool) uint32 {
	if src {
		return tranSrcPortOff
	}
	return tranDstPortOff
}

// port tests a port over IPv4 (gen_port); proto is an IP protocol number
// or protoUndef for TCP, UDP and SCTP alike.
func (g *gen) port(port uint16, proto int, dir, addr uint8) *frag {
	b := g.byDir(dir, func(src bool) *frag { return g.portAtom(portOff(src), port) },
		func() { g.failInvalidQual(dirQualKw(dir), addrQualKw(addr)) })
	return g.portCommon(proto, b)
}

// portProtoCheck tests the transport protocol for a port primitive.
func (g *gen) portProtoCheck(proto int, test func(uint8) *frag, fn string) *frag {
	switch proto {
	case ipnUDP, ipnTCP, ipnSCTP:
		return test(uint8(proto))
	case protoUndef:
		t := test(ipnSCTP)
		t = g.or(test(ipnUDP), t)
		return g.or(test(ipnTCP), t)
	}
	g.fail(errInternalFmt, fn, "proto", proto)
	return nil
}

// portCommon wraps a port test in the checks for IPv4, the transport
// protocol and "not a later fragment" (gen_port_common).
func (g *gen) portCommon(proto int, b *frag) *frag {
	t := g.portProtoCheck(proto, g.ipProto, "gen_port_common")
	t = g.and(t, g.ipNotLaterFragment())
	b = g.and(t, b)
	return g.and(g.linkType(ethIPv4), b)
}

// port6 tests a port over IPv6 (gen_port6).
func (g *gen) port6(port uint16, proto int, dir, addr uint8) *frag {
	b := g.byDir(dir, func(src bool) *frag { return g.portAtom6(portOff(src), port) },
		func() { g.failInvalidQual(dirQualKw(dir), addrQualKw(addr)) })
	return g.port6Common(proto, b)
}

func (g *gen) port6Common(proto int, b *frag) *frag {
	t := g.portProtoCheck(proto, g.ip6Proto, "gen_port6_common")
	b = g.and(t, b)
	return g.and(g.linkType(ethIPv6), b)
}

// portRangeAtom tests lo <= port <= hi; a one-port range is an equality.
func (g *gen) portRangeAtom(rel offRel, off uint32, v1, v2 uint16) *frag {
	if v1 == v2 {
		return g.cmp(rel, off, ir.H, uint32(v1))
	}
	lo, hi := min(v1, v2), max(v1, v2)
	b1 := g.cmpGE(rel, off, ir.H, uint32(lo))
	b2 := g.cmpLE(rel, off, ir.H, uint32(hi))
	return g.and(b1, b2)
}

// portRange tests a port range over IPv4 (gen_portrange).
func (g *gen) portRange(p1, p2 uint16, proto int, dir uint8) *frag {
	b := g.byDir(dir, func(src bool) *frag { return g.portRangeAtom(offTranIPv4, portOff(src), p1, p2) },
		func() { g.failInvalidQual(dirQualKw(dir), "portrange") })
	return g.portCommon(proto, b)
}

// portRange6 tests a port range over IPv6 (gen_portrange6).
func (g *gen) portRange6(p1, p2 uint16, proto int, dir uint8) *frag {
	b := g.byDir(dir, func(src bool) *frag { return g.portRangeAtom(offTranIPv6, portOff(src), p1, p2) },
		func() { g.failInvalidQual(dirQualKw(dir), "portrange") })
	return g.port6Common(proto, b)
}

// portProtoOf validates the protocol qualifier of "port" and "portrange"
// and maps it to an IP protocol number.
func (g *gen) portProtoOf(proto uint8, kw string) int {
	switch proto {
	case parse.ProtoUDP:
		return ipnUDP
	case parse.ProtoTCP:
		return ipnTCP
	case parse.ProtoSCTP:
		return ipnSCTP
	case parse.ProtoDefault:
		return protoUndef
	}
	g.failInvalidQual(protoQualKw(proto), kw)
	return 0
}

func (g *gen) assertMax(name string, v, max uint32) {
	if v > max {
		g.fail("%s %d greater than maximum %d", name, v, max)
	}
}

// proto tests a protocol number under a protocol qualifier: "ip proto 6",
// "ip6 proto 17", "link proto 0x0800", "iso proto 0x81", "isis proto 20"
// (gen_proto).
func (g *gen) proto(v uint32, proto uint8) *frag {
	switch proto {
	case parse.ProtoDefault:
		b0 := g.proto(v, parse.ProtoIP)
		return g.or(b0, g.proto(v, parse.ProtoIPv6))
	case parse.ProtoLink:
		return g.linkType(v)
	case parse.ProtoIP:
		g.assertMax("protocol number", v, 255)
		b0 := g.linkType(ethIPv4)
		return g.and(b0, g.ipProto(uint8(v)))
	case parse.ProtoIPv6:
		g.assertMax("protocol number", v, 255)
		b0 := g.linkType(ethIPv6)
		// The protocol may also follow a fragment header.
		frag := g.ip6Proto(ipnFragment)
		b1 := g.and(frag, g.cmp(offLinkPL, ip6HeaderLen, ir.B, v))
		b1 = g.or(g.ip6Proto(uint8(v)), b1)
		return g.and(b0, b1)
	case parse.ProtoISO:
		g.assertMax("ISO protocol", v, 255)
		switch g.lay.linkType {
		case dltFrelay:
			// Frame Relay carries the NLPID right after a UI control
			// field.
			return g.cmp(offLinkHdr, 2, ir.H, 0x03<<8|v)
		case dltCHDLC, dltHDLC:
			// Cisco HDLC marks OSI with 0xfefe and a padding byte.
			b0 := g.linkType(sapISONS<<8 | sapISONS)
			return g.and(b0, g.cmp(offLinkPLNoSnap, 1, ir.B, v))
		}
		b0 := g.linkType(sapISONS)
		return g.and(b0, g.cmp(offLinkPLNoSnap, 0, ir.B, v))
	case parse.ProtoISIS:
		g.assertMax("IS-IS PDU type", v, isisPDUTypeMax)
		b0 := g.proto(nlpidISIS, parse.ProtoISO)
		off := uint32(4)
		if g.lay.linkType == dltCHDLC || g.lay.linkType == dltHDLC {
			off = 5
		}
		return g.and(b0, g.mcmp(offLinkPLNoSnap, off, ir.B, v, isisPDUTypeMax))
	}
	g.failInvalidQual(protoQualKw(proto), "proto")
	return nil
}

// protochain follows the IPv4 or IPv6 header chain (IPv6 extension
// headers and AH) looking for protocol v (gen_protochain). It loops, so
// the program has a backward jump and must not be optimized.
func (g *gen) protochain(v uint32, proto uint8) *frag {
	// libpcap takes the register before looking at the qualifier, so a
	// plain "protochain" holds one it never gives back.
	reg := g.allocReg()
	switch proto {
	case parse.ProtoIP, parse.ProtoIPv6:
		g.assertMax("protocol number", v, 255)
	case parse.ProtoDefault:
		b0 := g.protochain(v, parse.ProtoIP)
		return g.or(b0, g.protochain(v, parse.ProtoIPv6))
	default:
		g.failInvalidQual(protoQualKw(proto), "protochain")
	}
	if g.lay.linkPL.variable {
		g.fail("'protochain' not supported with variable length headers")
	}
	g.noOptimize = true

	l := &g.lay
	nl := l.linkPL.constant + l.nl
	var s []*ir.Stmt
	add := func(code uint16, k uint32) *ir.Stmt {
		st := stmt(code, k)
		s = append(s, st)
		return st
	}
	var b0 *frag
	if proto == parse.ProtoIP {
		b0 = g.linkType(ethIPv4)
		s = append(s, g.loadA(offLinkPL, ipv4ProtoOff, ir.B)...)
		s = append(s, g.loadIPHeaderLenX()...)
	} else {
		b0 = g.linkType(ethIPv6)
		s = append(s, g.loadA(offLinkPL, ipv6ProtoOff, ir.B)...)
		add(ir.LDX|ir.IMM, ip6HeaderLen)
	}
	jeq := uint16(ir.JMP | ir.JEQ | ir.K)

	// again: the protocol we want ends the walk, so does "no next header".
	again := len(s)
	found := add(jeq, v)
	none := add(jeq, ipnNone)
	found.JF = none

	var lastV6 *ir.Stmt
	if proto == parse.ProtoIPv6 {
		// Hop-by-hop, destination, routing and fragment headers share
		// one layout: next header, then length in 8-octet units beyond
		// the first 8.
		var ext []*ir.Stmt
		prev := none
		for _, p := range []uint32{ipnHopOpts, ipnDstOpts, ipnRouting, ipnFragment} {
			st := add(jeq, p)
			prev.JF = st
			prev = st
			ext = append(ext, st)
		}
		lastV6 = prev
		advance := add(ir.LD|ir.IND|ir.B, nl)
		for _, st := range ext {
			st.JT = advance
		}
		add(ir.ST, uint32(reg))
		add(ir.LD|ir.IND|ir.B, nl+1)
		add(ir.ALU|ir.ADD|ir.K, 1)
		add(ir.ALU|ir.MUL|ir.K, 8)
		add(ir.ALU|ir.ADD|ir.X, 0)
		add(ir.MISC|ir.TAX, 0)
		ld := add(ir.LD|ir.MEM, uint32(reg))
		ja := add(ir.JMP|ir.JA, uint32(int32(again-len(s)-1)))
		ld.JF = ja // as libpcap does; harmless on a load
	} else {
		none.JF = add(ir.ALU|ir.ADD|ir.K, 0)
	}

	// ahcheck: an AH header is skipped using its own length field.
	ah := add(jeq, ipnAH)
	if lastV6 != nil {
		lastV6.JF = ah
	}
	ldAH := add(ir.LD|ir.IND|ir.B, nl)
	ah.JT = ldAH
	st := add(ir.ST, uint32(reg))
	st.JT = add(ir.MISC|ir.TXA, 0)
	add(ir.ALU|ir.ADD|ir.K, 1)
	add(ir.MISC|ir.TAX, 0)
	add(ir.LD|ir.IND|ir.B, nl)
	add(ir.ALU|ir.ADD|ir.K, 2)
	add(ir.ALU|ir.MUL|ir.K, 4)
	add(ir.MISC|ir.TAX, 0)
	add(ir.LD|ir.MEM, uint32(reg))
	add(ir.JMP|ir.JA, uint32(int32(again-len(s)-1)))

	// end:
	end := add(ir.ALU|ir.ADD|ir.K, 0)
	none.JT = end
	ah.JF = end
	found.JT = end

	b := g.jump(ir.JEQ, v, s)
	g.freeReg(reg)
	return g.and(b0, b)
}
