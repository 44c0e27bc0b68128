package parse

// Primitives that stand alone as terms: less, greater, byte, inbound,
// vlan, pflog fields, 802.11 fields, llc, ATM and MTP fields.

// primitive parses the term-only primitive in the lookahead, if there is
// one; ok is false (and nothing is consumed) otherwise.
func (p *parser) primitive() (e Expr, ok bool, err error) {
	t := p.peek()
	switch t.kind {
	case kindLess, kindGreater, kindIfindex, kindPfRnr, kindPfSrnr:
		p.take()
		n, perr := p.expect(kindNum)
		if perr != nil {
			return nil, true, perr
		}
		switch t.kind {
		case kindLess:
			e, err = p.b.Less(n.val)
		case kindGreater:
			e, err = p.b.Greater(n.val)
		case kindIfindex:
			e, err = p.b.IfIndex(n.val)
		case kindPfRnr:
			e, err = p.b.PfRnr(n.val)
		default:
			e, err = p.b.PfSrnr(n.val)
		}
	case kindByte:
		p.take()
		idx, perr := p.expect(kindNum)
		if perr != nil {
			return nil, true, perr
		}
		var op byte
		switch p.peek().kind {
		case kindAmp:
			op = '&'
		case kindPipe:
			op = '|'
		case kindLT:
			op = '<'
		case kindGT:
			op = '>'
		case kindEQ:
			op = '='
		default:
			return nil, true, p.syntaxError()
		}
		p.take()
		val, perr := p.expect(kindNum)
		if perr != nil {
			return nil, true, perr
		}
		e, err = p.b.ByteOp(op, idx.val, val.val)
	case kindInbound, kindOutbound:
		p.take()
		e, err = p.b.InOut(t.kind == kindOutbound)
	case kindVLAN, kindMPLS, kindPPPoES, kindGeneve, kindVXLAN:
		p.take()
		var n uint32
		has := false
		if k := p.peek().kind; k == kindNum || k == kindLParen {
			if n, err = p.pnum(); err != nil {
				return nil, true, err
			}
			has = true
		}
		switch t.kind {
		case kindVLAN:
			e, err = p.b.VLAN(n, has)
		case kindMPLS:
			e, err = p.b.MPLS(n, has)
		case kindPPPoES:
			e, err = p.b.PPPoES(n, has)
		case kindGeneve:
			e, err = p.b.Geneve(n, has)
		default:
			e, err = p.b.VXLAN(n, has)
		}
	case kindPPPoED:
		p.take()
		e, err = p.b.PPPoED()
	case kindPfIfname, kindPfRuleset:
		p.take()
		name, perr := p.expect(kindID)
		if perr != nil {
			return nil, true, perr
		}
		if t.kind == kindPfIfname {
			e, err = p.b.PfIfname(name.text)
		} else {
			e, err = p.b.PfRuleset(name.text)
		}
	case kindPfReason:
		p.take()
		switch r := p.take(); r.kind {
		case kindNum:
			e, err = p.b.PfReason(r.val)
		case kindID:
			v, found := lookup(pfReasons, r.text)
			if !found {
				return nil, true, p.failf("unknown PF reason \"%s\"", r.text)
			}
			e, err = p.b.PfReason(v)
		default:
			return nil, true, p.syntaxError()
		}
	case kindPfAction:
		p.take()
		r, perr := p.expect(kindID)
		if perr != nil {
			return nil, true, perr
		}
		v, found := lookup(pfActions, r.text)
		if !found {
			return nil, true, p.failf("unknown PF action \"%s\"", r.text)
		}
		e, err = p.b.PfAction(v)
	case kindLLC:
		p.take()
		e, err = p.llc()
		return e, true, err
	case kindAtmType:
		p.take()
		e, err = p.b.AtmType(int(t.val))
	case kindAtmMulti:
		p.take()
		e, err = p.b.AtmMulti(int(t.val))
	case kindMtp2Type:
		p.take()
		e, err = p.b.Mtp2Type(int(t.val))
	case kindAtmField, kindMtp3Field:
		p.take()
		e, err = p.fieldValue(t)
		return e, true, err
	default:
		return nil, false, nil
	}
	if err != nil {
		return nil, true, p.builderError(err)
	}
	return e, true, nil
}

// pnum parses a number that may be wrapped in parentheses: "(((5)))".
func (p *parser) pnum() (uint32, error) {
	t := p.take()
	switch t.kind {
	case kindNum:
		return t.val, nil
	case kindLParen:
		if err := p.enter(1); err != nil {
			return 0, err
		}
		n, err := p.pnum()
		p.leave(1)
		if err != nil {
			return 0, err
		}
		if _, err := p.expect(kindRParen); err != nil {
			return 0, err
		}
		return n, nil
	}
	p.have, p.tok = true, t
	return 0, p.syntaxError()
}

