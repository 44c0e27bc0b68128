package parse

// The boolean layer: chains of "and"/"or", terms, qualified identifiers
// and the parenthesised forms, whose meaning depends on what they hold.

// chain parses the "and"/"or" operators that follow a first operand e of
// qualifier q. Both operators have the same precedence and associate to
// the left, so the chain is a loop. The operand after an operator is a
// term or a bare identifier (allowTerms), or only an identifier (inside a
// parenthesised identifier list); a bare identifier inherits the
// qualifier of the operand before it.
func (p *parser) chain(e Expr, q Qual, allowTerms bool) (Expr, Qual, error) {
	for {
		op := p.peek().kind
		if op != kindAnd && op != kindOr {
			return e, q, nil
		}
		p.take()
		// The left operand and the operator stay on bison's stack
		// while the right operand is parsed.
		if err := p.enter(2); err != nil {
			return nil, q, err
		}
		var r Expr
		var err error
		if allowTerms {
			r, q, _, err = p.termOrID(q)
		} else {
			r, q, err = p.id(q)
		}
		p.leave(2)
		if err != nil {
			return nil, q, err
		}
		if op == kindAnd {
			e = p.b.And(e, r)
		} else {
			e = p.b.Or(e, r)
		}
	}
}

// isChainEnd reports whether k may follow a complete operand of a chain.
func isChainEnd(k kind) bool {
	return k == kindAnd || k == kindOr || k == kindRParen || k == kindEOF
}

// termOrID parses the operand after "and" or "or": a term, or a bare
// identifier under the inherited qualifier q. isTerm tells which it was.
func (p *parser) termOrID(q Qual) (e Expr, rq Qual, isTerm bool, err error) {
	switch t := p.peek(); t.kind {
	case kindID, kindHID, kindHID6, kindEID, kindAID:
		e, rq, err = p.nid(q)
		return e, rq, false, err
	case kindNot:
		p.take()
		if err := p.enter(1); err != nil {
			return nil, q, false, err
		}
		e, rq, isTerm, err = p.termOrID(q)
		p.leave(1)
		if err != nil {
			return nil, q, false, err
		}
		return p.b.Not(e), rq, isTerm, nil
	case kindNum:
		p.take()
		return p.numOperand(t.val, q)
	case kindLParen:
		p.take()
		v, err := p.paren(q, modeAfterChainOp)
		if err != nil {
			return nil, q, false, err
		}
		switch v.kind {
		case valueBool:
			return v.e, q, v.isTerm, nil
		case valueArith:
			e, rq, err = p.relation(v.a)
			return e, rq, true, err
		default:
			return p.numOperand(v.n, q)
		}
	}
	e, rq, err = p.term(q)
	return e, rq, true, err
}

// numOperand finishes an operand after "and"/"or" that began with the
// number n: a bare number under the inherited qualifier if the operand
// ends here, else the left side of a comparison.
func (p *parser) numOperand(n uint32, q Qual) (Expr, Qual, bool, error) {
	if isChainEnd(p.peek().kind) {
		e, err := p.b.NCode("", n, q)
		if err != nil {
			return nil, q, false, p.builderError(err)
		}
		return e, q, false, nil
	}
	a, err := p.b.LoadI(n)
	if err != nil {
		return nil, q, true, p.builderError(err)
	}
	e, rq, err := p.relation(a)
	return e, rq, true, err
}

// term parses a term where a bare identifier is not allowed: at the start
// of the expression, after "not" there, or first inside parentheses. ctx
// is the qualifier of the symbol before it, which a parenthesised
// expression takes as its own.
func (p *parser) term(ctx Qual) (Expr, Qual, error) {
	t := p.peek()
	switch t.kind {
	case kindNot:
		p.take()
		if err := p.enter(1); err != nil {
			return nil, ctx, err
		}
		e, q, err := p.term(ctx)
		p.leave(1)
		if err != nil {
			return nil, ctx, err
		}
		return p.b.Not(e), q, nil
	case kindLParen:
		p.take()
		v, err := p.paren(ctx, modeTerm)
		if err != nil {
			return nil, ctx, err
		}
		switch v.kind {
		case valueBool:
			return v.e, ctx, nil
		case valueArith:
			return p.relation(v.a)
		default:
			a, err := p.b.LoadI(v.n)
			if err != nil {
				return nil, ctx, p.builderError(err)
			}
			return p.relation(a)
		}
	case kindNum, kindMinus, kindLen:
		a, err := p.arith()
		if err != nil {
			return nil, ctx, err
		}
		return p.relationFrom(a)
	case kindProto:
		p.take()
		switch next := p.peek().kind; {
		case next == kindLBracket:
			a, err := p.load(uint8(t.val))
			if err != nil {
				return nil, ctx, err
			}
			if a, err = p.arithFrom(a, 1); err != nil {
				return nil, ctx, err
			}
			return p.relationFrom(a)
		case isChainEnd(next):
			e, err := p.b.ProtoAbbrev(uint8(t.val))
			if err != nil {
				return nil, ctx, p.builderError(err)
			}
			return e, qualUndef, nil
		default:
			return p.qualified(uint8(t.val))
		}
	}
	if e, ok, err := p.primitive(); ok {
		return e, qualUndef, err
	}
	return p.qualified(ProtoDefault)
}

