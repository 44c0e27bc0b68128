package printer

// IPv6 extension headers: hop-by-hop and destination options, routing
// headers (types 0, 2 and 4, the segment routing header) and the mobility
// header, printed inline between the IPv6 header and the upper layer as
// tcpdump does.
//
// Each printer returns the length of its header, or -1 when the header is
// malformed; tcpdump then stops the line after an "(invalid)" mark.

// Option types of hop-by-hop and destination options headers (RFC 8200,
// RFC 2675, RFC 2711, RFC 6275).
const (
	ip6OptPad1        = 0x00
	ip6OptPadN        = 0x01
	ip6OptRouterAlert = 0x05
	ip6OptJumbo       = 0xc2
	ip6OptHomeAddress = 0xc9

	ip6OptMinLen      = 2  // type and length bytes
	ip6OptRtAlertLen  = 4  // router alert, type and length included
	ip6OptJumboLen    = 6  // jumbo payload, type and length included
	ip6OptHomeAddrMin = 18 // home address, type and length included
)

// option reads the type and the whole length of the option at off (a Pad1
// is one byte, the others carry a length byte), with left bytes left in the
// options area. ok is false after printing why the option does not fit.
func (p *Printer) option(off, left int, pad1 uint8) (typ uint8, n int, ok bool) {
	typ, n = p.u8(off), 1
	if typ != pad1 {
		if !p.fits("remaining length", left, ip6OptMinLen) {
			return typ, 0, false
		}
		n = int(p.u8(off+1)) + 2
	}
	if !p.fits("remaining length", left, n) {
		return typ, 0, false
	}
	p.need(off, n)
	return typ, n, true
}

// jumboState carries what the hop-by-hop header says about the payload
// length: the IPv6 header's length on the way in, the jumbo payload length
// when a valid jumbo option was found.
type jumboState struct {
	payloadLen uint32
	found      bool
}

// ip6Options walks the options at off..off+n of a hop-by-hop (jumbo
// non-nil) or destination options header. Names are printed with -v only;
// the length checks apply always.
func (p *Printer) ip6Options(off, n int, jumbo *jumboState) bool {
	if n == 0 {
		return true
	}
	v := p.opt.Verbose > 0
	seenJumbo := false
	for i := 0; i < n; {
		o, left := off+i, n-i
		t, olen, ok := p.option(o, left, ip6OptPad1)
		if !ok {
			return false
		}
		switch t {
		case ip6OptPad1:
			if v {
				p.str("(pad1)")
			}
		case ip6OptPadN:
			if v {
				p.str("(padn)")
			}
		case ip6OptRouterAlert:
			if !p.fits("(rtalert) remaining length", left, ip6OptRtAlertLen) {
				return false
			}
			if olen-2 != ip6OptRtAlertLen-2 {
				p.badLength("(rtalert) length", uint64(olen-2), "!=", ip6OptRtAlertLen-2)
				return false
			}
			if v {
				ra := p.be16(o + 2)
				p.str("(rtalert: 0x")
				p.hex(uint64(ra), 4)
				p.str(") ")
			}
		case ip6OptJumbo:
			if !p.fits("(jumbo) remaining length", left, ip6OptJumboLen) {
				return false
			}
			if olen-2 != ip6OptJumboLen-2 {
				p.badLength("(jumbo) length", uint64(olen-2), "!=", ip6OptJumboLen-2)
				return false
			}
			p.jumboOption(p.be32(o+2), &seenJumbo, jumbo)
		case ip6OptHomeAddress:
			if !p.fits("(homeaddr) remaining length", left, ip6OptHomeAddrMin) {
				return false
			}
			if !p.fits("(homeaddr) length", olen-2, ip6OptHomeAddrMin-2) {
				return false
			}
			if v {
				p.need(o+2, 16)
				p.str("(homeaddr: ")
				p.ipv6(o + 2)
				if olen > ip6OptHomeAddrMin && !p.ip6SubOptions(o+ip6OptHomeAddrMin, olen-ip6OptHomeAddrMin) {
					return false
				}
				p.ch(')')
			}
		default:
			if v {
				p.str("(unknown opt-type 0x")
				p.hex(uint64(t), 2)
				p.str(" len=")
				p.dec(uint64(olen - 2))
				p.ch(')')
			}
		}
		i += olen
	}
	if v {
		p.ch(' ')
	}
	return true
}