// llc parses what follows "llc": nothing, a frame format (i, s, u) or an
// S or U frame kind.
func (p *parser) llc() (Expr, error) {
	var e Expr
	var err error
	switch t := p.peek(); t.kind {
	case kindPfRnr: // "rnr" is also a pflog keyword
		p.take()
		e, err = p.b.LLCSSubtype(llcRNR)
	case kindID:
		p.take()
		switch {
		case equalFoldASCII(t.text, "i"):
			e, err = p.b.LLCI()
		case equalFoldASCII(t.text, "s"):
			e, err = p.b.LLCS()
		case equalFoldASCII(t.text, "u"):
			e, err = p.b.LLCU()
		default:
			if v, ok := lookup(llcSSubtypes, t.text); ok {
				e, err = p.b.LLCSSubtype(v)
			} else if v, ok := lookup(llcUSubtypes, t.text); ok {
				e, err = p.b.LLCUSubtype(v)
			} else {
				return nil, p.failf("unknown LLC type name \"%s\"", t.text)
			}
		}
	default:
		e, err = p.b.LLC()
	}
	if err != nil {
		return nil, p.builderError(err)
	}
	return e, nil
}

// wlan parses the 802.11 primitives "type T [subtype S]", "subtype S"
// and "dir D"; the lookahead is their keyword.
func (p *parser) wlan() (Expr, error) {
	var e Expr
	var err error
	switch p.take().kind {
	case kindType:
		typ, ferr := p.wlanType()
		if ferr != nil {
			return nil, ferr
		}
		if p.peek().kind != kindSubtype {
			e, err = p.b.P80211Type(typ, wlanTypeMask)
			break
		}
		p.take()
		sub, ferr := p.wlanSubtype(typ)
		if ferr != nil {
			return nil, ferr
		}
		e, err = p.b.P80211Type(typ|sub, wlanTypeMask|wlanSubtypeMask)
	case kindSubtype:
		t, ferr := p.expect(kindID)
		if ferr != nil {
			return nil, ferr
		}
		v, found := uint32(0), false
		for _, ts := range wlanSubtypesByType {
			if v, found = lookup(ts.subtypes, t.text); found {
				v |= ts.typ
				break
			}
		}
		if !found {
			return nil, p.failf("unknown 802.11 type name")
		}
		e, err = p.b.P80211Type(v, wlanTypeMask|wlanSubtypeMask)
	default: // kindWlanDir
		var v uint32
		switch t := p.take(); t.kind {
		case kindNum:
			if t.val&^wlanDirMask != 0 {
				return nil, p.failf("invalid 802.11 direction value 0x%x", t.val)
			}
			v = t.val
		case kindID:
			var found bool
			if v, found = lookup(wlanDirs, t.text); !found {
				return nil, p.failf("unknown 802.11 direction")
			}
		default:
			return nil, p.syntaxError()
		}
		e, err = p.b.P80211Dir(v)
	}
	if err != nil {
		return nil, p.builderError(err)
	}
	return e, nil
}

func (p *parser) wlanType() (uint32, error) {
	switch t := p.take(); t.kind {
	case kindNum:
		if t.val&^wlanTypeMask != 0 {
			return 0, p.failf("invalid 802.11 type value 0x%02x", t.val)
		}
		return t.val, nil
	case kindID:
		v, found := lookup(wlanTypes, t.text)
		if !found {
			return 0, p.failf("unknown 802.11 type name \"%s\"", t.text)
		}
		return v, nil
	}
	return 0, p.syntaxError()
}

func (p *parser) wlanSubtype(typ uint32) (uint32, error) {
	switch t := p.take(); t.kind {
	case kindNum:
		if t.val&^wlanSubtypeMask != 0 {
			return 0, p.failf("invalid 802.11 subtype value 0x%02x", t.val)
		}
		return t.val, nil
	case kindID:
		for _, ts := range wlanSubtypesByType {
			if ts.typ == typ {
				v, found := lookup(ts.subtypes, t.text)
				if !found {
					return 0, p.failf("unknown 802.11 subtype name \"%s\"", t.text)
				}
				return v, nil
			}
		}
		return 0, p.failf("unknown 802.11 type")
	}
	return 0, p.syntaxError()
}

// fieldValue parses the value after an ATM field (vpi, vci) or MTP3 field
// (sio, opc, ...) t: "N", a comparison "> N", or a list "(N or N ...)".
func (p *parser) fieldValue(t token) (Expr, error) {
	code := func(v uint32, op uint8, reversed bool) (Expr, error) {
		var e Expr
		var err error
		if t.kind == kindAtmField {
			e, err = p.b.AtmField(int(t.val), v, op, reversed)
		} else {
			e, err = p.b.Mtp3Field(int(t.val), v, op, reversed)
		}
		if err != nil {
			return nil, p.builderError(err)
		}
		return e, nil
	}
	next := p.take()
	if rel, ok := relations[next.kind]; ok {
		n, err := p.expect(kindNum)
		if err != nil {
			return nil, err
		}
		return code(n.val, rel.op, rel.reversed)
	}
	switch next.kind {
	case kindNum:
		return code(next.val, RelEQ, false)
	case kindLParen:
		n, err := p.expect(kindNum)
		if err != nil {
			return nil, err
		}
		e, err := code(n.val, RelEQ, false)
		if err != nil {
			return nil, err
		}
		for p.peek().kind == kindOr {
			p.take()
			n, err := p.expect(kindNum)
			if err != nil {
				return nil, err
			}
			r, err := code(n.val, RelEQ, false)
			if err != nil {
				return nil, err
			}
			e = p.b.Or(e, r)
		}
		if _, err := p.expect(kindRParen); err != nil {
			return nil, err
		}
		return e, nil
	}
	p.have, p.tok = true, next
	return nil, p.syntaxError()
}
