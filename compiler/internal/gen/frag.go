package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
)

// meaning records that a fragment is known to be always true or always
// false, so that and/or can drop the other side as libpcap does.
type meaning uint8

const (
	uncertain meaning = iota
	alwaysTrue
	alwaysFalse
)

// exit is an unresolved branch of a block: its true or false edge.
type exit struct {
	b      *ir.Block
	onTrue bool
}

func (e exit) patch(target *ir.Block) {
	if e.onTrue {
		e.b.JT = target
	} else {
		e.b.JF = target
	}
}

// frag is a compiled boolean expression: a subgraph entered at head whose
// unresolved branches lead to "expression true" (t) or "expression false"
// (f). Joining fragments only patches those branches, so the graph has the
// shape libpcap's backpatching gives it.
type frag struct {
	head    *ir.Block
	last    *ir.Block // the block whose branch decides; see lastBlock
	t, f    []exit
	meaning meaning
}

func patchAll(exits []exit, target *ir.Block) {
	for _, e := range exits {
		e.patch(target)
	}
}

func (g *gen) newBlock(code uint16, k uint32) *ir.Block {
	g.nextID++
	return &ir.Block{ID: g.nextID, Jump: ir.Stmt{Code: code, K: k}}
}

func (g *gen) retBlock(k uint32) *ir.Block { return g.newBlock(ir.RET|ir.K, k) }

func stmt(code uint16, k uint32) *ir.Stmt { return &ir.Stmt{Code: code, K: k} }

// stmts is a statement list under construction. Lists are never shared
// once appended to: cat copies.
type stmts []*ir.Stmt

// cat joins statement lists into a new one.
func cat(lists ...stmts) stmts {
	n := 0
	for _, l := range lists {
		n += len(l)
	}
	if n == 0 {
		return nil
	}
	out := make(stmts, 0, n)
	for _, l := range lists {
		out = append(out, l...)
	}
	return out
}

// jump makes a one-block fragment that runs s and then branches on
// "A <op> k".
func (g *gen) jump(op uint16, k uint32, s stmts) *frag {
	b := g.newBlock(ir.JMP|op|ir.K, k)
	b.Stmts = s
	return single(b)
}

// jumpX is jump comparing A with X.
func (g *gen) jumpX(op uint16, s stmts) *frag {
	b := g.newBlock(ir.JMP|op|ir.X, 0)
	b.Stmts = s
	return single(b)
}

func single(b *ir.Block) *frag {
	return &frag{head: b, last: b, t: []exit{{b, true}}, f: []exit{{b, false}}}
}

// and joins a and b so b runs only when a holds.
func (g *gen) and(a, b *frag) *frag {
	switch {
	case a.meaning == alwaysFalse:
		return a
	case b.meaning == alwaysFalse:
		return b
	case a.meaning == alwaysTrue:
		return b
	case b.meaning == alwaysTrue:
		return a
	}
	patchAll(a.t, b.head)
	return &frag{head: a.head, last: b.last, t: b.t, f: cat2(b.f, a.f)}
}

// or joins a and b so b runs only when a fails.
func (g *gen) or(a, b *frag) *frag {
	switch {
	case a.meaning == alwaysFalse:
		return b
	case b.meaning == alwaysFalse:
		return a
	case a.meaning == alwaysTrue:
		return a
	case b.meaning == alwaysTrue:
		return b
	}
	patchAll(a.f, b.head)
	return &frag{head: a.head, last: b.last, t: cat2(b.t, a.t), f: b.f}
}

// not swaps a fragment's outcomes in place, as libpcap's gen_not does:
// callers may rely on the same fragment value being negated.
func (g *gen) not(a *frag) *frag {
	a.t, a.f = a.f, a.t
	switch a.meaning {
	case alwaysTrue:
		a.meaning = alwaysFalse
	case alwaysFalse:
		a.meaning = alwaysTrue
	}
	return a
}

func cat2(a, b []exit) []exit {
	out := make([]exit, 0, len(a)+len(b))
	return append(append(out, a...), b...)
}

// uncond is a constant: a block that tests "ld #1 == 0" (false) or
// "ld #0 == 0" (true) and is known to be so.
func (g *gen) uncond(truth bool) *frag {
	var k uint32
	if !truth {
		k = 1
	}
	f := g.jump(ir.JEQ, 0, stmts{stmt(ir.LD|ir.IMM, k)})
	if truth {
		f.meaning = alwaysTrue
	} else {
		f.meaning = alwaysFalse
	}
	return f
}

func (g *gen) genTrue() *frag  { return g.uncond(true) }
func (g *gen) genFalse() *frag { return g.uncond(false) }

// prepend puts statements in front of a fragment's first block. The block
// then does more than test a constant, so its meaning is lost.
func (g *gen) prepend(s stmts, f *frag) *frag {
	if len(s) > 0 {
		f.head.Stmts = cat(s, f.head.Stmts)
		f.meaning = uncertain
	}
	return f
}

// finish closes the expression: true outcomes return the snapshot length,
// false ones return 0.
func (g *gen) finish(f *frag) {
	g.insertVarOffsets(f.head)
	if g.cfg.LinkType == dltPPI {
		check := g.cmp(offPacket, 4, ir.W, swapLong(dltIEEE802_11))
		f = g.and(check, f)
	}
	patchAll(f.t, g.retBlock(g.cfg.Snaplen))
	patchAll(f.f, g.retBlock(0))
	g.root = f.head
}

func swapLong(v uint32) uint32 {
	return v>>24 | (v>>8)&0xff00 | (v<<8)&0xff0000 | v<<24
}

// arth is a compiled arithmetic value: the protocol checks its loads need
// (f, nil when none), the statements that compute it, and the scratch
// register that holds the result.
type arth struct {
	f   *frag
	s   stmts
	reg int
}