// jumboOption judges one jumbo payload option: only the first, in a
// hop-by-hop header, under a zero IPv6 payload length and of at least
// 65536 bytes counts.
func (p *Printer) jumboOption(size uint32, seen *bool, jumbo *jumboState) {
	v := p.opt.Verbose > 0
	note := ""
	switch {
	case *seen:
		note = " - already seen"
	case jumbo == nil:
		note = " - not a hop-by-hop option"
	case jumbo.payloadLen != 0:
		note = " - payload len != 0"
	case size < 65536:
		note = " - < 65536"
	default:
		jumbo.found = true
		jumbo.payloadLen = size
	}
	*seen = true
	if v {
		p.str("(jumbo: ")
		p.dec(uint64(size))
		p.str(note)
		p.str(") ")
	}
}

// ip6SubOptions prints the sub-options of a home address option.
func (p *Printer) ip6SubOptions(off, n int) bool {
	for i := 0; i < n; {
		t, olen, ok := p.option(off+i, n-i, ip6OptPad1)
		if !ok {
			return false
		}
		switch t {
		case ip6OptPad1:
			p.str(", pad1")
		case ip6OptPadN:
			p.str(", padn")
		default:
			p.str(", unknown subopt-type 0x")
			p.hex(uint64(t), 2)
			p.str(" len=")
			p.dec(uint64(olen - 2))
		}
		i += olen
	}
	return true
}

// hopByHop prints the hop-by-hop options header at off ("HBH ...").
func (p *Printer) hopByHop(off int, jumbo *jumboState) int {
	p.proto = "hbh"
	n := (int(p.u8(off+1)) + 1) << 3
	p.need(off, n)
	p.str("HBH ")
	if !p.ip6Options(off+2, n-2, jumbo) {
		p.str(" (invalid)")
		return -1
	}
	return n
}

// destOptions prints the destination options header at off ("DSTOPT ");
// its options are listed with -v only.
func (p *Printer) destOptions(off int) int {
	p.proto = "dstopt"
	n := (int(p.u8(off+1)) + 1) << 3
	p.need(off, n)
	p.str("DSTOPT ")
	if p.opt.Verbose > 0 && !p.ip6Options(off+2, n-2, nil) {
		p.str(" (invalid)")
		return -1
	}
	return n
}

// Routing header types and segment routing TLV types.
const (
	rtType0   = 0 // source route, deprecated by RFC 5095
	rtType2   = 2 // Mobile IPv6 home address
	rtTypeSRH = 4 // segment routing header, RFC 8754

	srhTLVPad1 = 0
	srhTLVPadN = 4
	srhTLVHMAC = 5
)

var srhTLVNames = map[uint8]string{srhTLVPad1: "Pad1", srhTLVPadN: "PadN", srhTLVHMAC: "HMAC"}

// routing prints the routing header at off:
// "RT6 (len=N, type=T, segleft=S, ...) ".
func (p *Printer) routing(off int) int {
	p.proto = "rt6"
	p.str("RT6")
	hlen := int(p.u8(off + 1))
	p.str(" (len=")
	p.dec(uint64(hlen))
	typ := p.u8(off + 2)
	p.str(", type=")
	p.dec(uint64(typ))
	if typ == rtType0 {
		p.str(" [Deprecated]")
	}
	segLeft := p.u8(off + 3)
	p.str(", segleft=")
	p.dec(uint64(segLeft))
	v := p.opt.Verbose > 0
	switch typ {
	case rtType0, rtType2:
		if rsv := p.be32(off + 4); rsv != 0 || v {
			p.str(", rsv=0x")
			p.hex(uint64(rsv), 0)
		}
		if hlen%2 == 1 {
			p.str(" [length ")
			p.dec(uint64(hlen))
			p.str("] (invalid)")
			return -1
		}
		for i := 0; i < hlen/2; i++ {
			p.need(off+8+16*i, 16)
			p.str(", [")
			p.dec(uint64(i))
			p.ch(']')
			p.ipv6(off + 8 + 16*i)
		}
	case rtTypeSRH:
		last := int(p.u8(off + 4))
		p.str(", last-entry=")
		p.dec(uint64(last))
		if flags := p.u8(off + 5); flags != 0 || v {
			p.str(", flags=0x")
			p.hex(uint64(flags), 0)
		}
		tag := p.be16(off + 6)
		p.str(", tag=")
		p.hex(uint64(tag), 0)
		seg := off + 8
		for i := 0; i <= last; i++ {
			p.need(seg, 16)
			p.str(", [")
			p.dec(uint64(i))
			p.ch(']')
			p.ipv6(seg)
			seg += 16
		}
		if listLen := (last + 1) * 2; listLen < hlen {
			if !p.srhTLVs(seg, (hlen-listLen)*8) {
				p.str(" (invalid)")
				return -1
			}
		}
	default:
		p.str(" (unknown type) (invalid)")
		return -1
	}
	p.str(") ")
	return (hlen + 1) << 3
}

