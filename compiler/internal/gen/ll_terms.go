package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
)

// Primitives that look only at the link layer or the packet length:
// broadcast, multicast, less, greater, byte and the llc family.

// ethernetBroadcast is the all-ones 48-bit MAC address.
var ethernetBroadcast = names.MAC{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// broadcast compiles "[link|ip] broadcast" (gen_broadcast).
func (g *gen) broadcast(p uint8) *frag {
	switch p {
	case parse.ProtoDefault, parse.ProtoLink:
		switch g.lay.linkType {
		case dltARCnet, dltARCnetLinux:
			// ARCnet broadcasts to station 0.
			return g.mac8Host(0, parse.DirDst, "broadcast")
		case dltBACnetMSTP:
			return g.mac8Host(0xff, parse.DirDst, "broadcast")
		}
		return g.mac48Host(ethernetBroadcast, parse.DirDst, "broadcast")
	case parse.ProtoIP:
		// The host part of the destination is all zeros or all ones,
		// which needs the netmask.
		if g.cfg.Netmask == NetmaskUnknown {
			g.fail("netmask not known, so 'ip broadcast' not supported")
		}
		f := g.linkType(etherTypeIP)
		host := ^g.cfg.Netmask
		zeros := g.mcmp(offLinkPL, ipv4DstOff, ir.W, 0, host)
		ones := g.mcmp(offLinkPL, ipv4DstOff, ir.W, host, host)
		return g.and(f, g.or(zeros, ones))
	}
	g.fail(errInvalidQual, protoQualKw(p), "broadcast")
	return nil
}

// macMulticast tests the group bit of the MAC address at off in the
// link-layer header.
func (g *gen) macMulticast(off uint32) *frag {
	return g.set(1, g.loadA(offLinkHdr, off, ir.B))
}

// multicastDstOff is where the destination MAC address starts in link
// types with one fixed place for it.
var multicastDstOff = map[int]uint32{
	dltFDDI:     1,
	dltIEEE802:  2,
	dltIPOverFC: 2,
}

// multicast compiles "[link|ip|ip6] multicast" (gen_multicast).
func (g *gen) multicast(p uint8) *frag {
	switch p {
	case parse.ProtoDefault, parse.ProtoLink:
		switch lt := g.lay.linkType; lt {
		case dltARCnet, dltARCnetLinux:
			// ARCnet has no multicast; it means broadcast.
			return g.mac8Host(0, parse.DirDst, "multicast")
		case dltEN10MB, dltNetAnalyzer, dltNetAnalyzerTransp, dltDSATagBRCM, dltDSATagDSA:
			outer := g.prevLinkHdrCheck()
			f := g.macMulticast(0)
			if outer != nil {
				return g.and(outer, f)
			}
			return f
		case dltIEEE802_11, dltPrismHeader, dltIEEE802_11RadioAVS, dltIEEE802_11Radio, dltPPI:
			return g.wlanMulticast()
		default:
			if off, ok := multicastDstOff[lt]; ok {
				return g.macMulticast(off)
			}
		}
		g.failKeywordOnDLT("multicast")
	case parse.ProtoIP:
		f := g.linkType(etherTypeIP)
		// 224.0.0.0/4
		return g.and(f, g.mcmp(offLinkPL, ipv4DstOff, ir.B, 0xe0, 0xf0))
	case parse.ProtoIPv6:
		f := g.linkType(etherTypeIPv6)
		return g.and(f, g.cmp(offLinkPL, ipv6DstOff, ir.B, 255))
	}
	g.fail(errInvalidQual, protoQualKw(p), "multicast")
	return nil
}

// wlanMulticast finds the destination address of an 802.11 frame: none
// in control frames, at 4 in management frames, and in data frames at 16
// when To DS is set, else at 4.
func (g *gen) wlanMulticast() *frag {
	toDS := g.set(wlanFC1DirToDS, g.loadA(offLinkHdr, 1, ir.B))
	f := g.and(toDS, g.macMulticast(16))
	notToDS := g.unset(wlanFC1DirToDS, g.loadA(offLinkHdr, 1, ir.B))
	f = g.or(g.and(notToDS, g.macMulticast(4)), f)

	data := g.set(wlanFC0TypeData, g.loadA(offLinkHdr, 0, ir.B))
	f = g.and(data, f)

	mgmt := g.unset(wlanFC0TypeData, g.loadA(offLinkHdr, 0, ir.B))
	f = g.or(g.and(mgmt, g.macMulticast(4)), f)

	notCtl := g.unset(wlanFC0TypeCtl, g.loadA(offLinkHdr, 0, ir.B))
	return g.and(notCtl, f)
}

// lenTest compares the packet length with n.
func (g *gen) lenTest(op uint16, n uint32) *frag {
	return g.jump(op, n, stmts{stmt(ir.LD|ir.LEN|ir.W, 0)})
}

// greater is "greater n": len >= n.
func (g *gen) greater(n uint32) *frag { return g.lenTest(ir.JGE, n) }

// less is "less n": len <= n, compiled as not len > n.
func (g *gen) less(n uint32) *frag { return g.not(g.lenTest(ir.JGT, n)) }

// byteOp is "byte idx op val", idx counted from the link-layer header
// (gen_byteop).
func (g *gen) byteOp(op byte, idx, val uint32) *frag {
	g.assertMax("byte argument", val, 0xff)
	var alu uint16
	switch op {
	case '=':
		return g.cmp(offLinkHdr, idx, ir.B, val)
	case '<':
		return g.cmpLT(offLinkHdr, idx, ir.B, val)
	case '>':
		return g.cmpGT(offLinkHdr, idx, ir.B, val)
	case '|':
		alu = ir.OR
	case '&':
		alu = ir.AND
	default:
		g.fail(errInternalFmt, "gen_byteop", "op", int(op))
	}
	// True when the result is non-zero.
	s := cat(g.loadA(offLinkHdr, idx, ir.B), stmts{stmt(ir.ALU|alu|ir.K, val)})
	return g.not(g.jump(ir.JEQ, 0, s))
}

// llcFrame tests that a frame has an 802.2 LLC header (gen_llc_internal).
func (g *gen) llcFrame() *frag {
	switch g.lay.linkType {
	case dltEN10MB, dltDSATagBRCM, dltDSATagDSA:
		// An 802.3 length field, and not Novell's raw 802.3 (0xFFFF
		// where DSAP and SSAP would be).
		f := g.cmpLE(offLinkType, 0, ir.H, etherMTU)
		return g.and(f, g.cmpNE(offLLC, 0, ir.H, 0xffff))
	case dltSunATM:
		f := g.atmProtoType(sunATMProtoLLC)
		g.lay.linkType = g.lay.prevLinkType
		return f
	case dltIEEE802, dltFDDI, dltATMRFC1483:
		return g.genTrue()
	case dltIEEE802_11, dltPrismHeader, dltIEEE802_11Radio, dltIEEE802_11RadioAVS, dltPPI:
		// A data frame.
		return g.mcmp(offLinkHdr, 0, ir.B, wlanFC0TypeData, wlanFC0TypeMask)
	}
	g.failKeywordOnDLT("llc")
	return nil
}

func (g *gen) llc() *frag { return g.llcFrame() }

// llcI is an LLC information frame: control bit 0 clear.
func (g *gen) llcI() *frag {
	f := g.llcFrame()
	return g.and(f, g.unset(0x01, g.loadA(offLLC, 2, ir.B)))
}

// llcS is an LLC supervisory frame.
func (g *gen) llcS() *frag {
	f := g.llcFrame()
	return g.and(f, g.mcmp(offLLC, 2, ir.B, llcSFmt, 0x03))
}

// llcU is an LLC unnumbered frame.
func (g *gen) llcU() *frag {
	f := g.llcFrame()
	return g.and(f, g.mcmp(offLLC, 2, ir.B, llcUFmt, 0x03))
}

// llcSSubtype is a supervisory frame of the given command ("llc rr").
func (g *gen) llcSSubtype(v uint32) *frag {
	f := g.llcFrame()
	return g.and(f, g.mcmp(offLLC, 2, ir.B, v, llcSCmdMask))
}

// llcUSubtype is an unnumbered frame of the given command ("llc ui").
func (g *gen) llcUSubtype(v uint32) *frag {
	f := g.llcFrame()
	return g.and(f, g.mcmp(offLLC, 2, ir.B, v, llcUCmdMask))
}
