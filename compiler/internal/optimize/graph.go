package optimize

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// findLevels gives every reachable block its level, the length of the
// longest path from it to a return, and lists the blocks of each level in
// libpcap's order: the reverse of the order a depth-first walk (true branch
// first) finishes them in. Walks are iterative: block lists make paths
// thousands of blocks long.
func (o *optimizer) findLevels() {
	o.curMark++
	mark := o.curMark
	var finished []*blk
	type frame struct {
		b    *blk
		step int
	}
	stack := []frame{{b: o.root}}
	o.root.mark = mark
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		b := top.b
		if top.step < 2 && b.succ[0] != nil {
			next := b.succ[top.step]
			top.step++
			if next.mark != mark {
				next.mark = mark
				stack = append(stack, frame{b: next})
			}
			continue
		}
		stack = stack[:len(stack)-1]
		if b.succ[0] != nil {
			b.level = max(b.succ[0].level, b.succ[1].level) + 1
		} else {
			b.level = 0
		}
		finished = append(finished, b)
	}
	o.byLevel = make([][]*blk, o.root.level+1)
	for i := len(finished) - 1; i >= 0; i-- {
		b := finished[i]
		o.byLevel[b.level] = append(o.byLevel[b.level], b)
	}
	o.down = o.down[:0]
	for l := len(o.byLevel) - 1; l >= 0; l-- {
		o.down = append(o.down, o.byLevel[l]...)
	}
	if o.pos == nil {
		o.pos = make([]int32, len(o.blocks))
	}
	for i := range o.pos {
		o.pos[i] = -1
	}
	for i, b := range o.down {
		o.pos[b.id] = int32(i)
	}
}

// findInEdges records each block's incoming edges, from the blocks of this
// pass's levels (which may no longer be reachable).
func (o *optimizer) findInEdges() {
	for _, b := range o.blocks {
		b.in = b.in[:0]
	}
	for _, b := range o.down {
		if b.level == 0 {
			continue
		}
		b.succ[0].in = append(b.succ[0].in, edgeRef{b, 0})
		b.succ[1].in = append(b.succ[1].in, edgeRef{b, 1})
	}
}

// firstIn is the edge libpcap finds first in a block's list of incoming
// edges: the one linked last.
func (b *blk) firstIn() edgeRef { return b.in[len(b.in)-1] }

// atomUse is the atom a statement reads: atomAX for both registers, -1
// for none.
func atomUse(code uint16, k uint32) int {
	if code == ir.NOP {
		return -1
	}
	switch ir.Class(code) {
	case ir.RET:
		if code&0x18 == ir.A {
			return atomA
		}
		return -1
	case ir.LD, ir.LDX:
		switch ir.Mode(code) {
		case ir.IND:
			return atomX
		case ir.MEM:
			return int(k)
		}
		return -1
	case ir.ST:
		return atomA
	case ir.STX:
		return atomX
	case ir.JMP, ir.ALU:
		if ir.Src(code) == ir.X {
			return atomAX
		}
		return atomA
	case ir.MISC:
		if code&0xf8 == ir.TXA {
			return atomX
		}
		return atomA
	}
	return -1
}

// atomDef is the atom a statement writes, or -1.
func atomDef(code uint16, k uint32) int {
	if code == ir.NOP {
		return -1
	}
	switch ir.Class(code) {
	case ir.LD, ir.ALU:
		return atomA
	case ir.LDX:
		return atomX
	case ir.ST, ir.STX:
		return int(k)
	case ir.MISC:
		if code&0xf8 == ir.TAX {
			return atomX
		}
		return atomA
	}
	return -1
}

// localUseDef computes what a block reads before writing (inUse), writes
// (def), and writes before reading (kill). A return's operand does not
// count, as in libpcap.
func (b *blk) localUseDef() {
	var def, use, kill atomset
	note := func(code uint16, k uint32) {
		switch a := atomUse(code, k); {
		case a == atomAX:
			if !def.has(atomX) {
				use |= 1 << atomX
			}
			if !def.has(atomA) {
				use |= 1 << atomA
			}
		case a >= 0:
			if !def.has(a) {
				use |= 1 << uint(a)
			}
		}
	}
	for _, s := range b.stmts {
		if s.Code == ir.NOP {
			continue
		}
		note(s.Code, s.K)
		if a := atomDef(s.Code, s.K); a >= 0 {
			if !use.has(a) {
				kill |= 1 << uint(a)
			}
			def |= 1 << uint(a)
		}
	}
	if ir.Class(b.ir.Jump.Code) == ir.JMP {
		note(b.ir.Jump.Code, b.ir.Jump.K)
	}
	b.def, b.kill, b.inUse = def, kill, use
}

// findUseDef computes, for each block, the atoms live on exit (outUse).
func (o *optimizer) findUseDef() {
	for _, b := range o.down {
		b.localUseDef()
		b.outUse = 0
	}
	for l := 1; l < len(o.byLevel); l++ {
		for _, b := range o.byLevel[l] {
			b.outUse |= b.succ[0].inUse | b.succ[1].inUse
			b.inUse |= b.outUse &^ b.kill
		}
	}
}

// markReachable marks the blocks reachable from the root with a new mark.
func (o *optimizer) markReachable() int {
	o.curMark++
	mark := o.curMark
	stack := []*blk{o.root}
	o.root.mark = mark
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if ir.Class(b.ir.Jump.Code) == ir.RET {
			continue
		}
		for _, c := range b.succ {
			if c.mark != mark {
				c.mark = mark
				stack = append(stack, c)
			}
		}
	}
	return mark
}