// srhTLVs prints the TLVs that follow the segment list of a segment
// routing header; values are shown with -v only.
func (p *Printer) srhTLVs(cp, left int) bool {
	v := p.opt.Verbose > 0
	for left != 0 {
		t := p.u8(cp)
		p.str(", TLV-type=")
		p.str(tokStr(srhTLVNames, t, "Unknown"))
		p.ch('(')
		p.dec(uint64(t))
		p.ch(')')
		cp++
		left--
		if left == 0 {
			break
		}
		if t == srhTLVPad1 {
			continue
		}
		n := int(p.u8(cp))
		p.str(", TLV-len=")
		p.dec(uint64(n))
		cp++
		left--
		switch t {
		case srhTLVPadN:
			if n > 5 { // RFC 8754 caps PadN at 5 bytes of padding
				p.badLength("PadN length", uint64(n), ">", 5)
				return false
			}
			if !p.fits("remaining length", left, n) {
				return false
			}
			p.need(cp, n)
			cp += n
			left -= n
		case srhTLVHMAC:
			if !p.fits("remaining length", left, 6) {
				return false
			}
			reserved := p.be16(cp)
			if v {
				p.str(", D=")
				p.dec(uint64(reserved >> 15))
				if reserved&0x7fff != 0 {
					p.str(", reserved MBZ ")
					p.dec(uint64(reserved & 0x7fff))
				}
			}
			key := p.be32(cp + 2)
			if v {
				p.str(", HMAC-key-ID=0x")
				p.hex(uint64(key), 2)
			}
			cp += 6
			left -= 6
			if v {
				p.str(", HMAC=0x")
			}
			for i := 0; i < n; i++ {
				b := p.u8(cp)
				if !p.fits("remaining length", left, 1) {
					return false
				}
				cp++
				left--
				if v {
					p.hex(uint64(b), 2)
				}
			}
		default:
			if v {
				p.str(", TLV-value=0x")
			}
			if !p.fits("remaining length", left, n) {
				return false
			}
			for i := 0; i < n; i++ {
				b := p.u8(cp)
				cp++
				left--
				if v {
					p.hex(uint64(b), 2)
				}
			}
		}
	}
	return true
}

// Mobility header (RFC 6275) message types and their minimum lengths.
var mobilityNames = [...]string{"BRR", "HoTI", "CoTI", "HoT", "CoT", "BU", "BA", "BE"}
var mobilityMinLen = [...]int{8, 16, 16, 24, 24, 16, 16, 24}

// Mobility options.
const (
	mobOptPad1    = 0
	mobOptPadN    = 1
	mobOptRefresh = 2
	mobOptAltCoA  = 3
	mobOptNonce   = 4
	mobOptAuth    = 5
)

