package printer

// EDNS(0) options inside an OPT record (RFC 6891 and the RFCs that define
// each option), printed as tcpdump does: "[COOKIE 0123456789abcdef,NSID]".

// EDNS option codes with a printer of their own.
const (
	ednsNSID      = 3
	ednsDAU       = 5
	ednsDHU       = 6
	ednsN3U       = 7
	ednsECS       = 8
	ednsExpire    = 9
	ednsCookie    = 10
	ednsKeepalive = 11
	ednsPadding   = 12
	ednsChain     = 13
	ednsKeyTag    = 14
)

var ednsOptionNames = map[uint16]string{
	1: "LLQ", 2: "UL", ednsNSID: "NSID", ednsDAU: "DAU", ednsDHU: "DHU",
	ednsN3U: "N3U", ednsECS: "ECS", ednsExpire: "EXPIRE",
	ednsCookie: "COOKIE", ednsKeepalive: "KEEPALIVE", ednsPadding: "PADDING",
	ednsChain: "CHAIN", ednsKeyTag: "KEY-TAG", 16: "CLIENT-TAG",
	17: "SERVER-TAG",
}

// DNSSEC algorithm numbers (DAU), DS digest types (DHU) and NSEC3 hash
// algorithms (N3U).
var (
	dnssecAlgNames = map[uint8]string{
		0: "DELETE", 1: "RSAMD5", 2: "DH", 3: "DS", 5: "RSASHA1",
		6: "DSA-NSEC3-SHA1", 7: "RSASHA1-NSEC3-SHA1", 8: "RSASHA256",
		10: "RSASHA512", 12: "ECC-GOST", 13: "ECDSAP256SHA256",
		14: "ECDSAP384SHA384", 15: "ED25519", 16: "ED448", 252: "INDIRECT",
		253: "PRIVATEDNS", 254: "PRIVATEOID",
	}
	dsDigestNames  = map[uint8]string{1: "SHA-1", 2: "SHA-256", 3: "GOST_R_34.11-94", 4: "SHA-384"}
	nsec3HashNames = map[uint8]string{1: "SHA-1"}
)

// ednsOptions prints the options between cp and rp, bracketed and
// separated by commas, and reports false when one runs off the capture.
func (p *Printer) ednsOptions(cp, rp int) bool {
	p.str(" [")
	for cp < rp {
		if cp = p.ednsOption(cp); cp < 0 {
			return false
		}
		if cp < rp {
			p.ch(',')
		}
	}
	p.ch(']')
	return true
}

// ednsOption prints one option and returns the offset after it, or -1.
func (p *Printer) ednsOption(cp int) int {
	if !p.have(cp, 2) {
		return -1
	}
	code := p.be16(cp)
	printTok(p, ednsOptionNames, code, "Opt", "")
	if !p.have(cp+2, 2) {
		return -1
	}
	n := int(p.be16(cp + 2))
	cp += 4
	if !p.have(cp, n) {
		return -1
	}
	if n == 0 {
		return cp
	}
	p.ch(' ')
	switch code {
	case ednsECS:
		p.ednsClientSubnet(cp, n)
	case ednsCookie:
		// A client cookie of 8 bytes, then an optional server cookie of
		// 8 to 32 bytes (RFC 7873).
		if n < 8 || (n > 8 && n < 16) || n > 40 {
			p.str(" (invalid)")
			break
		}
		for i := 0; i < n; i++ {
			if i == 8 {
				p.ch(' ')
			}
			p.hex(uint64(p.pkt[cp+i]), 2)
		}
	case ednsKeepalive:
		if n != 2 {
			p.str(" (invalid)")
			break
		}
		// Units of 100 ms, shown as seconds with one decimal.
		v := p.be16(cp)
		p.dec(uint64(v / 10))
		p.ch('.')
		p.dec(uint64(v % 10))
		p.str(" sec")
	case ednsExpire:
		if n != 4 {
			p.str(" (invalid)")
			break
		}
		p.dec(uint64(p.be32(cp)))
		p.str(" sec")
	case ednsPadding:
		p.ch('(')
		p.dec(uint64(n))
		p.ch(')')
	case ednsKeyTag:
		if n%2 != 0 {
			p.str(" (invalid)")
			break
		}
		for i := 0; i < n; i += 2 {
			if i > 0 {
				p.ch(' ')
			}
			p.dec(uint64(p.be16(cp + i)))
		}
	case ednsDAU, ednsDHU, ednsN3U:
		names := dnssecAlgNames
		if code == ednsDHU {
			names = dsDigestNames
		} else if code == ednsN3U {
			names = nsec3HashNames
		}
		for i := 0; i < n; i++ {
			if i > 0 {
				p.ch(' ')
			}
			printTok(p, names, p.pkt[cp+i], "Alg_", "")
		}
	case ednsChain:
		// The closest trust point, an uncompressed name; tcpdump ignores
		// whether it printed completely.
		p.dnsName(cp, cp+n)
	default: // NSID and unknown options: the bytes in hex
		for i := 0; i < n; i++ {
			p.hex(uint64(p.pkt[cp+i]), 2)
		}
	}
	return cp + n
}

// ednsClientSubnet prints an EDNS client subnet option (RFC 7871):
// "ADDRESS/SOURCE-PREFIX/SCOPE-PREFIX".
func (p *Printer) ednsClientSubnet(cp, n int) {
	if n < 4 {
		p.str(" (invalid)")
		return
	}
	family := p.be16(cp)
	src, scope := int(p.pkt[cp+2]), int(p.pkt[cp+3])
	bits := 0
	switch family {
	case 1:
		bits = 32
	case 2:
		bits = 128
	default:
		p.str(" (invalid)")
		return
	}
	if n-4 > bits/8 || src > bits || scope > bits || (src+7)/8 != n-4 {
		p.str(" (invalid)")
		return
	}
	var a [16]byte
	copy(a[:], p.pkt[cp+4:cp+n])
	if family == 1 {
		p.out = appendIPv4(p.out, a[:4])
	} else {
		p.out = appendIPv6(p.out, a[:])
	}
	p.ch('/')
	p.dec(uint64(src))
	p.ch('/')
	p.dec(uint64(scope))
}