// qualified parses what follows a protocol qualifier (proto, or
// ProtoDefault when there was none): direction and address-type
// qualifiers and the identifier they qualify, or one of the primitives
// that take a protocol qualifier (broadcast, multicast, 802.11 type,
// subtype and direction).
func (p *parser) qualified(proto uint8) (Expr, Qual, error) {
	q := Qual{Proto: proto}
	switch t := p.peek(); t.kind {
	case kindSrc, kindDst:
		p.take()
		q.Dir = DirSrc
		other := kindDst
		if t.kind == kindDst {
			q.Dir, other = DirDst, kindSrc
		}
		// "src or dst", "dst and src", ...
		if op := p.peek().kind; op == kindOr || op == kindAnd {
			p.take()
			if _, err := p.expect(other); err != nil {
				return nil, q, err
			}
			q.Dir = DirOr
			if op == kindAnd {
				q.Dir = DirAnd
			}
		}
		if a := p.peek(); a.kind == kindAddr {
			p.take()
			q.Addr = uint8(a.val)
		}
	case kindDir:
		p.take()
		q.Dir = uint8(t.val)
		if a := p.peek(); a.kind == kindAddr {
			p.take()
			q.Addr = uint8(a.val)
		}
	case kindAddr:
		p.take()
		q.Addr = uint8(t.val)
	case kindProtoKw:
		p.take()
		q.Addr = AddrProto
	case kindProtochain:
		p.take()
		q.Addr = AddrProtochain
	case kindGateway:
		p.take()
		q.Addr = AddrGateway
	case kindBroadcast, kindMulticast:
		p.take()
		f := p.b.Broadcast
		if t.kind == kindMulticast {
			f = p.b.Multicast
		}
		e, err := f(proto)
		if err != nil {
			return nil, q, p.builderError(err)
		}
		return e, qualUndef, nil
	case kindType, kindSubtype, kindWlanDir:
		e, err := p.wlan()
		return e, qualUndef, err
	default:
		return nil, q, p.syntaxError()
	}
	return p.id(q)
}

// id parses an identifier under the qualifier q where only an identifier
// may stand: after qualifiers, after "and"/"or" inside a parenthesised
// identifier list, or after "not" there.
func (p *parser) id(q Qual) (Expr, Qual, error) {
	switch t := p.peek(); t.kind {
	case kindID, kindHID, kindHID6, kindEID, kindAID:
		return p.nid(q)
	case kindNum:
		p.take()
		return p.ncode(t.val, q)
	case kindNot:
		p.take()
		if err := p.enter(1); err != nil {
			return nil, q, err
		}
		e, rq, err := p.id(q)
		p.leave(1)
		if err != nil {
			return nil, q, err
		}
		return p.b.Not(e), rq, nil
	case kindLParen:
		p.take()
		v, err := p.paren(q, modeID)
		if err != nil {
			return nil, q, err
		}
		if v.kind == valueBool {
			return v.e, q, nil
		}
		return p.ncode(v.n, q)
	}
	return nil, q, p.syntaxError()
}

func (p *parser) ncode(n uint32, q Qual) (Expr, Qual, error) {
	e, err := p.b.NCode("", n, q)
	if err != nil {
		return nil, q, p.builderError(err)
	}
	return e, q, nil
}

