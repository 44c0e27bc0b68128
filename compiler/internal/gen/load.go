package gen

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// offRel says what a load's offset is relative to.
type offRel uint8

const (
	offPacket       offRel = iota // start of the packet
	offLinkHdr                    // link-layer header
	offPrevLinkHdr                // the link-layer header outside this one
	offLLC                        // 802.2 LLC header
	offPrevMPLSHdr                // the MPLS label before the payload
	offLinkType                   // the link-layer type field
	offLinkPL                     // link-layer payload (network layer)
	offLinkPLNoSnap               // link-layer payload after LLC without SNAP
	offTranIPv4                   // transport header behind IPv4
	offTranIPv6                   // transport header behind a fixed IPv6 header
)

const (
	ip6HeaderLen   = 40
	mplsEntryLen   = 4
	errInternalFmt = "internal error in %s(): %s == %d"
)

// loadAbs loads size bytes at offset, indexed by X when varPart (which
// sets X) is not empty.
func (g *gen) loadAbs(varPart stmts, offset uint32, size uint16) stmts {
	switch size {
	case ir.B, ir.H, ir.W:
	default:
		g.fail(errInternalFmt, "gen_load_absoffsetrel", "size", size)
	}
	if varPart != nil {
		return cat(varPart, stmts{stmt(ir.LD|ir.IND|size, offset)})
	}
	return stmts{stmt(ir.LD|ir.ABS|size, offset)}
}

// varPart loads the run-time part of off into X, or returns nil when off
// is fixed.
func (g *gen) varPart(off *absOffset) stmts {
	if !off.variable {
		return nil
	}
	if off.reg == -1 {
		off.reg = g.allocReg()
	}
	return stmts{stmt(ir.LDX|ir.MEM, uint32(off.reg))}
}

// loadA loads the size-byte field at offset, relative to rel, into A.
func (g *gen) loadA(rel offRel, offset uint32, size uint16) stmts {
	var s stmts
	l := &g.lay
	switch rel {
	case offPacket:
	case offLinkHdr:
		s = g.varPart(&l.linkHdr)
		offset += l.linkHdr.constant
	case offPrevLinkHdr:
		s = g.varPart(&l.prevLinkHdr)
		offset += l.prevLinkHdr.constant
	case offLLC:
		s = g.varPart(&l.linkPL)
		offset += l.linkPL.constant
	case offPrevMPLSHdr:
		s = g.varPart(&l.linkPL)
		offset += l.linkPL.constant + l.nl - mplsEntryLen
	case offLinkPL:
		s = g.varPart(&l.linkPL)
		offset += l.linkPL.constant + l.nl
	case offLinkPLNoSnap:
		s = g.varPart(&l.linkPL)
		offset += l.linkPL.constant + l.nlNoSnap
	case offLinkType:
		s = g.varPart(&l.linkTypeOff)
		offset += l.linkTypeOff.constant
	case offTranIPv4:
		s = g.loadIPHeaderLenX()
		offset += l.linkPL.constant + l.nl
	case offTranIPv6:
		s = g.varPart(&l.linkPL)
		offset += l.linkPL.constant + l.nl + ip6HeaderLen
	}
	return g.loadAbs(s, offset, size)
}

// loadIPHeaderLenX sets X to the offset of the IPv4 payload: the IP header
// length, plus the link-layer payload offset when that is variable.
func (g *gen) loadIPHeaderLenX() stmts {
	l := &g.lay
	s := g.varPart(&l.linkPL)
	if s != nil {
		return cat(s, stmts{
			stmt(ir.LD|ir.IND|ir.B, l.linkPL.constant+l.nl),
			stmt(ir.ALU|ir.AND|ir.K, 0xf),
			stmt(ir.ALU|ir.LSH|ir.K, 2),
			stmt(ir.ALU|ir.ADD|ir.X, 0),
			stmt(ir.MISC|ir.TAX, 0),
		})
	}
	return stmts{stmt(ir.LDX|ir.MSH|ir.B, l.linkPL.constant+l.nl)}
}

// Comparisons of a packet field against a constant.

func (g *gen) ncmp(rel offRel, offset uint32, size uint16, mask uint32, op uint16, reverse bool, v uint32) *frag {
	s := g.loadA(rel, offset, size)
	if mask != 0xffffffff {
		s = cat(s, stmts{stmt(ir.ALU|ir.AND|ir.K, mask)})
	}
	f := g.jump(op, v, s)
	if reverse {
		g.not(f)
	}
	return f
}

