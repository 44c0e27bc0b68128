package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// Geneve and VXLAN: UDP tunnels carrying link-layer frames. After
// "geneve" or "vxlan", primitives look at the encapsulated frame, whose
// offsets the program computes at run time into scratch registers.

const (
	genevePort    = 6081
	vxlanPort     = 4789
	etherTypeTEB  = 0x6558 // transparent Ethernet bridging
	udpHeaderLen  = 8
	vxlanHdrLen   = 8
	geneveBaseLen = 8
	tunnelVNIMax  = 0xffffff
	etherHdrLen   = 14
	etherTypePos  = 12
)

// tunnel describes what differs between the two tunnel kinds.
type tunnel struct {
	port    uint16
	name    string                         // in the VNI error
	header  func(g *gen, rel offRel) *frag // header sanity check
	offsets func(g *gen) stmts             // inner offsets, run when matched
}

var (
	geneveTunnel = tunnel{
		port: genevePort, name: "Geneve",
		// Version 0 only: the top two bits of the first byte.
		header:  func(g *gen, rel offRel) *frag { return g.mcmp(rel, udpHeaderLen, ir.B, 0, 0xc0) },
		offsets: (*gen).geneveOffsets,
	}
	vxlanTunnel = tunnel{
		port: vxlanPort, name: "VXLAN",
		// Only the I flag (valid VNI) set.
		header:  func(g *gen, rel offRel) *frag { return g.cmp(rel, udpHeaderLen, ir.B, 0x08) },
		offsets: (*gen).vxlanOffsets,
	}
)

// geneve compiles "geneve [VNI]" (gen_geneve).
func (g *gen) geneve(vni uint32, has bool) *frag { return g.tunnel(&geneveTunnel, vni, has) }

// vxlan compiles "vxlan [VNI]" (gen_vxlan).
func (g *gen) vxlan(vni uint32, has bool) *frag { return g.tunnel(&vxlanTunnel, vni, has) }

// tunnel matches the tunnel over IPv4 or IPv6, each leaving the offset of
// the UDP payload's IP header length in A, then computes the inner
// offsets.
func (g *gen) tunnel(t *tunnel, vni uint32, has bool) *frag {
	v4 := g.tunnelCheck(t, false, vni, has)
	v4 = g.and(v4, g.jumpX(ir.JEQ, cat(g.loadIPHeaderLenX(), stmts{stmt(ir.MISC|ir.TXA, 0)})))

	v6 := g.tunnelCheck(t, true, vni, has)
	var s stmts
	if vp := g.varPart(&g.lay.linkPL); vp != nil {
		s = cat(vp, stmts{stmt(ir.LD|ir.IMM, ip6HeaderLen), stmt(ir.ALU|ir.ADD|ir.X, 0)})
	} else {
		s = stmts{stmt(ir.LD|ir.IMM, ip6HeaderLen)}
	}
	// The comparison with X is always true: the block only carries the
	// statements to the matched path.
	v6 = g.and(v6, g.jumpX(ir.JEQ, cat(s, stmts{stmt(ir.MISC|ir.TAX, 0)})))

	offsets := g.prepend(t.offsets(g), g.genTrue())
	g.lay.isEncap = true
	return g.and(g.or(v4, v6), offsets)
}

// tunnelCheck tests the UDP destination port, the tunnel header and, if
// given, the VNI, over IPv4 or IPv6 (gen_geneve_check, gen_vxlan_check).
func (g *gen) tunnelCheck(t *tunnel, v6 bool, vni uint32, has bool) *frag {
	var f *frag
	rel := offTranIPv4
	if v6 {
		f = g.port6(t.port, ipnUDP, parse.DirDst, parse.AddrPort)
		rel = offTranIPv6
	} else {
		f = g.port(t.port, ipnUDP, parse.DirDst, parse.AddrPort)
	}
	f = g.and(f, t.header(g, rel))
	if has {
		g.assertMax(t.name+" VNI", vni, tunnelVNIMax)
		f = g.and(f, g.mcmp(rel, 12, ir.W, vni<<8, 0xffffff00))
	}
	return f
}

