package printer

var icmpUnreachText = [...]string{
	0: "net %s unreachable", 1: "host %s unreachable",
	4: "", 5: "%s unreachable - source route failed",
	6: "net %s unreachable - unknown", 7: "host %s unreachable - unknown",
	8: "%s unreachable - source host isolated", 9: "net %s unreachable - admin prohibited",
	10: "host %s unreachable - admin prohibited", 11: "net %s unreachable - tos prohibited",
	12: "host %s unreachable - tos prohibited", 13: "host %s unreachable - admin prohibited filter",
	14: "host %s unreachable - host precedence violation", 15: "host %s unreachable - precedence cutoff",
}

var icmpTypeNames = map[uint8]string{
	0: "echo reply", 4: "source quench", 8: "echo request", 10: "router solicitation",
	13: "time stamp request", 14: "time stamp reply", 15: "information request",
	16: "information reply", 17: "address mask request",
	42: "extended echo request", 43: "extended echo reply",
}

// printf1 prints a pattern with one "%s" filled by fill.
func (p *Printer) printf1(pattern string, fill func()) {
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '%' && i+1 < len(pattern) && pattern[i+1] == 's' {
			fill()
			i++
			continue
		}
		p.ch(pattern[i])
	}
}

// icmp prints the ICMP message at off; length is its length from the IP
// layer.
func (p *Printer) icmp(off, length int, fragmented bool) {
	p.proto = "icmp"
	typ := p.u8(off)
	code := p.u8(off + 1)
	// The text goes into the line only once all of it could be read, as
	// tcpdump formats it into a buffer first.
	start := len(p.out)
	textDone := false
	defer func() {
		if r := recover(); r != nil {
			if !textDone {
				p.out = p.out[:start]
			}
			panic(r)
		}
	}()
	p.str("ICMP ")
	quotedDst := func() { p.ipv4(off + 8 + 16) }
	switch typ {
	case 0, 8:
		p.icmpEcho(off, typ == 8, false)
	case 3:
		switch {
		case code == 2:
			quotedDst()
			p.str(" protocol ")
			p.dec(uint64(p.u8(off + 8 + 9)))
			p.str(" unreachable")
		case code == 3:
			oip := off + 8
			hlen := int(p.u8(oip)&15) * 4
			dport := p.be16(oip + hlen + 2)
			proto := p.u8(oip + 9)
			quotedDst()
			p.quotedPort(proto, dport)
			p.str(" unreachable")
		case code == 4:
			mtu := p.be16(off + 6)
			quotedDst()
			p.str(" unreachable - need to frag")
			if mtu != 0 {
				p.str(" (mtu ")
				p.dec(uint64(mtu))
				p.ch(')')
			}
		case int(code) < len(icmpUnreachText) && icmpUnreachText[code] != "":
			p.printf1(icmpUnreachText[code], quotedDst)
		default:
			quotedDst()
			p.str(" unreachable - #")
			p.dec(uint64(code))
		}
	case 5:
		names := [...]string{"redirect %s to net ", "redirect %s to host ", "redirect-tos %s to net ", "redirect-tos %s to host "}
		if int(code) < len(names) {
			p.printf1(names[code], quotedDst)
		} else {
			p.str("redirect-#")
			p.dec(uint64(code))
			p.ch(' ')
			quotedDst()
			p.str(" to ")
		}
		p.ipv4(off + 4)
	case 9:
		p.str("router advertisement lifetime ")
		lifetime := uint64(p.be16(off + 6))
		switch {
		case lifetime < 60:
			p.dec(lifetime)
		case lifetime < 3600:
			p.dec(lifetime / 60)
			p.ch(':')
			p.out = appendZeroPad(p.out, lifetime%60, 2)
		default:
			p.dec(lifetime / 3600)
			p.ch(':')
			p.out = appendZeroPad(p.out, (lifetime%3600)/60, 2)
			p.ch(':')
			p.out = appendZeroPad(p.out, lifetime%60, 2)
		}
		num := int(p.u8(off + 4))
		p.ch(' ')
		p.dec(uint64(num))
		p.ch(':')
		if size := p.u8(off + 5); size != 2 {
			p.str(" [size ")
			p.dec(uint64(size))
			p.ch(']')
			break
		}
		for i := 0; i < num; i++ {
			a := off + 8 + 8*i
			p.str(" {")
			p.ipv4(a)
			p.ch(' ')
			p.dec(uint64(p.be32(a + 4)))
			p.ch('}')
		}
	case 11:
		p.need(off+8+16, 4)
		switch code {
		case 0:
			p.str("time exceeded in-transit")
		case 1:
			p.str("ip reassembly time exceeded")
		default:
			p.str("time exceeded-#")
			p.dec(uint64(code))
		}
	case 12:
		if code != 0 {
			p.str("parameter problem - code ")
			p.dec(uint64(code))
		} else {
			p.str("parameter problem - octet ")
			p.dec(uint64(p.u8(off + 4)))
		}
	case 18:
		p.str("address mask is 0x")
		p.hex(uint64(p.be32(off+8)), 8)
	case 13:
		p.str("time stamp query id ")
		p.dec(uint64(p.be16(off + 4)))
		p.str(" seq ")
		p.dec(uint64(p.be16(off + 6)))
	case 14:
		p.str("time stamp reply id ")
		p.dec(uint64(p.be16(off + 4)))
		p.str(" seq ")
		p.dec(uint64(p.be16(off + 6)))
		p.str(": org ")
		p.icmpTime(p.be32(off + 8))
		p.str(", recv ")
		p.icmpTime(p.be32(off + 12))
		p.str(", xmit ")
		p.icmpTime(p.be32(off + 16))
	case 42, 43:
		p.str("extended ")
		p.icmpEcho(off, typ == 42, true)
	default:
		printTok(p, icmpTypeNames, typ, "type-#", "")
	}
	textDone = true
	p.str(", length ")
	p.dec(uint64(length))
	if p.opt.Verbose > 0 && !fragmented && p.have(off, length) {
		if sum := fold(sum16(0, p.pkt[off:off+length])); sum != 0 {
			field := p.be16(off + 2)
			p.str(" (wrong icmp cksum ")
			p.hex(uint64(field), 1)
			p.str(" (->")
			p.hex(uint64(shouldBe(field, sum)), 1)
			p.str(")!)")
		}
	}
	isErr := typ == 3 || typ == 11 || typ == 12
	if p.opt.Verbose > 0 && (isErr || typ == 4 || typ == 5) {
		q := off + 8
		p.str("\n\t")
		qlen := int(p.be16(q + 2))
		saved := p.pushSnap(q, qlen)
		p.ip4(q, qlen)
		p.snap = saved
	}
	p.proto = "icmp"
	if p.opt.Verbose > 0 && isErr && length > 156 {
		p.icmpMultipart(off, length)
	}
	if p.opt.Verbose > 0 && (typ == 42 || typ == 43) {
		p.rfc8335(p.u8(off+7), typ == 42, code, off+8)
	}
}

