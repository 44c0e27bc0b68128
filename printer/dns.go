package printer

// DNS (RFC 1035) summaries, as tcpdump's domain printer writes them.

var dnsOpcodes = [16]string{
	"", " inv_q", " stat", " op3", " notify", " update", " op6", " op7",
	" op8", " updateA", " updateD", " updateDA",
	" updateM", " updateMA", " zoneInit", " zoneRef",
}

// dnsRcodes keeps tcpdump's spelling, including the entries that lack a
// leading space.
var dnsRcodes = [...]string{
	"", " FormErr", " ServFail", " NXDomain",
	" NotImp", " Refused", " YXDomain", " YXRRSet",
	" NXRRSet", " NotAuth", " NotZone", " Resp11",
	" Resp12", " Resp13", " Resp14", " NoChange",
	" BadVers", "Resp17", " Resp18", " Resp19",
	" Resp20", "Resp21", " Resp22", " BadCookie",
}

var dnsTypeNames = map[uint16]string{
	1: "A", 2: "NS", 3: "MD", 4: "MF", 5: "CNAME", 6: "SOA", 7: "MB", 8: "MG", 9: "MR", 10: "NULL",
	11: "WKS", 12: "PTR", 13: "HINFO", 14: "MINFO", 15: "MX", 16: "TXT", 17: "RP", 18: "AFSDB",
	19: "X25", 20: "ISDN", 21: "RT", 22: "NSAP", 23: "NSAP_PTR", 24: "SIG", 25: "KEY", 26: "PX",
	27: "GPOS", 28: "AAAA", 29: "LOC", 30: "NXT", 31: "EID", 32: "NIMLOC", 33: "SRV", 34: "ATMA",
	35: "NAPTR", 36: "KX", 37: "CERT", 38: "A6", 39: "DNAME", 40: "SINK", 41: "OPT", 42: "APL",
	43: "DS", 44: "SSHFP", 45: "IPSECKEY", 46: "RRSIG", 47: "NSEC", 48: "DNSKEY", 49: "DHCID",
	50: "NSEC3", 51: "NSEC3PARAM", 52: "TLSA", 53: "SMIMEA", 55: "HIP", 56: "NINFO", 57: "RKEY",
	58: "TALINK", 59: "CDS", 60: "CDNSKEY", 61: "OPENPGPKEY", 62: "CSYNC", 63: "ZONEMD",
	64: "SVCB", 65: "HTTPS", 99: "SPF", 100: "UINFO", 101: "UID", 102: "GID", 103: "UNSPEC",
	104: "NID", 105: "L32", 106: "L64", 107: "LP", 108: "EUI48", 109: "EUI64", 249: "TKEY",
	250: "TSIG", 251: "IXFR", 252: "AXFR", 253: "MAILB", 254: "MAILA", 255: "ANY", 256: "URI",
	257: "CAA", 258: "AVC", 259: "DOA", 260: "AMTRELAY", 32768: "TA", 32769: "DLV",
}

var dnsClassNames = map[uint16]string{1: "IN", 3: "CHAOS", 4: "HS", 255: "ANY"}

const (
	dnsTypeA    = 1
	dnsTypeOPT  = 41
	dnsMaxName  = 255
	dnsLabelPtr = 0xc0
	dnsLabelExt = 0x40
	dnsLabelRsv = 0x80
)

func (p *Printer) dnsType(t uint16)  { printTok(p, dnsTypeNames, t, "Type", "") }
func (p *Printer) dnsClass(c uint16) { printTok(p, dnsClassNames, c, "(Class ", ")") }