// mobility prints the mobility header at off ("mobility: BU seq#=..."). The
// header ends the line: tcpdump does not look past it.
func (p *Printer) mobility(off int) int {
	p.proto = "mobility"
	p.str("mobility: ")
	if pp := p.u8(off); pp != protoNone {
		p.str("(payload protocol ")
		p.dec(uint64(pp))
		p.str(" should be 59) ")
	}
	mhlen := (int(p.u8(off+1)) + 1) << 3
	typ := p.u8(off + 2)
	if int(typ) < len(mobilityNames) {
		p.str(mobilityNames[typ])
		if mhlen < mobilityMinLen[typ] {
			p.str(" (header length ")
			p.dec(uint64(mhlen))
			p.str(" < ")
			p.dec(uint64(mobilityMinLen[typ]))
			p.str(") (invalid)")
			return -1
		}
	} else {
		p.str("type-#")
		p.dec(uint64(typ))
	}
	v := p.opt.Verbose > 0
	hlen := 8
	switch typ {
	case 0: // binding refresh request
	case 1, 2: // home / care-of test init
		if v {
			p.need(off+hlen, 8)
			p.str(tern(typ == 1, " Home", " Care-of"))
			p.str(" Init Cookie=")
			p.cookie(off + hlen)
		}
		hlen += 8
	case 3, 4: // home / care-of test
		nonce := p.be16(off + 6)
		p.str(" nonce id=0x")
		p.hex(uint64(nonce), 0)
		who := tern(typ == 3, " Home", " Care-of")
		if v {
			p.need(off+hlen, 8)
			p.str(who)
			p.str(" Init Cookie=")
			p.cookie(off + hlen)
		}
		hlen += 8
		if v {
			p.need(off+hlen, 8)
			p.str(who)
			p.str(" Keygen Token=")
			p.cookie(off + hlen)
		}
		hlen += 8
	case 5: // binding update
		seq := p.be16(off + 6)
		p.str(" seq#=")
		p.dec(uint64(seq))
		if bits := p.u8(off+hlen) >> 4; bits != 0 {
			p.ch(' ')
			for i, name := range [...]string{"A", "H", "L", "K"} {
				if bits&(8>>i) != 0 {
					p.str(name)
				}
			}
		}
		hlen += 2
		life := p.be16(off + hlen)
		p.str(" lifetime=")
		p.dec(uint64(life) << 2)
		hlen += 2
	case 6: // binding acknowledgement
		status := p.u8(off + 6)
		p.str(" status=")
		p.dec(uint64(status))
		if p.u8(off+7)&0x80 != 0 {
			p.str(" K")
		}
		seq := p.be16(off + hlen)
		p.str(" seq#=")
		p.dec(uint64(seq))
		hlen += 2
		life := p.be16(off + hlen)
		p.str(" lifetime=")
		p.dec(uint64(life) << 2)
		hlen += 2
	case 7: // binding error
		status := p.u8(off + 6)
		p.str(" status=")
		p.dec(uint64(status))
		p.need(off+hlen, 16)
		p.str(" homeaddr ")
		p.ipv6(off + hlen)
		hlen += 16
	default:
		p.str(" len=")
		p.dec(uint64(mhlen/8 - 1))
		return mhlen
	}
	if v && !p.mobilityOptions(off+hlen, mhlen-hlen) {
		p.str(" (invalid)")
		return -1
	}
	return mhlen
}

// cookie prints 8 bytes as two 8-digit hex words, "01020304:05060708".
func (p *Printer) cookie(off int) {
	p.hex(uint64(p.be32(off)), 8)
	p.ch(':')
	p.hex(uint64(p.be32(off+4)), 8)
}

func tern(c bool, a, b string) string {
	if c {
		return a
	}
	return b
}

// mobilityOptions prints the options after a mobility message.
func (p *Printer) mobilityOptions(off, n int) bool {
	for i := 0; i < n; {
		o, left := off+i, n-i
		t, olen, ok := p.option(o, left, mobOptPad1)
		if !ok {
			return false
		}
		switch t {
		case mobOptPad1:
			p.str("(pad1)")
		case mobOptPadN:
			p.str("(padn)")
		case mobOptRefresh:
			p.str("(refresh: ")
			if !p.fits("remaining length", left, 4) {
				return false
			}
			refresh := p.be16(o + 2)
			p.dec(uint64(refresh) << 2)
			p.ch(')')
		case mobOptAltCoA:
			p.str("(alt-CoA: ")
			if !p.fits("remaining length", left, 18) {
				return false
			}
			p.need(o+2, 16)
			p.ipv6(o + 2)
			p.ch(')')
		case mobOptNonce:
			p.str("(ni: ")
			if !p.fits("remaining length", left, 6) {
				return false
			}
			ho, co := p.be16(o+2), p.be16(o+4)
			p.str("ho=0x")
			p.hex(uint64(ho), 4)
			p.str(" co=0x")
			p.hex(uint64(co), 4)
			p.ch(')')
		case mobOptAuth:
			p.str("(auth)")
			if !p.fits("remaining length", left, 12) {
				return false
			}
		default:
			p.str("(unknown: type-#")
			p.dec(uint64(t))
			p.str(" len=")
			p.dec(uint64(olen - 2))
			p.ch(')')
		}
		i += olen
	}
	return true
}
