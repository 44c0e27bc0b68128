package printer

// ICMP extension objects (RFC 4884 / RFC 4950 / RFC 5837 / RFC 8335).

var icmpExtObjectNames = map[uint8]string{
	1: "MPLS Stack Entry Object",
	2: "Interface Information Object",
	3: "Interface Identification Object",
}

var icmpInterfaceRoles = [...]string{
	"Incoming IP Interface", "Sub-IP Component of Incoming IP Interface",
	"Outgoing IP Interface", "IP Next hop",
}

var icmpExtEchoCodes = map[uint8]string{
	0: "No error", 1: "Malformed Query", 2: "No Such Interface",
	3: "No Such Table Entry", 4: "Multiple Interfaces Satisfy Query",
}

var icmpExtEchoStates = [...]string{
	"Reserved", "Incomplete", "Reachable", "Stale", "Delay", "Probe", "Failed",
}

// icmpMultipart prints the extension structure after the 128-byte
// original datagram of an ICMP error (-v).
func (p *Printer) icmpMultipart(off, length int) {
	p.need(off, 141)
	ext := off + 136
	if p.u8(off+5) == 0 && p.have(ext, length-136) {
		if fold(sum16(0, p.pkt[ext:ext+length-136])) != 0 {
			return
		}
	}
	ver := p.pkt[ext] >> 4
	p.str("\n\tICMP Multi-Part extension v")
	p.dec(uint64(ver))
	if ver != 2 {
		p.str(" packet not supported")
		return
	}
	hlen := length - 136
	if p.have(ext, hlen) {
		p.str(", checksum 0x")
		p.hex(uint64(p.be16(ext+2)), 4)
		p.str(" (")
		if fold(sum16(0, p.pkt[ext:ext+hlen])) != 0 {
			p.str("in")
		}
		p.str("correct), length ")
		p.dec(uint64(hlen))
	}
	hlen -= 4
	obj := ext + 4
	for hlen > 4 {
		n := p.icmpExtObject(obj)
		if n < 0 || hlen < n {
			return
		}
		hlen -= n
		obj += n
	}
}