// dns prints a DNS message at off of the given length; overTCP means it
// starts with the two-byte length prefix.
func (p *Printer) dns(off, length int, overTCP bool) {
	p.proto = "domain"
	if overTCP {
		if length < 2 {
			p.str(" [DNS over TCP: length ")
			p.dec(uint64(length))
			p.str(" < 2] (invalid)")
			return
		}
		length -= 2
		if pl := int(p.be16(off)); pl != length {
			p.str(" [prefix length(")
			p.dec(uint64(pl))
			p.str(") != length(")
			p.dec(uint64(length))
			p.str(")] (invalid)")
			return
		}
		off += 2
		p.ch(' ')
	}
	if length < 12 {
		p.str("domain [length ")
		p.dec(uint64(length))
		p.str(" < 12] (invalid)")
		return
	}
	p.need(off, 12)
	bp := off
	id := p.be16(off)
	flags := p.be16(off + 2)
	qd := int(p.be16(off + 4))
	an := int(p.be16(off + 6))
	ns := int(p.be16(off + 8))
	ar := int(p.be16(off + 10))
	rcode := int(flags & 0xf)
	opcode := (flags >> 11) & 0xf

	// Find the extended rcode in an OPT record before printing.
	cp := off + 12
	func() {
		for i := 0; i < qd; i++ {
			if cp = p.dnsSkip(cp); cp < 0 {
				return
			}
			cp += 4
			if cp >= p.snap {
				return
			}
		}
		for i := 0; i < an+ns; i++ {
			if cp = p.dnsSkip(cp); cp < 0 {
				return
			}
			cp += 8
			if cp+2 > p.snap {
				return
			}
			cp += 2 + int(p.be16(cp))
			if cp >= p.snap {
				return
			}
		}
		for i := 0; i < ar; i++ {
			if cp = p.dnsSkip(cp); cp < 0 {
				return
			}
			if cp+2 > p.snap {
				return
			}
			typ := p.be16(cp)
			cp += 4
			if cp+1 > p.snap {
				return
			}
			if typ == dnsTypeOPT {
				rcode |= int(p.u8(cp)) << 4
				return
			}
			cp += 4
			if cp+2 > p.snap {
				return
			}
			cp += 2 + int(p.be16(cp))
			if cp >= p.snap {
				return
			}
		}
	}()

	trunc := func() {
		p.str(" [|")
		p.str(p.proto)
		p.ch(']')
	}
	// records prints count resource records, "," between them; false
	// means the message was cut short.
	records := func(cp *int, count int, label string) bool {
		if count == 0 {
			return true
		}
		if label != "" {
			if *cp >= p.snap {
				return false
			}
			p.str(label)
		}
		for i := 0; i < count; i++ {
			if i > 0 {
				if *cp >= p.snap {
					return false
				}
				p.ch(',')
			}
			if *cp = p.dnsRR(*cp, bp); *cp < 0 {
				return false
			}
		}
		return true
	}

	cp = off + 12
	if flags&0x8000 != 0 {
		p.dec(uint64(id))
		p.str(dnsOpcodes[opcode])
		if rcode < len(dnsRcodes) {
			p.str(dnsRcodes[rcode])
		} else {
			p.str(" Resp")
			p.dec(uint64(rcode & 0xfff))
		}
		if flags&0x0400 != 0 {
			p.ch('*')
		}
		if flags&0x0080 == 0 {
			p.ch('-')
		}
		if flags&0x0200 != 0 {
			p.ch('|')
		}
		if flags&0x0020 != 0 {
			p.ch('$')
		}
		if qd != 1 {
			p.str(" [")
			p.dec(uint64(qd))
			p.str("q]")
		}
		for i := 0; i < qd; i++ {
			if i != 0 {
				p.ch(',')
			}
			if p.opt.Verbose > 1 {
				p.str(" q:")
				if cp = p.dnsQuestion(cp, bp); cp < 0 {
					trunc()
					return
				}
			} else {
				if cp = p.dnsSkip(cp); cp < 0 {
					trunc()
					return
				}
				cp += 4
			}
		}
		p.ch(' ')
		p.dec(uint64(an))
		p.ch('/')
		p.dec(uint64(ns))
		p.ch('/')
		p.dec(uint64(ar))
		if !records(&cp, an, "") {
			trunc()
			return
		}
		if p.opt.Verbose > 1 {
			if !records(&cp, ns, " ns:") || !records(&cp, ar, " ar:") {
				trunc()
				return
			}
		}
	} else {
		p.dec(uint64(id))
		p.str(dnsOpcodes[opcode])
		if flags&0x0100 != 0 {
			p.ch('+')
		}
		if flags&0x0010 != 0 {
			p.ch('%')
		}
		if flags&0x6cf != 0 {
			p.str(" [b2&3=0x")
			p.hex(uint64(flags), 1)
			p.ch(']')
		}
		count := func(n int, suffix string) {
			p.str(" [")
			p.dec(uint64(n))
			p.str(suffix)
			p.ch(']')
		}
		if opcode == 1 {
			if qd != 0 {
				count(qd, "q")
			}
			if an != 1 {
				count(an, "a")
			}
		} else {
			if an != 0 {
				count(an, "a")
			}
			if qd != 1 {
				count(qd, "q")
			}
		}
		if ns != 0 {
			count(ns, "n")
		}
		if ar != 0 {
			count(ar, "au")
		}
		for i := 0; i < qd; i++ {
			if i > 0 && cp >= p.snap {
				trunc()
				return
			}
			if cp = p.dnsQuestion(cp, off); cp < 0 {
				trunc()
				return
			}
		}
		if p.opt.Verbose > 1 {
			if !records(&cp, an, "") || !records(&cp, ns, " ns:") || !records(&cp, ar, " ar:") {
				trunc()
				return
			}
		}
	}
	p.str(" (")
	p.dec(uint64(length))
	p.ch(')')
}

