package parse

// The arithmetic layer: values built from numbers, packet loads and len,
// and the comparisons that turn two of them into a term.

// binaryOps gives each binary operator its Builder code and precedence
// (higher binds tighter), as libpcap declares them. '%' and '^' are
// missing on purpose: libpcap declares no precedence for them, so its
// parser always shifts them; see arithFrom.
var binaryOps = map[kind]struct {
	op   uint8
	prec int
}{
	kindPipe:  {OpOr, 1},
	kindAmp:   {OpAnd, 2},
	kindLsh:   {OpLsh, 3},
	kindRsh:   {OpRsh, 3},
	kindPlus:  {OpAdd, 4},
	kindMinus: {OpSub, 4},
	kindStar:  {OpMul, 5},
	kindSlash: {OpDiv, 5},
}

// relations maps the comparison operators to the jump they compile to;
// <=, < and != compile as the negation of >, >= and =.
var relations = map[kind]struct {
	op       uint8
	reversed bool
}{
	kindGT: {RelGT, false},
	kindGE: {RelGE, false},
	kindEQ: {RelEQ, false},
	kindLE: {RelGT, true},
	kindLT: {RelGE, true},
	kindNE: {RelEQ, true},
}

// arith parses a whole arithmetic value.
func (p *parser) arith() (Arith, error) {
	a, err := p.operand(qualUndef)
	if err != nil {
		return nil, err
	}
	return p.arithFrom(a, 1)
}

// arithFrom continues an arithmetic value whose first operand is a,
// taking binary operators of precedence minPrec or more.
//
// '%' and '^' have no declared precedence, so libpcap's parser resolves
// every choice involving them by shifting: whatever is on their left is
// their left operand, and their right operand is the entire arithmetic
// value that follows ("a * b % c + d" is "a * (b % (c + d))").
func (p *parser) arithFrom(a Arith, minPrec int) (Arith, error) {
	for {
		k := p.peek().kind
		if k == kindPercent || k == kindCaret {
			var err error
			if a, err = p.greedyOp(a); err != nil {
				return nil, err
			}
			continue
		}
		bop, ok := binaryOps[k]
		if !ok || bop.prec < minPrec {
			return a, nil
		}
		p.take()
		if err := p.enter(2); err != nil {
			return nil, err
		}
		b, err := p.operand(qualUndef)
		if err == nil {
			b, err = p.arithFrom(b, bop.prec+1)
		}
		p.leave(2)
		if err != nil {
			return nil, err
		}
		if a, err = p.b.Arith(bop.op, a, b); err != nil {
			return nil, p.builderError(err)
		}
	}
}

// greedyOp applies the '%' or '^' in the lookahead to a and the whole
// arithmetic value that follows it.
func (p *parser) greedyOp(a Arith) (Arith, error) {
	op := OpMod
	if p.take().kind == kindCaret {
		op = OpXor
	}
	if err := p.enter(2); err != nil {
		return nil, err
	}
	b, err := p.arith()
	p.leave(2)
	if err != nil {
		return nil, err
	}
	a, err = p.b.Arith(op, a, b)
	if err != nil {
		return nil, p.builderError(err)
	}
	return a, nil
}

// operand parses one operand of an arithmetic operator: a number, len, a
// packet load, a parenthesised value, or a negation.
func (p *parser) operand(ctx Qual) (Arith, error) {
	t := p.take()
	switch t.kind {
	case kindNum:
		return p.loadI(t.val)
	case kindLen:
		a, err := p.b.LoadLen()
		if err != nil {
			return nil, p.builderError(err)
		}
		return a, nil
	case kindProto:
		if p.peek().kind != kindLBracket {
			return nil, p.syntaxError()
		}
		return p.load(uint8(t.val))
	case kindLParen:
		v, err := p.paren(ctx, modeArith)
		if err != nil {
			return nil, err
		}
		if v.kind == valueArith {
			return v.a, nil
		}
		return p.loadI(v.n)
	case kindMinus:
		// Unary minus binds tighter than every binary operator except
		// '%' and '^', which take it as their left operand.
		if err := p.enter(1); err != nil {
			return nil, err
		}
		a, err := p.operand(ctx)
		for err == nil {
			if k := p.peek().kind; k != kindPercent && k != kindCaret {
				break
			}
			a, err = p.greedyOp(a)
		}
		p.leave(1)
		if err != nil {
			return nil, err
		}
		if a, err = p.b.Neg(a); err != nil {
			return nil, p.builderError(err)
		}
		return a, nil
	}
	p.have = true // give the token back: the caller reports it
	p.tok = t
	return nil, p.syntaxError()
}

func (p *parser) loadI(n uint32) (Arith, error) {
	a, err := p.b.LoadI(n)
	if err != nil {
		return nil, p.builderError(err)
	}
	return a, nil
}

// load parses a packet access "proto[index]" or "proto[index:size]"
// whose '[' is the lookahead.
func (p *parser) load(proto uint8) (Arith, error) {
	p.take()
	if err := p.enter(2); err != nil {
		return nil, err
	}
	idx, err := p.arith()
	p.leave(2)
	if err != nil {
		return nil, err
	}
	size := uint32(1)
	if p.peek().kind == kindColon {
		p.take()
		n, err := p.expect(kindNum)
		if err != nil {
			return nil, err
		}
		size = n.val
	}
	if _, err := p.expect(kindRBracket); err != nil {
		return nil, err
	}
	a, err := p.b.Load(proto, idx, size)
	if err != nil {
		return nil, p.builderError(err)
	}
	return a, nil
}

// relation finishes a comparison whose left side a was parenthesised.
func (p *parser) relation(a Arith) (Expr, Qual, error) {
	a, err := p.arithFrom(a, 1)
	if err != nil {
		return nil, qualUndef, err
	}
	return p.relationFrom(a)
}

// relationFrom parses the comparison operator and right side that follow
// the complete arithmetic value a.
func (p *parser) relationFrom(a Arith) (Expr, Qual, error) {
	rel, ok := relations[p.peek().kind]
	if !ok {
		return nil, qualUndef, p.syntaxError()
	}
	p.take()
	if err := p.enter(2); err != nil {
		return nil, qualUndef, err
	}
	b, err := p.arith()
	p.leave(2)
	if err != nil {
		return nil, qualUndef, err
	}
	e, err := p.b.Relation(rel.op, a, b, rel.reversed)
	if err != nil {
		return nil, qualUndef, p.builderError(err)
	}
	return e, qualUndef, nil
}