// icmpTime prints milliseconds since midnight UTC as "HH:MM:SS.mmm".
func (p *Printer) icmpTime(ms uint32) {
	if ms >= 86400000 {
		p.dec(uint64(ms))
		return
	}
	secs := ms / 1000
	p.out = appendZeroPad(p.out, uint64(secs/3600), 2)
	p.ch(':')
	p.out = appendZeroPad(p.out, uint64(secs%3600/60), 2)
	p.ch(':')
	p.out = appendZeroPad(p.out, uint64(secs%60), 2)
	p.ch('.')
	p.out = appendZeroPad(p.out, uint64(ms%1000), 3)
}

// quotedPort prints the destination port of the datagram quoted in an ICMP
// or ICMPv6 port unreachable message: " tcp port P" or " udp port P" (a
// service name when resolving names), else " protocol N port P".
func (p *Printer) quotedPort(proto uint8, dport uint16) {
	switch proto {
	case protoTCP:
		p.str(" tcp port ")
	case protoUDP:
		p.str(" udp port ")
	default:
		p.str(" protocol ")
		p.dec(uint64(proto))
		p.str(" port ")
		p.dec(uint64(dport))
		return
	}
	p.port(proto, dport)
}

// icmpEcho prints "echo request, id I, seq S" or "echo reply, ..." for the
// echo message at off; an RFC 8335 extended echo has a one-byte sequence
// number.
func (p *Printer) icmpEcho(off int, request, extended bool) {
	p.str("echo ")
	p.str(tern(request, "request", "reply"))
	p.str(", id ")
	p.dec(uint64(p.be16(off + 4)))
	p.str(", seq ")
	if extended {
		p.dec(uint64(p.u8(off + 6)))
	} else {
		p.dec(uint64(p.be16(off + 6)))
	}
}