// dnsSkip returns the offset after the name at cp, or -1.
func (p *Printer) dnsSkip(cp int) int {
	if !p.have(cp, 1) {
		return -1
	}
	i := p.pkt[cp]
	cp++
	for i != 0 {
		switch i & 0xc0 {
		case dnsLabelPtr:
			return cp + 1
		case dnsLabelExt:
			if i&^0xc0 != 1 || !p.have(cp, 1) {
				return -1
			}
			bitlen := int(p.pkt[cp])
			if bitlen == 0 {
				bitlen = 256
			}
			cp++
			cp += (bitlen + 7) / 8
		case dnsLabelRsv:
			return -1
		default:
			cp += int(i)
		}
		if !p.have(cp, 1) {
			return -1
		}
		i = p.pkt[cp]
		cp++
	}
	return cp
}

// dnsLabelLen is the length of the label at cp, or -1 after printing why
// it is unusable.
func (p *Printer) dnsLabelLen(cp int) int {
	if !p.have(cp, 1) {
		return -1
	}
	i := p.pkt[cp]
	switch i & 0xc0 {
	case dnsLabelExt:
		if elt := i &^ 0xc0; elt != 1 {
			p.str("<ELT ")
			p.dec(uint64(elt))
			p.ch('>')
			return -1
		}
		if !p.have(cp+1, 1) {
			return -1
		}
		bitlen := int(p.pkt[cp+1])
		if bitlen == 0 {
			bitlen = 256
		}
		return (bitlen+7)/8 + 1
	case dnsLabelPtr, 0:
		return int(i)
	default:
		p.str("<BAD LABEL TYPE>")
		return -1
	}
}

// printN prints up to n bytes of text at cp, stopping at the capture end;
// false means it stopped early.
func (p *Printer) printN(cp, n int) bool {
	for ; n > 0 && cp < p.snap; n-- {
		p.printableChar(p.pkt[cp])
		cp++
	}
	return n == 0
}

// dnsName prints the (possibly compressed) name at cp; bp is the start of
// the message. It returns the offset after the name as stored at cp, or
// -1.
func (p *Printer) dnsName(cp, bp int) int {
	l := p.dnsLabelLen(cp)
	if l < 0 {
		return -1
	}
	maxOff := cp - bp
	i := p.pkt[cp]
	cp++
	rp := -1
	compress := false
	if i&0xc0 != dnsLabelPtr {
		rp = cp + l
	}
	if i == 0 {
		p.ch('.')
		return rp
	}
	chars := 0
	for i != 0 && cp < p.snap {
		switch i & 0xc0 {
		case dnsLabelPtr:
			if !compress {
				rp = cp + 1
				compress = true
			}
			if !p.have(cp, 1) {
				return -1
			}
			offset := (int(i)<<8 | int(p.pkt[cp])) & 0x3fff
			if offset >= maxOff {
				p.str("<BAD PTR>")
				return -1
			}
			maxOff = offset
			cp = bp + offset
			if !p.have(cp, 1) {
				return -1
			}
			i = p.pkt[cp]
			if l = p.dnsLabelLen(cp); l < 0 {
				return -1
			}
			cp++
			continue
		case dnsLabelExt:
			if elt := i &^ 0xc0; elt != 1 {
				p.str("<ELT ")
				p.dec(uint64(elt))
				p.ch('>')
				return -1
			}
			if !p.dnsBitLabel(cp) {
				return -1
			}
		case dnsLabelRsv:
			p.str("<BAD LABEL TYPE>")
			return -1
		default:
			if chars+l <= dnsMaxName {
				if !p.printN(cp, l) {
					return -1
				}
			} else if chars < dnsMaxName {
				if !p.printN(cp, dnsMaxName-chars) {
					return -1
				}
			}
			chars += l
		}
		cp += l
		if chars <= dnsMaxName {
			p.ch('.')
		}
		chars++
		if !p.have(cp, 1) {
			return -1
		}
		i = p.pkt[cp]
		if l = p.dnsLabelLen(cp); l < 0 {
			return -1
		}
		cp++
		if !compress {
			rp += l + 1
		}
	}
	if chars > dnsMaxName {
		p.str("<DOMAIN NAME TOO LONG>")
	}
	return rp
}

