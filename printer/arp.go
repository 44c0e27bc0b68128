package printer

var arpOpNames = map[uint16]string{
	1: "Request", 2: "Reply", 3: "Reverse Request", 4: "Reverse Reply",
	8: "Inverse Request", 9: "Inverse Reply", 10: "NACK Reply",
}

var arpHardwareNames = map[uint16]string{
	1: "Ethernet", 6: "TokenRing", 7: "ArcNet", 15: "FrameRelay", 23: "Strip",
	24: "IEEE 1394", 19: "ATM", 32: "InfiniBand",
}

// arp prints an ARP or RARP packet (RFC 826) at off; length is the number
// of bytes after the link header on the wire.
func (p *Printer) arp(off, length int) {
	p.proto = "arp"
	p.need(off, 8)
	hrd := p.be16(off)
	pro := p.be16(off + 2)
	hln := int(p.u8(off + 4))
	pln := int(p.u8(off + 5))
	op := p.be16(off + 6)
	sha := off + 8
	spa := sha + hln
	tha := spa + pln
	tpa := tha + hln
	if hrd == 19 {
		p.atmARP(off, length)
		return
	}
	p.need(tpa, pln)
	if !p.opt.LinkHeader {
		p.str("ARP, ")
	}
	ipProto := pro == etherTypeIPv4 || pro == 0x1000
	if !ipProto || pln != 4 || hln == 0 || p.opt.Verbose > 0 {
		printTok(p, arpHardwareNames, hrd, "Unknown Hardware (", ")")
		p.str(" (len ")
		p.dec(uint64(hln))
		p.str("), ")
		p.arpProtocol(pro)
		p.str(" (len ")
		p.dec(uint64(pln))
		p.ch(')')
		if p.opt.Verbose == 0 {
			p.arpLength(length)
			return
		}
		p.str(", ")
	}
	printTok(p, arpOpNames, op, "Unknown (", ")")
	p.ch(' ')
	protoAddr := func(at int) {
		switch {
		case !ipProto:
			p.str("<wrong proto type>")
		case pln != 4:
			p.str("<wrong len>")
		default:
			p.ipv4(at)
		}
	}
	switch op {
	case 1:
		p.str("who-has ")
		protoAddr(tpa)
		p.need(tha, hln)
		nonzero := false
		for _, c := range p.pkt[tha : tha+hln] {
			if c != 0 {
				nonzero = true
			}
		}
		if nonzero {
			p.str(" (")
			p.mac(tha, hln)
			p.ch(')')
		}
		p.str(" tell ")
		protoAddr(spa)
	case 2:
		protoAddr(spa)
		p.str(" is-at ")
		p.mac(sha, hln)
	case 3, 8:
		p.str("who-is ")
		p.mac(tha, hln)
		p.str(" tell ")
		p.mac(sha, hln)
	case 4:
		p.mac(tha, hln)
		p.str(" at ")
		protoAddr(tpa)
	case 9:
		p.mac(sha, hln)
		p.str(" at ")
		protoAddr(spa)
	default:
		p.defaultPrint(off, p.avail(off))
		return
	}
	p.arpLength(length)
}

func (p *Printer) arpLength(length int) {
	p.str(", length ")
	p.dec(uint64(length))
}

// arpProtocol prints the protocol type of an ARP or ATM ARP packet: its
// EtherType name, else "Unknown Protocol (0xNNNN)".
func (p *Printer) arpProtocol(pro uint16) {
	if name, ok := etherTypeNames[pro]; ok {
		p.str(name)
		return
	}
	p.str("Unknown Protocol (0x")
	p.hex(uint64(pro), 4)
	p.ch(')')
}