// varOffset is a run-time offset held in a newly allocated register.
func (g *gen) varOffset() absOffset {
	return absOffset{variable: true, reg: g.allocReg()}
}

// geneveOffsets computes, from the IP header length in A, where the
// Geneve payload's type field, link header and network layer are. The
// payload is an Ethernet frame when the Geneve protocol type says
// transparent bridging; otherwise the protocol type itself is the type
// field and there is no link-layer header.
func (g *gen) geneveOffsets() stmts {
	l := &g.lay
	s := stmts{
		// Start of the Geneve header, kept in X.
		stmt(ir.ALU|ir.ADD|ir.K, l.linkPL.constant+l.nl+udpHeaderLen),
		stmt(ir.MISC|ir.TAX, 0),
		// Its protocol type field.
		stmt(ir.ALU|ir.ADD|ir.K, 2),
	}
	l.linkTypeOff = g.varOffset()
	s = append(s,
		stmt(ir.ST, uint32(l.linkTypeOff.reg)),
		// End of the header: base header plus 4-byte option words.
		stmt(ir.LD|ir.IND|ir.B, 0),
		stmt(ir.ALU|ir.AND|ir.K, 0x3f),
		stmt(ir.ALU|ir.MUL|ir.K, 4),
		stmt(ir.ALU|ir.ADD|ir.K, geneveBaseLen),
		stmt(ir.ALU|ir.ADD|ir.X, 0),
	)
	// Taken to be Ethernet: its type field is an EtherType either way,
	// and the link header is checked at run time (encapLinkHdrCheck).
	g.pushLinkHdr(dltEN10MB, g.varOffset())
	// The in-block branch below keeps the optimizer away.
	g.noOptimize = true
	isTEB := stmt(ir.JMP|ir.JEQ|ir.K, etherTypeTEB)
	ether := stmt(ir.MISC|ir.TXA, 0)
	s = append(s,
		stmt(ir.ST, uint32(l.linkHdr.reg)),
		stmt(ir.LD|ir.IND|ir.H, 2),
		stmt(ir.LDX|ir.MEM, uint32(l.linkHdr.reg)),
		isTEB,
		// Ethernet: the type field and payload are behind its header.
		ether,
		stmt(ir.ALU|ir.ADD|ir.K, etherTypePos),
		stmt(ir.ST, uint32(l.linkTypeOff.reg)),
		stmt(ir.ALU|ir.ADD|ir.K, etherHdrLen-etherTypePos),
		stmt(ir.MISC|ir.TAX, 0),
	)
	l.linkPL = g.varOffset()
	store := stmt(ir.STX, uint32(l.linkPL.reg))
	s = append(s, store)
	isTEB.JT, isTEB.JF = ether, store
	l.nl = 0
	return s
}

// vxlanOffsets computes, from the IP header length in A, where the
// Ethernet frame a VXLAN header carries starts, and its type field and
// payload.
func (g *gen) vxlanOffsets() stmts {
	l := &g.lay
	s := stmts{
		stmt(ir.ALU|ir.ADD|ir.K, l.linkPL.constant+l.nl+udpHeaderLen),
		stmt(ir.ALU|ir.ADD|ir.K, vxlanHdrLen),
	}
	g.pushLinkHdr(dltEN10MB, g.varOffset())
	s = append(s, stmt(ir.ST, uint32(l.linkHdr.reg)), stmt(ir.ALU|ir.ADD|ir.K, etherTypePos))
	l.linkTypeOff = g.varOffset()
	s = append(s,
		stmt(ir.ST, uint32(l.linkTypeOff.reg)),
		stmt(ir.ALU|ir.ADD|ir.K, etherHdrLen-etherTypePos),
		stmt(ir.MISC|ir.TAX, 0),
	)
	l.linkPL = g.varOffset()
	s = append(s, stmt(ir.STX, uint32(l.linkPL.reg)))
	l.nl = 0
	return s
}
