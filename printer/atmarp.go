package printer

// ATM ARP (RFC 2225): like ARP, but the hardware addresses are an ATM
// number and subaddress with type/length bytes, and each protocol address
// has its own length.

// atmARPLenMask keeps the length from an ATM number or subaddress
// type/length byte (the 0x40 bit flags E.164 format).
const atmARPLenMask = 0x3f

// atmARP prints the ATM ARP packet at off.
func (p *Printer) atmARP(off, length int) {
	p.need(off, 12)
	hrd := p.be16(off)
	pro := p.be16(off + 2)
	shl := int(p.u8(off+4) & atmARPLenMask)
	ssl := int(p.u8(off+5) & atmARPLenMask)
	op := p.be16(off + 6)
	spl := int(p.u8(off + 8))
	thl := int(p.u8(off+9) & atmARPLenMask)
	tsl := int(p.u8(off+10) & atmARPLenMask)
	tpl := int(p.u8(off + 11))
	sha := off + 12
	ssa := sha + shl
	spa := ssa + ssl
	tha := spa + spl
	tsa := tha + thl
	tpa := tsa + tsl
	p.need(tpa, tpl)
	if !p.opt.LinkHeader {
		p.str("ARP, ")
	}
	ipProto := pro == etherTypeIPv4 || pro == 0x1000
	if !ipProto || spl != 4 || tpl != 4 || p.opt.Verbose > 0 {
		printTok(p, arpHardwareNames, hrd, "Unknown Hardware (", ")")
		p.str(", ")
		p.arpProtocol(pro)
		p.str(" (len ")
		p.dec(uint64(spl))
		p.ch('/')
		p.dec(uint64(tpl))
		p.ch(')')
		// The address formats are not known without -v.
		if p.opt.Verbose == 0 {
			p.arpLength(length)
			return
		}
		p.str(", ")
	}
	printTok(p, arpOpNames, op, "Unknown (", ")")
	p.ch(' ')
	protoAddr := func(at, n int, wrong string) {
		switch {
		case !ipProto:
			p.str("<wrong proto type>")
		case n != 4:
			p.str(wrong)
		default:
			p.ipv4(at)
		}
	}
	atmAddr := func(ha, hl, sa, sl int) {
		if hl == 0 {
			p.str("<No address>")
			return
		}
		p.macNumeric(ha, hl)
		if sl != 0 {
			p.ch(',')
			p.macNumeric(sa, sl)
		}
	}
	switch op {
	case 1:
		p.str("who-has ")
		protoAddr(tpa, tpl, "<wrong tplen>")
		if thl != 0 {
			p.str(" (")
			atmAddr(tha, thl, tsa, tsl)
			p.ch(')')
		}
		p.str(" tell ")
		protoAddr(spa, spl, "<wrong splen>")
	case 2:
		protoAddr(spa, spl, "<wrong splen>")
		p.str(" is-at ")
		atmAddr(sha, shl, ssa, ssl)
	case 8:
		p.str("who-is ")
		atmAddr(tha, thl, tsa, tsl)
		p.str(" tell ")
		atmAddr(sha, shl, ssa, ssl)
	case 9:
		atmAddr(sha, shl, ssa, ssl)
		p.str("at ")
		protoAddr(spa, spl, "<wrong splen>")
	case 10:
		p.str("for ")
		protoAddr(spa, spl, "<wrong splen>")
	default:
		p.defaultPrint(off, p.avail(off))
		return
	}
	p.arpLength(length)
}