// dnsBitLabel prints an RFC 2673 bit-string label.
func (p *Printer) dnsBitLabel(cp int) bool {
	if !p.have(cp, 1) {
		return false
	}
	bitlen := int(p.pkt[cp])
	if bitlen == 0 {
		bitlen = 256
	}
	slen := (bitlen + 3) / 4
	lim := cp + 1 + slen
	p.str("\\[x")
	bitp := cp + 1
	b := bitlen
	for ; bitp < lim && b > 7; b, bitp = b-8, bitp+1 {
		p.hex(uint64(p.u8(bitp)), 2)
	}
	if b > 4 {
		tc := p.u8(bitp)
		p.hex(uint64(tc&(0xff<<(8-b))), 2)
	} else if b > 0 {
		tc := p.u8(bitp)
		p.hex(uint64((tc>>4)&0x0f&(0x0f<<(4-b))), 1)
	}
	p.ch('/')
	p.dec(uint64(bitlen))
	p.ch(']')
	return true
}

// dnsQuestion prints " TYPE? name." for the question at cp.
func (p *Printer) dnsQuestion(cp, bp int) int {
	np := cp
	cp = p.dnsSkip(cp)
	if cp < 0 || !p.have(cp, 4) {
		return -1
	}
	p.ch(' ')
	p.dnsType(p.be16(cp))
	if class := p.be16(cp + 2); class != 1 {
		p.ch(' ')
		p.dnsClass(class)
	}
	p.str("? ")
	cp = p.dnsName(np, bp)
	if cp < 0 {
		return -1
	}
	return cp + 4
}

