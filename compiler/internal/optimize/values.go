package optimize

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// Value numbering. Every computed value gets a number: two computations
// get the same number when they apply the same operation to the same
// operands, so equal numbers mean equal values at run time. Number 0
// means "unknown". Only equality of numbers matters, never their size.

const valUnknown = 0

type valueKey struct {
	code   uint16
	v0, v1 uint32
}

type valueTable struct {
	byKey  map[valueKey]uint32
	consts []constInfo // by value number
}

type constInfo struct {
	isConst bool
	k       uint32
}

func (t *valueTable) reset() {
	if t.byKey == nil {
		t.byKey = make(map[valueKey]uint32)
	} else {
		clear(t.byKey)
	}
	t.consts = append(t.consts[:0], constInfo{})
}

// number returns the value number of code applied to v0 and v1.
func (t *valueTable) number(code uint16, v0, v1 uint32) uint32 {
	key := valueKey{code, v0, v1}
	if v, ok := t.byKey[key]; ok {
		return v
	}
	v := uint32(len(t.consts))
	t.byKey[key] = v
	var c constInfo
	if ir.Mode(code) == ir.IMM && (ir.Class(code) == ir.LD || ir.Class(code) == ir.LDX) {
		c = constInfo{true, v0}
	}
	t.consts = append(t.consts, c)
	return v
}

// konst is the value number of the constant k.
func (t *valueTable) konst(k uint32) uint32 { return t.number(ir.LD|ir.IMM|ir.W, k, 0) }

func (t *valueTable) isConst(v uint32) bool { return t.consts[v].isConst }
func (t *valueTable) constOf(v uint32) uint32 {
	return t.consts[v].k
}

// store records newval as an atom's value; when rewriting and the atom
// already holds that known value, the statement is redundant and becomes
// a no-op.
func store(s *ir.Stmt, slot *uint32, newval uint32, alter bool) {
	if alter && newval != valUnknown && *slot == newval {
		s.Code = ir.NOP
	} else {
		*slot = newval
	}
}

const (
	aluOpMask = 0xf0
	ldImm     = ir.LD | ir.IMM
)

// foldALU replaces an ALU operation on two constants by a load of the
// result.
func (o *optimizer) foldALU(s *ir.Stmt, v0, v1 uint32) {
	a, b := o.values.constOf(v0), o.values.constOf(v1)
	switch s.Code & aluOpMask {
	case ir.ADD:
		a += b
	case ir.SUB:
		a -= b
	case ir.MUL:
		a *= b
	case ir.DIV:
		if b == 0 {
			fail("division by zero")
		}
		a /= b
	case ir.MOD:
		if b == 0 {
			fail("modulus by zero")
		}
		a %= b
	case ir.AND:
		a &= b
	case ir.OR:
		a |= b
	case ir.XOR:
		a ^= b
	case ir.LSH:
		if b < 32 {
			a <<= b
		} else {
			a = 0
		}
	case ir.RSH:
		if b < 32 {
			a >>= b
		} else {
			a = 0
		}
	default:
		return
	}
	s.K = a
	s.Code = ldImm
	o.changed(true)
}

// changed notes that the pass changed the program; nonBranch says the
// change was more than moving a branch.
func (o *optimizer) changed(nonBranch bool) {
	o.done = false
	if nonBranch {
		o.nonBranch = true
	}
}

// isBinaryALU reports whether code is one of the binary ALU operations
// the optimizer understands.
func isBinaryALU(code uint16) bool {
	if ir.Class(code) != ir.ALU || code&^(aluOpMask|ir.X) != ir.ALU {
		return false
	}
	switch code & aluOpMask {
	case ir.ADD, ir.SUB, ir.MUL, ir.DIV, ir.MOD, ir.AND, ir.OR, ir.XOR, ir.LSH, ir.RSH:
		return true
	}
	return false
}