// nid parses a name or address under the qualifier q. The lookahead is
// one of kindID, kindHID, kindHID6, kindEID, kindAID.
func (p *parser) nid(q Qual) (Expr, Qual, error) {
	t := p.take()
	if t.err != nil {
		// An invalid IPv6 or Ethernet address: the lexer's error is
		// the one reported, whatever follows.
		return nil, q, p.fail(t.err)
	}
	var e Expr
	var err error
	switch t.kind {
	case kindID:
		e, err = p.b.SCode(t.text, q)
	case kindEID:
		e, err = p.b.ECode(t.text, q)
	case kindAID:
		e, err = p.b.ACode(t.text, q)
	case kindHID:
		switch p.peek().kind {
		case kindSlash:
			p.take()
			n, perr := p.expect(kindNum)
			if perr != nil {
				return nil, q, perr
			}
			if msg := addrQualMismatch(q, "IPv4 address and prefix length"); msg != "" {
				return nil, q, p.failf("%s", msg)
			}
			e, err = p.b.MCode(t.text, "", n.val, q)
		case kindMask:
			p.take()
			m, perr := p.expect(kindHID)
			if perr != nil {
				return nil, q, perr
			}
			if msg := addrQualMismatch(q, "IPv4 address and netmask"); msg != "" {
				return nil, q, p.failf("%s", msg)
			}
			e, err = p.b.MCode(t.text, m.text, 0, q)
		default:
			if msg := addrQualMismatch(q, "IPv4 address"); msg != "" {
				return nil, q, p.failf("%s", msg)
			}
			e, err = p.b.NCode(t.text, 0, q)
		}
	default: // kindHID6
		if p.peek().kind == kindSlash {
			p.take()
			n, perr := p.expect(kindNum)
			if perr != nil {
				return nil, q, perr
			}
			if msg := addrQualMismatch(q, "IPv6 address and prefix length"); msg != "" {
				return nil, q, p.failf("%s", msg)
			}
			e, err = p.b.MCode6(t.text, n.val, q)
		} else {
			if msg := addrQualMismatch(q, "IPv6 address"); msg != "" {
				return nil, q, p.failf("%s", msg)
			}
			e, err = p.b.MCode6(t.text, 128, q)
		}
	}
	if err != nil {
		return nil, q, p.builderError(err)
	}
	return e, q, nil
}

// addrQualMismatch returns libpcap's complaint about an address-type
// qualifier that cannot apply to an address literal, or "".
func addrQualMismatch(q Qual, what string) string {
	var name string
	switch q.Addr {
	case AddrPort:
		name = "port"
	case AddrPortrange:
		name = "portrange"
	case AddrProto:
		name = "proto"
		if what == "IPv6 address and prefix length" {
			// libpcap's text has a trailing blank here.
			what += " "
		}
	case AddrProtochain:
		name = "protochain"
	default:
		return ""
	}
	return "'" + name + "' qualifier applied to " + what
}

// ---- Parentheses ----

// parenMode says what a parenthesised group may hold at its position.
type parenMode uint8

const (
	// modeTerm: where a term starts: an expression, an arithmetic
	// value, or a number that starts one.
	modeTerm parenMode = iota
	// modeAfterChainOp: after "and"/"or": all of modeTerm, or a list
	// of bare identifiers ("host a or (b or c)").
	modeAfterChainOp
	// modeID: where only an identifier may stand: a list of bare
	// identifiers, or a number.
	modeID
	// modeArith: an arithmetic operand: an arithmetic value or number.
	modeArith
	// modeNum: a number only (after vlan, mpls, ... and nested in modeID).
	modeNum
)

type valueKind uint8

const (
	valueNum   valueKind = iota // a bare number, not yet loaded
	valueArith                  // an arithmetic value
	valueBool                   // an expression or identifier list
)

// value is what a parenthesised group turned out to hold.
type value struct {
	kind   valueKind
	n      uint32
	a      Arith
	e      Expr
	isTerm bool // valueBool: an expression, not an identifier list
}

// paren parses a parenthesised group after its '('. ctx is the qualifier
// of the symbol before the '(': a bare identifier inside inherits it.
func (p *parser) paren(ctx Qual, mode parenMode) (value, error) {
	if err := p.enter(1); err != nil {
		return value{}, err
	}
	v, err := p.parenBody(ctx, mode)
	p.leave(1)
	if err != nil {
		return value{}, err
	}
	if _, err := p.expect(kindRParen); err != nil {
		return value{}, err
	}
	return v, nil
}