// dnsRR prints one resource record and returns the offset after it, or -1.
func (p *Printer) dnsRR(cp, bp int) int {
	if p.opt.Verbose > 0 {
		p.ch(' ')
		if cp = p.dnsName(cp, bp); cp < 0 {
			return -1
		}
	} else {
		cp = p.dnsSkip(cp)
	}
	if cp < 0 || !p.have(cp, 10) {
		return p.snap
	}
	typ := p.be16(cp)
	class := p.be16(cp + 2)
	if class != 1 && typ != dnsTypeOPT {
		p.ch(' ')
		p.dnsClass(class)
	}
	var optFlags uint16
	if typ == dnsTypeOPT {
		optFlags = p.be16(cp + 6)
	} else if p.opt.Verbose > 2 {
		p.str(" [")
		p.relTime(p.be32(cp + 4))
		p.ch(']')
	}
	cp += 8
	rdlen := int(p.be16(cp))
	cp += 2
	p.ch(' ')
	p.dnsType(typ)
	if !p.have(cp, rdlen) {
		return -1
	}
	rp := cp + rdlen
	switch typ {
	case dnsTypeA:
		if !p.have(cp, 4) {
			return -1
		}
		p.ch(' ')
		p.ipv4Numeric(cp)
	case 2, 5, 12, 39: // NS, CNAME, PTR, DNAME
		p.ch(' ')
		if p.dnsName(cp, bp) < 0 {
			return -1
		}
	case 6: // SOA
		if p.opt.Verbose == 0 {
			break
		}
		p.ch(' ')
		if cp = p.dnsName(cp, bp); cp < 0 {
			return -1
		}
		p.ch(' ')
		if cp = p.dnsName(cp, bp); cp < 0 {
			return -1
		}
		if !p.have(cp, 20) {
			return -1
		}
		for i := 0; i < 5; i++ {
			p.ch(' ')
			p.dec(uint64(p.be32(cp + 4*i)))
		}
	case 15: // MX
		p.ch(' ')
		if !p.have(cp, 2) {
			return -1
		}
		if p.dnsName(cp+2, bp) < 0 {
			return -1
		}
		p.ch(' ')
		p.dec(uint64(p.be16(cp)))
	case 16: // TXT
		for cp < rp {
			p.str(" \"")
			if !p.have(cp, 1) {
				return -1
			}
			n := int(p.pkt[cp])
			cp++
			if !p.printN(cp, n) {
				return -1
			}
			cp += n
			p.ch('"')
		}
	case 33: // SRV
		p.ch(' ')
		if !p.have(cp, 6) {
			return -1
		}
		if p.dnsName(cp+6, bp) < 0 {
			return -1
		}
		p.ch(':')
		p.dec(uint64(p.be16(cp + 4)))
		p.ch(' ')
		p.dec(uint64(p.be16(cp)))
		p.ch(' ')
		p.dec(uint64(p.be16(cp + 2)))
	case 28: // AAAA
		if !p.have(cp, 16) {
			return -1
		}
		p.ch(' ')
		p.ipv6Numeric(cp)
	case 38: // A6
		if !p.have(cp, 1) {
			return -1
		}
		pbit := int(p.pkt[cp])
		pbyte := (pbit &^ 7) / 8
		if pbit > 128 {
			p.ch(' ')
			p.dec(uint64(pbit))
			p.str("(bad plen)")
			break
		} else if pbit < 128 {
			var a [16]byte
			p.need(cp+1, 16-pbyte)
			copy(a[pbyte:], p.pkt[cp+1:cp+1+16-pbyte])
			p.ch(' ')
			p.dec(uint64(pbit))
			p.ch(' ')
			p.out = appendIPv6(p.out, a[:])
		}
		if pbit > 0 {
			p.ch(' ')
			if p.dnsName(cp+1+16-pbyte, bp) < 0 {
				return -1
			}
		}
	case 256: // URI
		if rdlen < 4 {
			p.str(" len ")
			p.dec(uint64(rdlen))
			p.str(" is too short (< 4)")
			break
		}
		p.ch(' ')
		p.dec(uint64(p.be16(cp)))
		p.ch(' ')
		p.dec(uint64(p.be16(cp + 2)))
		p.ch(' ')
		if !p.printN(cp+4, rdlen-4) {
			return -1
		}
	case dnsTypeOPT:
		p.str(" UDPsize=")
		p.dec(uint64(class))
		if optFlags&0x8000 != 0 {
			p.str(" DO")
		}
		if cp < rp && !p.ednsOptions(cp, rp) {
			return -1
		}
	case 250: // TSIG
		if p.opt.Verbose == 0 {
			break
		}
		p.ch(' ')
		if cp = p.dnsName(cp, bp); cp < 0 {
			return -1
		}
		cp += 6
		for _, f := range [...]string{" fudge=", " maclen=", " origid=", " error=", " otherlen="} {
			if !p.have(cp, 2) {
				return -1
			}
			v := p.be16(cp)
			p.str(f)
			p.dec(uint64(v))
			cp += 2
			if f == " maclen=" {
				cp += int(v)
			}
		}
	}
	return rp
}

// relTime prints a duration in seconds as tcpdump's unsigned_relts_print
// does: "1h2m3s", "0s".
func (p *Printer) relTime(secs uint32) {
	if secs == 0 {
		p.str("0s")
		return
	}
	units := [...]struct {
		n    uint32
		name byte
	}{{31536000, 'y'}, {604800, 'w'}, {86400, 'd'}, {3600, 'h'}, {60, 'm'}, {1, 's'}}
	for _, u := range units {
		if secs >= u.n {
			p.dec(uint64(secs / u.n))
			p.ch(u.name)
			secs %= u.n
		}
	}
}