// evalStmt computes the value s leaves in the atom it defines, updating
// val; with alter it also simplifies s using what is known (libpcap's
// opt_stmt).
func (o *optimizer) evalStmt(s *ir.Stmt, val *[nAtoms]uint32, alter bool) {
	vt := &o.values
	switch code := s.Code; {
	case code == ir.LD|ir.ABS|ir.W, code == ir.LD|ir.ABS|ir.H, code == ir.LD|ir.ABS|ir.B:
		store(s, &val[atomA], vt.number(code, s.K, 0), alter)

	case code == ir.LD|ir.IND|ir.W, code == ir.LD|ir.IND|ir.H, code == ir.LD|ir.IND|ir.B:
		v := val[atomX]
		if alter && vt.isConst(v) {
			s.Code = ir.LD | ir.ABS | ir.Size(code)
			s.K += vt.constOf(v)
			v = vt.number(s.Code, s.K, 0)
			o.changed(true)
		} else {
			v = vt.number(code, s.K, v)
		}
		store(s, &val[atomA], v, alter)

	case code == ir.LD|ir.LEN:
		store(s, &val[atomA], vt.number(code, 0, 0), alter)

	case code == ldImm:
		store(s, &val[atomA], vt.konst(s.K), alter)

	case code == ir.LDX|ir.IMM:
		store(s, &val[atomX], vt.konst(s.K), alter)

	case code == ir.LDX|ir.MSH|ir.B:
		store(s, &val[atomX], vt.number(code, s.K, 0), alter)

	case code == ir.ALU|ir.NEG:
		if alter && vt.isConst(val[atomA]) {
			s.Code = ldImm
			s.K = -vt.constOf(val[atomA])
			val[atomA] = vt.konst(s.K)
		} else {
			val[atomA] = vt.number(code, val[atomA], 0)
		}

	case isBinaryALU(code) && ir.Src(code) == ir.K:
		op := code & aluOpMask
		if alter {
			if s.K == 0 {
				switch op {
				case ir.ADD, ir.LSH, ir.RSH, ir.OR, ir.XOR:
					s.Code = ir.NOP
					return
				case ir.MUL, ir.AND:
					s.Code = ldImm
					val[atomA] = vt.konst(s.K)
					return
				case ir.DIV:
					fail("division by zero")
				case ir.MOD:
					fail("modulus by zero")
				}
			}
			if vt.isConst(val[atomA]) {
				o.foldALU(s, val[atomA], vt.konst(s.K))
				val[atomA] = vt.konst(s.K)
				return
			}
		}
		val[atomA] = vt.number(code, val[atomA], vt.konst(s.K))

	case isBinaryALU(code): // operand X
		op := code & aluOpMask
		if alter && vt.isConst(val[atomX]) {
			if vt.isConst(val[atomA]) {
				o.foldALU(s, val[atomA], val[atomX])
				val[atomA] = vt.konst(s.K)
			} else {
				s.Code = ir.ALU | ir.K | op
				s.K = vt.constOf(val[atomX])
				if (op == ir.LSH || op == ir.RSH) && s.K > 31 {
					fail("shift by more than 31 bits")
				}
				o.changed(false)
				val[atomA] = vt.number(s.Code, val[atomA], vt.konst(s.K))
				o.nonBranch = true
			}
			return
		}
		// An operation on a zero accumulator may simplify.
		if alter && vt.isConst(val[atomA]) && vt.constOf(val[atomA]) == 0 {
			switch op {
			case ir.ADD, ir.OR, ir.XOR:
				s.Code = ir.MISC | ir.TXA
				store(s, &val[atomA], val[atomX], alter)
				return
			case ir.MUL, ir.DIV, ir.MOD, ir.AND, ir.LSH, ir.RSH:
				s.Code = ldImm
				s.K = 0
				store(s, &val[atomA], vt.konst(s.K), alter)
				return
			}
		}
		val[atomA] = vt.number(code, val[atomA], val[atomX])

	case code == ir.MISC|ir.TXA:
		store(s, &val[atomA], val[atomX], alter)

	case code == ir.LD|ir.MEM:
		v := val[s.K]
		if alter && vt.isConst(v) {
			s.Code = ldImm
			s.K = vt.constOf(v)
			o.changed(true)
		}
		store(s, &val[atomA], v, alter)

	case code == ir.MISC|ir.TAX:
		store(s, &val[atomX], val[atomA], alter)

	case code == ir.LDX|ir.MEM:
		v := val[s.K]
		if alter && vt.isConst(v) {
			s.Code = ir.LDX | ir.IMM
			s.K = vt.constOf(v)
			o.changed(true)
		}
		store(s, &val[atomX], v, alter)

	case code == ir.ST:
		store(s, &val[s.K], val[atomA], alter)

	case code == ir.STX:
		store(s, &val[s.K], val[atomX], alter)
	}
}