func (g *gen) cmp(rel offRel, off uint32, size uint16, v uint32) *frag {
	return g.ncmp(rel, off, size, 0xffffffff, ir.JEQ, false, v)
}
func (g *gen) cmpGT(rel offRel, off uint32, size uint16, v uint32) *frag {
	return g.ncmp(rel, off, size, 0xffffffff, ir.JGT, false, v)
}
func (g *gen) cmpGE(rel offRel, off uint32, size uint16, v uint32) *frag {
	return g.ncmp(rel, off, size, 0xffffffff, ir.JGE, false, v)
}
func (g *gen) cmpLT(rel offRel, off uint32, size uint16, v uint32) *frag {
	return g.ncmp(rel, off, size, 0xffffffff, ir.JGE, true, v)
}
func (g *gen) cmpLE(rel offRel, off uint32, size uint16, v uint32) *frag {
	return g.ncmp(rel, off, size, 0xffffffff, ir.JGT, true, v)
}
func (g *gen) cmpNE(rel offRel, off uint32, size uint16, v uint32) *frag {
	return g.ncmp(rel, off, size, 0xffffffff, ir.JEQ, true, v)
}

// mcmp compares a masked field. A zero mask makes the test constant.
func (g *gen) mcmp(rel offRel, off uint32, size uint16, v, mask uint32) *frag {
	if mask == 0 {
		if v != 0 {
			return g.genFalse()
		}
		return g.genTrue()
	}
	return g.ncmp(rel, off, size, mask, ir.JEQ, false, v)
}

func (g *gen) mcmpNE(rel offRel, off uint32, size uint16, v, mask uint32) *frag {
	return g.ncmp(rel, off, size, mask, ir.JEQ, true, v)
}

// bcmp compares a byte string, last word first, as libpcap does.
func (g *gen) bcmp(rel offRel, offset uint32, v []byte) *frag {
	size := uint32(len(v))
	if size == 0 {
		g.fail(errInternalFmt, "gen_bcmp", "size", 0)
	}
	var f *frag
	add := func(t *frag) {
		if f == nil {
			f = t
		} else {
			f = g.and(f, t)
		}
	}
	for size >= 4 {
		p := v[size-4:]
		add(g.cmp(rel, offset+size-4, ir.W, uint32(p[0])<<24|uint32(p[1])<<16|uint32(p[2])<<8|uint32(p[3])))
		size -= 4
	}
	for size >= 2 {
		p := v[size-2:]
		add(g.cmp(rel, offset+size-2, ir.H, uint32(p[0])<<8|uint32(p[1])))
		size -= 2
	}
	if size > 0 {
		add(g.cmp(rel, offset, ir.B, uint32(v[0])))
	}
	return f
}

// set tests bits: true when A & v != 0.
func (g *gen) set(v uint32, s stmts) *frag { return g.jump(ir.JSET, v, s) }

// unset is true when A & v == 0.
func (g *gen) unset(v uint32, s stmts) *frag { return g.not(g.set(v, s)) }

// insertVarOffsets puts, in front of the whole program, the statements
// that compute variable link-layer offsets into their registers.
func (g *gen) insertVarOffsets(b *ir.Block) {
	l := &g.lay
	if l.linkPL.reg != -1 && l.linkHdr.variable && l.linkHdr.reg == -1 {
		l.linkHdr.reg = g.allocReg()
	}
	var s stmts
	switch l.outermostType {
	case dltPrismHeader, dltIEEE802_11RadioAVS, dltIEEE802_11Radio, dltPPI, dltIEEE802_11:
		s = g.loadLLPrefixLen802_11(b)
	case dltPFLog:
		s = g.loadPFLogPrefixLen()
	}
	if s == nil && l.isVLANVarOffset {
		if l.linkPL.reg == -1 {
			l.linkPL.reg = g.allocReg()
		}
		if l.linkTypeOff.reg == -1 {
			l.linkTypeOff.reg = g.allocReg()
		}
		s = stmts{
			stmt(ir.LD|ir.W|ir.IMM, 0),
			stmt(ir.ST, uint32(l.linkPL.reg)),
			stmt(ir.ST, uint32(l.linkTypeOff.reg)),
		}
	}
	if len(s) > 0 {
		b.Stmts = cat(s, b.Stmts)
	}
}
