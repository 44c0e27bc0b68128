package optimize

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// optBlock numbers the values of one block and simplifies it (libpcap's
// opt_blk). Blocks are visited top-down, so every predecessor's exit values
// are known: an atom enters with a known value only when all predecessors
// agree on it.
func (o *optimizer) optBlock(b *blk, doStmts bool) {
	if len(b.in) == 0 {
		b.val = [nAtoms]uint32{}
	} else {
		b.val = b.in[0].pred.val
		for _, e := range b.in[1:] {
			for i, v := range e.pred.val {
				if b.val[i] != v {
					b.val[i] = valUnknown
				}
			}
		}
	}
	aval, xval := b.val[atomA], b.val[atomX]
	for _, s := range b.stmts {
		o.evalStmt(s, &b.val, doStmts)
	}
	// A block whose result nobody uses and that leaves both registers as
	// it found them, or a return, needs no statements.
	if doStmts && ((b.outUse == 0 &&
		aval != valUnknown && b.val[atomA] == aval &&
		xval != valUnknown && b.val[atomX] == xval) ||
		ir.Class(b.ir.Jump.Code) == ir.RET) {
		if len(b.stmts) != 0 {
			b.stmts = nil
			o.changed(true)
		}
	} else {
		o.peephole(b)
		o.deadStores(b)
	}
	if ir.Src(b.ir.Jump.Code) == ir.K {
		b.oval = o.values.konst(b.ir.Jump.K)
	} else {
		b.oval = b.val[atomX]
	}
}

// next returns the index of the first live statement at or after i, or -1.
func nextLive(stmts []*ir.Stmt, i int) int {
	for ; i < len(stmts); i++ {
		if stmts[i].Code != ir.NOP {
			return i
		}
	}
	return -1
}

// peephole applies libpcap's local rewrites (opt_peep).
func (o *optimizer) peephole(b *blk) {
	stmts := b.stmts
	if len(stmts) == 0 {
		return
	}
	last := stmts[0]
	for i := 0; ; {
		i = nextLive(stmts, i)
		if i < 0 {
			break
		}
		j := nextLive(stmts, i+1)
		if j < 0 {
			break
		}
		s, next := stmts[i], stmts[j]
		last = next
		i = j

		// st M[k]; ldx M[k]  ->  st M[k]; tax
		if s.Code == ir.ST && next.Code == ir.LDX|ir.MEM && s.K == next.K {
			next.Code = ir.MISC | ir.TAX
			o.changed(true)
		}
		// ld #k; tax  ->  ldx #k; txa
		if s.Code == ldImm && next.Code == ir.MISC|ir.TAX {
			s.Code = ir.LDX | ir.IMM
			next.Code = ir.MISC | ir.TXA
			o.changed(true)
		}
		// ld #k; [ldxb 4*([n]&0xf);] add x; tax; ld[x+m]  ->
		// [ldxb 4*([n]&0xf);] ld [x+m+k], when X is dead afterwards
		// (what tcp[k] compiles to).
		if s.Code == ldImm {
			if b.outUse.has(atomX) {
				continue
			}
			add := j
			if next.Code == ir.LDX|ir.MSH|ir.B {
				add = nextLive(stmts, j+1)
			}
			if add < 0 || stmts[add].Code != ir.ALU|ir.ADD|ir.X {
				continue
			}
			tax := nextLive(stmts, add+1)
			if tax < 0 || stmts[tax].Code != ir.MISC|ir.TAX {
				continue
			}
			ild := nextLive(stmts, tax+1)
			if ild < 0 || ir.Class(stmts[ild].Code) != ir.LD || ir.Mode(stmts[ild].Code) != ir.IND {
				continue
			}
			stmts[ild].K += s.K
			s.Code = ir.NOP
			stmts[add].Code = ir.NOP
			stmts[tax].Code = ir.NOP
			o.changed(true)
		}
	}

	jump := &b.ir.Jump
	// An equality test against a constant that follows arithmetic may
	// absorb it, when A is dead afterwards.
	if jump.Code == ir.JMP|ir.JEQ|ir.K && !b.outUse.has(atomA) {
		switch {
		case last.Code == ir.ALU|ir.SUB|ir.X:
			if xv := b.val[atomX]; o.values.isConst(xv) {
				// sub x; jeq #y  ->  jeq #(y+x)
				jump.K += o.values.constOf(xv)
				last.Code = ir.NOP
				o.changed(true)
			} else if jump.K == 0 {
				// sub x; jeq #0  ->  jeq x
				last.Code = ir.NOP
				jump.Code = ir.JMP | ir.JEQ | ir.X
				o.changed(true)
			}
		case last.Code == ir.ALU|ir.SUB|ir.K:
			// sub #x; jeq #y  ->  jeq #(y+x)
			last.Code = ir.NOP
			jump.K += last.K
			o.changed(true)
		case last.Code == ir.ALU|ir.AND|ir.K && jump.K == 0:
			// and #k; jeq #0  ->  jset #k, branches swapped
			jump.K = last.K
			jump.Code = ir.JMP | ir.JSET | ir.K
			last.Code = ir.NOP
			o.changed(true)
			b.succ[0], b.succ[1] = b.succ[1], b.succ[0]
		}
	}
	if jump.Code == ir.JMP|ir.JSET|ir.K {
		if jump.K == 0 {
			// Never true.
			b.succ[0] = b.succ[1]
		} else if jump.K == 0xffffffff {
			// Some bit set: A != 0.
			jump.Code = ir.JMP | ir.JEQ | ir.K
			jump.K = 0
			b.succ[0], b.succ[1] = b.succ[1], b.succ[0]
			o.changed(true)
		}
	}
	// A comparison with a known X compares with the constant.
	if xv := b.val[atomX]; o.values.isConst(xv) && ir.Src(jump.Code) == ir.X {
		jump.Code &^= ir.X
		jump.K = o.values.constOf(xv)
	}
	// A comparison of a known A has a known outcome.
	if av := b.val[atomA]; o.values.isConst(av) && ir.Src(jump.Code) == ir.K && ir.Class(jump.Code) == ir.JMP {
		v := o.values.constOf(av)
		var taken bool
		switch jump.Code & aluOpMask {
		case ir.JEQ:
			taken = v == jump.K
		case ir.JGT:
			taken = v > jump.K
		case ir.JGE:
			taken = v >= jump.K
		case ir.JSET:
			taken = v&jump.K != 0
		default:
			return
		}
		if b.succ[0] != b.succ[1] {
			o.changed(true)
		}
		if taken {
			b.succ[1] = b.succ[0]
		} else {
			b.succ[0] = b.succ[1]
		}
	}
}

// deadStores removes definitions that are overwritten before any use,
// and those of atoms nobody uses after the block (opt_deadstores).
func (o *optimizer) deadStores(b *blk) {
	var last [nAtoms]*ir.Stmt
	visit := func(s *ir.Stmt) {
		switch a := atomUse(s.Code, s.K); {
		case a == atomAX:
			last[atomX], last[atomA] = nil, nil
		case a >= 0:
			last[a] = nil
		}
		if a := atomDef(s.Code, s.K); a >= 0 {
			if last[a] != nil {
				last[a].Code = ir.NOP
				o.changed(true)
			}
			last[a] = s
		}
	}
	for _, s := range b.stmts {
		visit(s)
	}
	visit(&b.ir.Jump)
	for a, s := range last {
		if s != nil && !b.outUse.has(a) {
			s.Code = ir.NOP
			b.val[a] = valUnknown
			o.changed(true)
		}
	}
}