// icmpExtObject prints one extension object and returns its length, or -1
// when the walk must stop.
func (p *Printer) icmpExtObject(off int) int {
	objLen := int(p.be16(off))
	class := p.u8(off + 2)
	ctype := p.u8(off + 3)
	p.str("\n\t  ")
	p.str(tokStr(icmpExtObjectNames, class, "unknown"))
	p.str(" (")
	p.dec(uint64(class))
	p.str("), Class-Type: ")
	p.dec(uint64(ctype))
	p.str(", length ")
	p.dec(uint64(objLen))
	if class == 0 || objLen < 4 {
		return -1
	}
	tp := off + 4
	tlen := objLen - 4
	// check is CHECK_TLEN: the bytes must be captured, and an object too
	// short for them ends the object.
	check := func(n int) bool {
		p.need(tp, n)
		return tlen >= n
	}
	switch class {
	case 1:
		if ctype != 1 {
			p.unknownData(tp, tlen, "\n\t    ")
			break
		}
		if !check(4) {
			return objLen
		}
		raw := p.be32(tp)
		p.str("\n\t    label ")
		p.dec(uint64(raw >> 12))
		p.str(", tc ")
		p.dec(uint64((raw >> 9) & 7))
		if raw&0x100 != 0 {
			p.str(", [S]")
		}
		p.str(", ttl ")
		p.dec(uint64(raw & 0xff))
	case 2:
		p.str("\n\t    Interface Role: ")
		p.str(icmpInterfaceRoles[(ctype&0xc0)>>6])
		if ctype&0x8 != 0 {
			if !check(4) {
				return objLen
			}
			p.str("\n\t    Interface Index: ")
			p.dec(uint64(p.be32(tp)))
			tp += 4
			tlen -= 4
		}
		if ctype&0x4 != 0 {
			p.str("\n\t    IP Address sub-object: ")
			if !check(4) {
				return objLen
			}
			afi := p.be16(tp)
			tp += 4
			tlen -= 4
			switch afi {
			case 1:
				if !check(4) {
					return objLen
				}
				p.ipv4(tp)
				tp += 4
				tlen -= 4
			case 2:
				if !check(16) {
					return objLen
				}
				p.ipv6(tp)
				tp += 16
				tlen -= 16
			default:
				p.str("Unknown Address Family Identifier")
				return -1
			}
		}
		if ctype&0x2 != 0 {
			if !check(1) {
				return objLen
			}
			n := int(p.u8(tp))
			p.str("\n\t    Interface Name")
			if n < 1 {
				p.str(" [length ")
				p.dec(uint64(n))
				p.str("] (invalid)")
				break
			}
			if !check(n) {
				return objLen
			}
			if n%4 != 0 {
				p.str(" [length ")
				p.dec(uint64(n))
				p.str(" != N x 4] (invalid)")
				tp += n
				tlen -= n
				break
			}
			if n > 64 {
				p.str(" [length ")
				p.dec(uint64(n))
				p.str(" > 64] (invalid)")
				tp += n
				tlen -= n
				break
			}
			p.str(", length ")
			p.dec(uint64(n))
			p.str(": ")
			p.printPadded(tp+1, n-1)
			tp += n
			tlen -= n
		}
		if ctype&0x1 != 0 {
			if !check(4) {
				return objLen
			}
			p.str("\n\t    MTU: ")
			p.dec(uint64(p.be32(tp)))
		}
	case 3:
		switch ctype {
		case 1:
			p.str("\n\t    Interface Name, length ")
			p.dec(uint64(tlen))
			p.str(": ")
			p.printPadded(tp, tlen)
		case 2:
			if !check(4) {
				return objLen
			}
			p.str("\n\t    Interface Index: ")
			p.dec(uint64(p.be32(tp)))
		case 3:
			p.str("\n\t    IP Address sub-object: ")
			if !check(4) {
				return objLen
			}
			afi := p.be16(tp)
			alen := int(p.u8(tp + 2))
			tlen -= 4
			if !check(alen) {
				return objLen
			}
			switch afi {
			case 1:
				if alen != 4 {
					p.str("[length ")
					p.dec(uint64(alen))
					p.str(" != 4] ")
				}
				p.ipv4(tp + 4)
			case 2:
				if alen != 16 {
					p.str("[length ")
					p.dec(uint64(alen))
					p.str(" != 16] ")
				}
				p.ipv6(tp + 4)
			default:
				p.str("Unknown Address Family Identifier")
				return -1
			}
		default:
			p.unknownData(tp, tlen, "\n\t    ")
		}
	default:
		p.unknownData(tp, tlen, "\n\t    ")
	}
	return objLen
}

// printPadded prints up to n bytes of NUL-padded text (nd_printjnp).
func (p *Printer) printPadded(off, n int) {
	for i := 0; i < n; i++ {
		c := p.u8(off + i)
		if c == 0 {
			return
		}
		p.printableChar(c)
	}
}

// rfc8335 prints the PROBE (extended echo) details shared by ICMP and
// ICMPv6; data is the offset of the message body.
func (p *Printer) rfc8335(xinfo uint8, request bool, code uint8, data int) {
	if request {
		if xinfo&1 != 0 {
			p.str("\n\tLocal Interface")
		} else {
			p.str("\n\tRemote Interface")
		}
		if p.u8(data)>>4 != 2 {
			p.str(" (invalid)")
			return
		}
		sum := p.be16(data + 2)
		n := int(p.be16(data+4)) + 4
		if p.have(data, n) {
			p.str(", checksum 0x")
			p.hex(uint64(sum), 4)
			p.str(" (")
			if fold(sum16(0, p.pkt[data:data+n])) != 0 {
				p.str("in")
			}
			p.str("correct), length ")
			p.dec(uint64(n))
		}
		p.icmpExtObject(data + 4)
		return
	}
	state := int(xinfo&0xe0) >> 5
	p.str("\n\tCode ")
	p.dec(uint64(code))
	p.str(" (")
	p.str(tokStr(icmpExtEchoCodes, code, "Unknown"))
	p.str("), State ")
	p.dec(uint64(state))
	p.str(" (")
	if state < len(icmpExtEchoStates) {
		p.str(icmpExtEchoStates[state])
	} else {
		p.str("Unknown")
	}
	p.str("), active ")
	p.dec(uint64(xinfo >> 2 & 1))
	p.str(" ipv4 ")
	p.dec(uint64(xinfo >> 1 & 1))
	p.str(" ipv6 ")
	p.dec(uint64(xinfo & 1))
}