// parenBody parses the contents of a group, up to its ')'.
func (p *parser) parenBody(ctx Qual, mode parenMode) (value, error) {
	t := p.peek()
	switch t.kind {
	case kindLParen:
		p.take()
		inner := mode
		switch mode {
		case modeAfterChainOp:
			inner = modeTerm
		case modeID:
			inner = modeNum
		}
		v, err := p.paren(ctx, inner)
		if err != nil {
			return value{}, err
		}
		switch v.kind {
		case valueNum:
			return p.afterNum(v.n, ctx, mode)
		case valueArith:
			return p.afterArith(v.a, ctx, mode)
		default:
			return p.afterTerm(v.e, ctx)
		}
	case kindNum:
		p.take()
		return p.afterNum(t.val, ctx, mode)
	}
	if mode == modeNum {
		return value{}, p.syntaxError()
	}
	if mode == modeID {
		switch t.kind {
		case kindID, kindHID, kindHID6, kindEID, kindAID, kindNot:
			e, _, err := p.id(ctx)
			if err != nil {
				return value{}, err
			}
			return p.afterID(e, ctx)
		}
		return value{}, p.syntaxError()
	}
	switch t.kind {
	case kindMinus, kindLen:
		a, err := p.operand(ctx)
		if err != nil {
			return value{}, err
		}
		return p.afterArith(a, ctx, mode)
	case kindProto:
		if mode == modeArith {
			a, err := p.operand(ctx)
			if err != nil {
				return value{}, err
			}
			return p.afterArith(a, ctx, mode)
		}
		p.take()
		if p.peek().kind == kindLBracket {
			a, err := p.load(uint8(t.val))
			if err != nil {
				return value{}, err
			}
			return p.afterArith(a, ctx, mode)
		}
		// Not an array access: "(tcp)", "(tcp port 80)".
		if isChainEnd(p.peek().kind) {
			e, err := p.b.ProtoAbbrev(uint8(t.val))
			if err != nil {
				return value{}, p.builderError(err)
			}
			return p.afterTerm(e, qualUndef)
		}
		e, q, err := p.qualified(uint8(t.val))
		if err != nil {
			return value{}, err
		}
		return p.afterTerm(e, q)
	}
	if mode == modeArith {
		return value{}, p.syntaxError()
	}
	if mode == modeAfterChainOp {
		switch t.kind {
		case kindID, kindHID, kindHID6, kindEID, kindAID:
			e, _, err := p.nid(ctx)
			if err != nil {
				return value{}, err
			}
			return p.afterID(e, ctx)
		case kindNot:
			e, q, isTerm, err := p.termOrID(ctx)
			if err != nil {
				return value{}, err
			}
			if isTerm {
				return p.afterTerm(e, q)
			}
			return p.afterID(e, ctx)
		}
	}
	e, q, err := p.term(ctx)
	if err != nil {
		return value{}, err
	}
	return p.afterTerm(e, q)
}

// afterNum continues a group that began with the number n.
func (p *parser) afterNum(n uint32, ctx Qual, mode parenMode) (value, error) {
	next := p.peek().kind
	if next == kindRParen {
		return value{kind: valueNum, n: n}, nil
	}
	switch mode {
	case modeNum:
		return value{}, p.syntaxError()
	case modeID:
		// The number is the first of an identifier list.
		e, _, err := p.ncode(n, ctx)
		if err != nil {
			return value{}, err
		}
		return p.afterID(e, ctx)
	case modeAfterChainOp:
		if next == kindAnd || next == kindOr {
			e, _, err := p.ncode(n, ctx)
			if err != nil {
				return value{}, err
			}
			return p.afterID(e, ctx)
		}
	}
	a, err := p.b.LoadI(n)
	if err != nil {
		return value{}, p.builderError(err)
	}
	return p.afterArith(a, ctx, mode)
}

// afterArith continues a group that began with the arithmetic value a:
// more arithmetic, then either the group's end or a comparison.
func (p *parser) afterArith(a Arith, ctx Qual, mode parenMode) (value, error) {
	a, err := p.arithFrom(a, 1)
	if err != nil {
		return value{}, err
	}
	if mode == modeArith || p.peek().kind == kindRParen {
		return value{kind: valueArith, a: a}, nil
	}
	e, q, err := p.relationFrom(a)
	if err != nil {
		return value{}, err
	}
	return p.afterTerm(e, q)
}

// afterTerm continues a group that began with a term of qualifier q: the
// rest of an expression.
func (p *parser) afterTerm(e Expr, q Qual) (value, error) {
	e, _, err := p.chain(e, q, true)
	if err != nil {
		return value{}, err
	}
	return value{kind: valueBool, e: e, isTerm: true}, nil
}

// afterID continues a group that began with an identifier: the rest of
// an identifier list, in which every identifier inherits ctx.
func (p *parser) afterID(e Expr, ctx Qual) (value, error) {
	e, _, err := p.chain(e, ctx, false)
	if err != nil {
		return value{}, err
	}
	return value{kind: valueBool, e: e}, nil
}
