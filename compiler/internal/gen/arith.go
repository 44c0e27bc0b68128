package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// Arithmetic: each value is computed into a scratch register so that
// expressions of any shape need only A and X.

// loadI is a constant.
func (g *gen) loadI(v uint32) *arth {
	reg := g.allocReg()
	return &arth{s: stmts{stmt(ir.LD|ir.IMM, v), stmt(ir.ST, uint32(reg))}, reg: reg}
}

// loadLen is the packet's length.
func (g *gen) loadLen() *arth {
	reg := g.allocReg()
	return &arth{s: stmts{stmt(ir.LD|ir.LEN, 0), stmt(ir.ST, uint32(reg))}, reg: reg}
}

var loadSizes = map[uint32]uint16{1: ir.B, 2: ir.H, 4: ir.W}

// load is proto[idx:size]: the field at offset idx of the protocol's
// header, which exists only when the protocol's checks pass.
func (g *gen) load(proto uint8, idx *arth, size uint32) *arth {
	reg := g.allocReg()
	g.freeReg(idx.reg)
	sizeCode, ok := loadSizes[size]
	if !ok {
		g.fail("data size must be 1, 2, or 4")
	}
	l := &g.lay
	var checks *frag
	var varPart stmts
	var constPart uint32
	switch proto {
	case parse.ProtoRadio:
		switch l.linkType {
		case dltIEEE802_11RadioAVS, dltIEEE802_11Radio, dltPrismHeader:
		default:
			g.fail("radio information not present in capture")
		}
	case parse.ProtoLink:
		varPart = g.varPart(&l.linkHdr)
		constPart = l.linkHdr.constant
	case parse.ProtoIP, parse.ProtoARP, parse.ProtoRARP, parse.ProtoATalk, parse.ProtoDECnet,
		parse.ProtoSCA, parse.ProtoLAT, parse.ProtoMOPRC, parse.ProtoMOPDL, parse.ProtoIPv6:
		varPart = g.varPart(&l.linkPL)
		constPart = l.linkPL.constant + l.nl
		checks = g.protoAbbrev(proto)
	case parse.ProtoSCTP, parse.ProtoTCP, parse.ProtoUDP, parse.ProtoICMP, parse.ProtoIGMP,
		parse.ProtoIGRP, parse.ProtoPIM, parse.ProtoVRRP, parse.ProtoCARP:
		varPart = g.loadIPHeaderLenX()
		constPart = l.linkPL.constant + l.nl
		checks = g.protoAbbrev(parse.ProtoIP)
		checks = g.and(checks, g.ipProto(g.qualIPProto(proto)))
		checks = g.and(checks, g.ipNotLaterFragment())
	case parse.ProtoICMPv6:
		checks = g.protoAbbrev(parse.ProtoIPv6)
		checks = g.and(checks, g.ip6Proto(protoToIPProto[parse.ProtoICMPv6]))
		varPart = g.varPart(&l.linkPL)
		constPart = l.linkPL.constant + l.nl + ip6HeaderLen
	default:
		g.fail("'%s' does not support the index operation", protoQualKw(proto))
	}
	if checks != nil {
		if idx.f != nil {
			idx.f = g.and(idx.f, checks)
		} else {
			idx.f = checks
		}
	}
	// The index computed so far is in idx.reg; add the header's offset.
	if varPart == nil {
		varPart = stmts{stmt(ir.LDX|ir.MEM, uint32(idx.reg))}
	} else {
		varPart = cat(varPart, stmts{
			stmt(ir.LD|ir.MEM, uint32(idx.reg)),
			stmt(ir.ALU|ir.ADD|ir.X, 0),
			stmt(ir.MISC|ir.TAX, 0),
		})
	}
	idx.s = cat(idx.s, g.loadAbs(varPart, constPart, sizeCode), stmts{stmt(ir.ST, uint32(reg))})
	idx.reg = reg
	return idx
}

// relation compares two values: a <op> b, or its negation.
func (g *gen) relation(op uint8, a, b *arth, reversed bool) *frag {
	s := cat(a.s, b.s, stmts{
		stmt(ir.LDX|ir.MEM, uint32(b.reg)),
		stmt(ir.LD|ir.MEM, uint32(a.reg)),
	})
	f := g.jumpX(relJump(op), s)
	if reversed {
		g.not(f)
	}
	g.freeReg(a.reg)
	g.freeReg(b.reg)
	if a.f != nil {
		f = g.and(a.f, f)
	}
	if b.f != nil {
		f = g.and(b.f, f)
	}
	return f
}

// relJump is the jump a parser relational operator (parse.RelGT, RelGE,
// RelEQ) compiles to; the parser expresses <, <= and != as a reversed
// one of these.
func relJump(op uint8) uint16 {
	switch op {
	case parse.RelGT:
		return ir.JGT
	case parse.RelGE:
		return ir.JGE
	}
	return ir.JEQ
}

var arithOps = map[uint8]uint16{
	parse.OpAdd: ir.ADD, parse.OpSub: ir.SUB, parse.OpMul: ir.MUL, parse.OpDiv: ir.DIV,
	parse.OpMod: ir.MOD, parse.OpAnd: ir.AND, parse.OpOr: ir.OR, parse.OpXor: ir.XOR,
	parse.OpLsh: ir.LSH, parse.OpRsh: ir.RSH,
}

// arith computes a <op> b into a new register. Like libpcap it refuses a
// division, modulus or shift whose right side starts by loading a bad
// constant.
func (g *gen) arith(op uint8, a, b *arth) *arth {
	code := arithOps[op]
	if len(b.s) > 0 && b.s[0].Code == ir.LD|ir.IMM {
		k := b.s[0].K
		switch {
		case code == ir.DIV && k == 0:
			g.fail("division by zero")
		case code == ir.MOD && k == 0:
			g.fail("modulus by zero")
		case (code == ir.LSH || code == ir.RSH) && k > 31:
			g.fail("shift by more than 31 bits")
		}
	}
	s := cat(a.s, b.s, stmts{
		stmt(ir.LDX|ir.MEM, uint32(b.reg)),
		stmt(ir.LD|ir.MEM, uint32(a.reg)),
		stmt(ir.ALU|ir.X|code, 0),
	})
	g.freeReg(a.reg)
	g.freeReg(b.reg)
	reg := g.allocReg()
	a.s = cat(s, stmts{stmt(ir.ST, uint32(reg))})
	a.reg = reg
	// Both sides' protocol checks must hold. libpcap keeps only the left
	// side's (a->b) here; b's checks are lost, and we do the same.
	return a
}

// neg is -a.
func (g *gen) neg(a *arth) *arth {
	a.s = cat(a.s, stmts{
		stmt(ir.LD|ir.MEM, uint32(a.reg)),
		stmt(ir.ALU|ir.NEG, 0),
		stmt(ir.ST, uint32(a.reg)),
	})
	return a
}

// qualIPProto is the IP protocol number a protocol qualifier stands for
// (pq_to_ipproto).
func (g *gen) qualIPProto(q uint8) uint8 {
	if p, ok := protoToIPProto[q]; ok {
		return p
	}
	g.fail("Proto qualifier '%s' has no IP protocol", protoQualKw(q))
	return 0
}
