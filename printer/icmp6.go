package printer

var icmp6TypeNames = map[uint8]string{
	1: "destination unreachable", 2: "packet too big", 3: "time exceeded in-transit",
	4: "parameter problem", 128: "echo request", 129: "echo reply",
	130: "multicast listener query", 131: "multicast listener report",
	132: "multicast listener done", 133: "router solicitation",
	134: "router advertisement", 135: "neighbor solicitation",
	136: "neighbor advertisement", 137: "redirect", 138: "router renumbering",
	141: "inverse neighbor solicitation", 142: "inverse neighbor advertisement",
	143: "multicast listener report v2", 144: "ha discovery request",
	145: "ha discovery reply", 146: "mobile router solicitation",
	147: "mobile router advertisement", 139: "node information query",
	140: "node information reply", 201: "mtrace message", 200: "mtrace response",
	155: "RPL", 160: "extended echo request", 161: "extended echo reply",
}

var icmp6UnreachNames = map[uint8]string{
	0: "unreachable route", 1: " unreachable prohibited", 2: "beyond scope",
	3: "unreachable address", 4: "unreachable port",
}

var ndOptionNames = map[uint8]string{
	1: "source link-address", 2: "destination link-address", 3: "prefix info",
	4: "redirected header", 5: "mtu", 25: "rdnss", 31: "dnssl",
	7: "advertisement interval", 8: "homeagent information", 14: "nonce",
	24: "route info", 38: "pref64",
}

var rtPrefNames = [4]string{"medium", "high", "rsv", "low"}

// flagWords prints the names of the set bits joined by sep, or "none".
func (p *Printer) flagWords(v uint32, bits []uint32, names []string, sep string) {
	first := true
	for i, b := range bits {
		if v&b != 0 {
			if !first {
				p.str(sep)
			}
			p.str(names[i])
			first = false
		}
	}
	if first {
		p.str("none")
	}
}

// icmp6 prints the ICMPv6 message at off; length is its length.
func (p *Printer) icmp6(off, length int, ip ipHeader, fragmented bool) {
	p.proto = "icmp6"
	if length == 0 {
		p.str("ICMP6, length 0 (invalid)")
		return
	}
	v := p.opt.Verbose
	if v > 0 && !fragmented && p.have(off, length) {
		field := p.be16(off + 2)
		acc := p.pseudoSum(ip, length, protoICMPv6)
		if sum := fold(sum16(acc, p.pkt[off:off+length])); sum != 0 {
			p.str("[bad icmp6 cksum 0x")
			p.hex(uint64(field), 4)
			p.str(" -> 0x")
			p.hex(uint64(shouldBe(field, sum)), 4)
			p.str("!] ")
		} else {
			p.str("[icmp6 sum ok] ")
		}
	}
	typ := p.u8(off)
	p.str("ICMP6, ")
	printTok(p, icmp6TypeNames, typ, "unknown icmp6 type (", ")")
	if v > 0 && (typ == 133 || typ == 134 || typ == 136 || typ == 135 || typ == 137 || typ == 145 || typ == 147) {
		p.str(", length ")
		p.dec(uint64(length))
	}
	code := p.u8(off + 1)
	oip := off + 8
	switch typ {
	case 1:
		p.str(", ")
		printTok(p, icmp6UnreachNames, code, "unknown unreach code (", ")")
		switch code {
		case 0, 1, 3:
			p.ch(' ')
			p.ipv6(oip + 24)
		case 2:
			p.ch(' ')
			p.ipv6(oip + 24)
			p.str(", source address ")
			p.ipv6(oip + 8)
		case 4:
			uh, prot := p.upperLayer(oip)
			if uh < 0 {
				p.str(" [|icmp6]")
				return
			}
			dport := p.be16(uh + 2)
			p.str(", ")
			p.ipv6(oip + 24)
			p.quotedPort(prot, dport)
			if prot != protoTCP && prot != protoUDP {
				p.str(" unreachable") // as tcpdump: only after a bare protocol number
			}
		default:
			if v <= 1 {
				p.unknownData(off, length, "\n\t")
				return
			}
		}
	case 2:
		p.str(", mtu ")
		p.dec(uint64(p.be32(off + 4)))
	case 3:
		switch code {
		case 0:
			p.str(" for ")
			p.ipv6(oip + 24)
		case 1:
			p.str(" (reassembly)")
		default:
			p.str(", unknown code (")
			p.dec(uint64(code))
			p.ch(')')
		}
	case 4:
		p.need(oip+24, 16)
		texts := [...]string{", erroneous - octet ", ", next header - octet ", ", option - octet ", ", incomplete header chain - octet "}
		if int(code) < len(texts) {
			p.str(texts[code])
			p.dec(uint64(p.be32(off + 4)))
		} else {
			p.str(", code-#")
			p.dec(uint64(code))
		}
	case 128, 129:
		p.str(", id ")
		p.dec(uint64(p.be16(off + 4)))
		p.str(", seq ")
		p.dec(uint64(p.be16(off + 6)))
	case 130:
		switch {
		case length == 24:
			p.mld6(off)
		case length >= 28:
			// MLDv2 query details are not decoded.
			p.str(" v2")
		default:
			p.str(" unknown-version (len ")
			p.dec(uint64(length))
			p.str(") ")
		}
	case 131, 132:
		p.mld6(off)
	case 133:
		if v > 0 && !p.ndOptions(off+8, length-8) {
			p.str(" [|icmp6]")
			return
		}
	case 134:
		if v > 0 {
			flags := p.u8(off + 5)
			p.str("\n\thop limit ")
			p.dec(uint64(p.u8(off + 4)))
			p.str(", Flags [")
			p.flagWords(uint32(flags), []uint32{0x80, 0x40, 0x20, 0x02}, []string{"managed", "other stateful", "home agent", "ipv6 only"}, ", ")
			p.str("], pref ")
			p.str(rtPrefNames[(flags&0x18)>>3])
			p.str(", router lifetime ")
			p.dec(uint64(p.be16(off + 6)))
			p.str("s, reachable time ")
			p.dec(uint64(p.be32(off + 8)))
			p.str("ms, retrans timer ")
			p.dec(uint64(p.be32(off + 12)))
			p.str("ms")
			if !p.ndOptions(off+16, length-16) {
				p.str(" [|icmp6]")
				return
			}
		}
	case 135:
		p.str(", who has ")
		p.ipv6(off + 8)
		if v > 0 && !p.ndOptions(off+24, length-24) {
			p.str(" [|icmp6]")
			return
		}
	case 136:
		p.str(", tgt is ")
		p.ipv6(off + 8)
		if v > 0 {
			p.str(", Flags [")
			p.flagWords(p.be32(off+4), []uint32{0x80000000, 0x40000000, 0x20000000}, []string{"router", "solicited", "override"}, ", ")
			p.ch(']')
			if !p.ndOptions(off+24, length-24) {
				p.str(" [|icmp6]")
				return
			}
		}
	case 137:
		p.str(", ")
		p.ipv6(off + 24)
		p.str(" to ")
		p.ipv6(off + 8)
		if v > 0 && !p.ndOptions(off+40, length-40) {
			p.str(" [|icmp6]")
			return
		}
	case 139, 140:
		if !p.nodeInfo(off, length) {
			p.str(" [|icmp6]")
			return
		}
	case 141, 142:
	case 144, 146:
		p.str(", id 0x")
		p.hex(uint64(p.be16(off+4)), 4)
	case 145:
		if v > 0 {
			p.str(", id 0x")
			p.hex(uint64(p.be16(off+4)), 4)
			end := off + min(length, p.avail(off))
			for a := off + 8; a < end; a += 16 {
				p.str(", ")
				p.ipv6(a)
			}
		}
	case 147:
		if v > 0 {
			p.str(", id 0x")
			p.hex(uint64(p.be16(off+4)), 4)
			flags := p.be16(off + 6)
			if flags&0xc000 != 0 {
				p.ch(' ')
			}
			if flags&0x8000 != 0 {
				p.ch('M')
			}
			if flags&0x4000 != 0 {
				p.ch('O')
			}
			if !p.ndOptions(off+8, length-8) {
				p.str(" [|icmp6]")
				return
			}
		}
	case 160, 161:
		p.str(", id ")
		p.dec(uint64(p.be16(off + 4)))
		p.str(", seq ")
		p.dec(uint64(p.u8(off + 6)))
		if v > 0 {
			p.rfc8335(p.u8(off+7), typ == 160, code, off+8)
		}
	case 155:
		p.rpl(code, off+4, length-4)
	case 138, 143:
		// Router renumbering and MLDv2 reports have printers of their own
		// in tcpdump that are not part of this package.
	default:
		p.str(", length ")
		p.dec(uint64(length))
		if v <= 1 {
			p.unknownData(off, length, "\n\t")
		}
		return
	}
	if v == 0 {
		p.str(", length ")
		p.dec(uint64(length))
	}
}

func (p *Printer) mld6(off int) {
	if !p.have(off, 24) {
		return
	}
	p.str("max resp delay: ")
	p.dec(uint64(p.be16(off + 4)))
	p.str(" addr: ")
	p.ipv6(off + 8)
}

// upperLayer finds the TCP or UDP header inside the quoted IPv6 packet at
// off; it returns -1 when it cannot.
func (p *Printer) upperLayer(off int) (int, uint8) {
	if !p.have(off+6, 1) {
		return -1, 0
	}
	nh := p.pkt[off+6]
	hlen := 40
	cp := off
	for cp < p.snap {
		cp += hlen
		switch nh {
		case protoUDP, protoTCP:
			if p.have(cp+2, 2) {
				return cp, nh
			}
			return -1, 0
		case protoHopOpts, protoDstOpts, protoRouting:
			if !p.have(cp+1, 1) {
				return -1, 0
			}
			nh = p.pkt[cp]
			hlen = (int(p.pkt[cp+1]) + 1) << 3
		case protoFragment:
			if !p.have(cp+2, 2) {
				return -1, 0
			}
			if p.be16(cp+2)&0xfff8 != 0 {
				return -1, 0
			}
			nh = p.pkt[cp]
			hlen = 8
		case 51:
			if !p.have(cp+1, 1) {
				return -1, 0
			}
			nh = p.pkt[cp]
			hlen = (int(p.pkt[cp+1]) + 2) << 2
		default:
			return -1, 0
		}
	}
	return -1, 0
}

func (p *Printer) lifetime(v uint32) {
	if v == ^uint32(0) {
		p.str("infinity")
		return
	}
	p.dec(uint64(v))
	p.ch('s')
}

// ndOptions prints neighbour-discovery options; false means truncated.
func (p *Printer) ndOptions(bp, resid int) bool {
	cp := bp
	for cp < p.snap {
		p.need(cp+1, 1)
		if resid <= 0 {
			return true
		}
		typ := p.pkt[cp]
		olen := int(p.pkt[cp+1])
		if olen == 0 || cp+olen*8 > p.snap {
			return false
		}
		p.str("\n\t  ")
		p.str(tokStr(ndOptionNames, typ, "unknown"))
		p.str(" option (")
		p.dec(uint64(typ))
		p.str("), length ")
		p.dec(uint64(olen * 8))
		p.str(" (")
		p.dec(uint64(olen))
		p.str("): ")
		switch typ {
		case 1, 2:
			p.macNumeric(cp+2, olen*8-2)
		case 3:
			p.ipv6(cp + 16)
			p.ch('/')
			p.dec(uint64(p.u8(cp + 2)))
			if olen != 4 {
				p.str("badlen")
			}
			p.str(", Flags [")
			p.flagWords(uint32(p.u8(cp+3)), []uint32{0x80, 0x40, 0x20}, []string{"onlink", "auto", "router"}, ", ")
			p.str("], valid time ")
			p.lifetime(p.be32(cp + 4))
			p.str(", pref. time ")
			p.lifetime(p.be32(cp + 8))
		case 4:
			p.unknownData(bp, olen*8, "\n\t    ")
		case 5:
			p.ch(' ')
			p.dec(uint64(p.be32(cp + 4)))
			if olen != 1 {
				p.str("bad option length")
			}
		case 25:
			p.str(" lifetime ")
			p.dec(uint64(p.be32(cp + 4)))
			p.str("s,")
			for i := 0; i < (olen-1)/2; i++ {
				p.str(" addr: ")
				p.ipv6(cp + 8 + 16*i)
			}
		case 31:
			p.str(" lifetime ")
			p.dec(uint64(p.be32(cp + 4)))
			p.str("s, domain(s):")
			dom := cp + 8
			for dom < cp+olen*8 && p.u8(dom) != 0 {
				p.ch(' ')
				if dom = p.dnsName(dom, bp); dom < 0 {
					return false
				}
			}
		case 7:
			p.ch(' ')
			p.dec(uint64(p.be32(cp + 4)))
			p.str("ms")
		case 8:
			p.str(" preference ")
			p.dec(uint64(p.be16(cp + 4)))
			p.str(", lifetime ")
			p.dec(uint64(p.be16(cp + 6)))
		case 14:
			n := olen*8 - 2
			for i := 0; i < n; i++ {
				p.hex(uint64(p.u8(cp+2+i)), 2)
				if i+1 < n {
					p.ch(' ')
				}
			}
		case 24:
			p.need(cp+4, 4)
			var a [16]byte
			switch olen {
			case 1:
			case 2:
				p.need(cp+8, 8)
				copy(a[:], p.pkt[cp+8:cp+16])
			case 3:
				p.need(cp+8, 16)
				copy(a[:], p.pkt[cp+8:cp+24])
			default:
				return false
			}
			p.ch(' ')
			p.ipv6Bytes(a[:])
			p.ch('/')
			p.dec(uint64(p.u8(cp + 2)))
			p.str(", pref=")
			p.str(rtPrefNames[(p.u8(cp+3)&0x18)>>3])
			p.str(", lifetime=")
			p.lifetime(p.be32(cp + 4))
		case 38:
			if olen != 2 {
				p.str("bad option length! ")
			}
			w := p.be16(cp + 2)
			p.need(cp+4, 12)
			var a [16]byte
			copy(a[:], p.pkt[cp+4:cp+16])
			p.ipv6Bytes(a[:])
			p.ch('/')
			lens := [...]string{"96", "64", "56", "48", "40", "32"}
			if int(w&7) < len(lens) {
				p.str(lens[w&7])
			} else {
				p.str("??")
			}
			p.str(" (plc ")
			p.dec(uint64(w & 7))
			p.str("), lifetime ")
			p.dec(uint64(w & 0xfff8))
			p.ch('s')
		default:
			if p.opt.Verbose <= 1 {
				p.unknownData(cp+2, olen*8-2, "\n\t  ")
				return true
			}
		}
		if p.opt.Verbose > 1 {
			p.unknownData(cp+2, olen*8-2, "\n\t    ")
		}
		cp += olen * 8
		resid -= olen * 8
	}
	return true
}

var niNodeAddrFlags = []uint32{0x1, 0x2, 0x4, 0x8, 0x10, 0x20}
var niNodeAddrNames = []string{"T", "A", "C", "L", "S", "G"}

// nodeInfo prints an RFC 4620 node information query or reply; false
// means truncated.
func (p *Printer) nodeInfo(off, length int) bool {
	ep := p.snap
	if ep < off {
		return true
	}
	siz := ep - off
	typ := p.u8(off)
	code := p.u8(off + 1)
	qtype := func() uint16 { return p.be16(off + 4) }
	flagsText := func(names []string, flags uint16) {
		p.str(" [")
		p.flagWords(uint32(flags), niNodeAddrFlags[:len(names)], names, "")
		p.ch(']')
	}
	if typ == 139 {
		if siz == 8+4 {
			p.str(" who-are-you request")
			return true
		}
		p.need(off, 16)
		p.str(" (")
		switch qtype() {
		case 0:
			p.str("noop")
		case 2:
			p.str("node name")
		case 3:
			p.str("node addresses")
			if f := p.be16(off + 6); f != 0 {
				flagsText(niNodeAddrNames, f)
			}
			if p.be16(off+6)&1 != 0 {
				p.str(" [invalid flag Truncate present]")
			}
		case 4:
			p.str("ipv4 addresses")
			if f := p.be16(off + 6); f != 0 {
				flagsText(niNodeAddrNames[:2], f)
			}
			if p.be16(off+6)&1 != 0 {
				p.str(" [invalid flag Truncate present]")
			}
		default:
			p.str("unknown")
		}
		if qtype() == 0 {
			if siz != 16 && p.opt.Verbose > 0 {
				p.str(", invalid len")
			}
			p.ch(')')
			return true
		}
		cp := off + 16
		switch code {
		case 0:
			if !p.have(off, 32) {
				break
			}
			if siz != 32 {
				if p.opt.Verbose > 0 {
					p.str(", invalid subject len")
				}
				break
			}
			p.str(", subject=")
			p.ipv6(cp)
		case 1:
			p.str(", subject=DNS name")
			p.niName(cp, ep)
		case 2:
			if !p.have(off, 20) {
				break
			}
			if siz != 20 {
				if p.opt.Verbose > 0 {
					p.str(", invalid subject len")
				}
				break
			}
			p.str(", subject=")
			p.ipv4(cp)
		default:
			p.str(", unknown subject")
		}
		p.ch(')')
		return true
	}
	// Reply.
	if length > siz {
		return false
	}
	p.need(off, 16)
	p.str(" (")
	comma := false
	switch code {
	case 0:
		if p.opt.Verbose > 0 {
			p.str("success")
			comma = true
		}
	case 1, 2:
		if code == 1 {
			p.str("refused")
		} else {
			p.str("unknown")
		}
		comma = true
		if siz != 16 && p.opt.Verbose > 0 {
			p.str(", invalid length")
		}
	}
	if code != 0 {
		p.ch(')')
		return true
	}
	if comma {
		p.str(", ")
	}
	switch qtype() {
	case 0:
		p.str("noop")
		if siz != 16 && p.opt.Verbose > 0 {
			p.str(", invalid length")
		}
	case 2:
		p.str("node name")
		p.niName(off+20, ep)
		if p.be16(off+6)&1 != 0 {
			p.str(" [TTL=")
			p.dec(uint64(p.be32(off + 16)))
			p.ch(']')
		}
	case 3:
		p.str("node addresses")
		if f := p.be16(off + 6); f != 0 {
			flagsText(niNodeAddrNames, f)
		}
		for i := 16; i+20 <= siz; i += 20 {
			p.ch(' ')
			p.ipv6(off + i + 4)
			p.ch('(')
			p.dec(uint64(p.be32(off + i)))
			p.ch(')')
		}
	case 4:
		p.str("ipv4 addresses")
		if f := p.be16(off + 6); f != 0 {
			flagsText(niNodeAddrNames, f)
		}
		for cp := off + 16; cp < ep; cp += 8 {
			ttl := p.be32(cp)
			p.ch(' ')
			p.ipv4(cp + 4)
			p.ch('(')
			p.dec(uint64(ttl))
			p.ch(')')
		}
	default:
		p.str("unknown")
	}
	p.ch(')')
	return true
}

// niName prints a node-information DNS name in quotes.
func (p *Printer) niName(cp, ep int) {
	p.str(", \"")
	for cp < ep {
		i := int(p.u8(cp))
		cp++
		if i != 0 {
			if i > ep-cp {
				p.str("???")
				break
			}
			for ; i > 0 && cp < ep; i-- {
				p.printableChar(p.u8(cp))
				cp++
			}
			if cp+1 < ep && p.u8(cp) != 0 {
				p.ch('.')
			}
		} else {
			if cp == ep {
				p.ch('.')
			} else if cp+1 == ep && p.u8(cp) == 0 {
			} else {
				p.str("???")
			}
			break
		}
	}
	p.ch('"')
}

var rplModes = [...]string{"nonstoring", "storing", "nonstoring-multicast", "storing-multicast"}

var rplOptionNames = map[uint8]string{
	0: "pad1", 1: "padN", 2: "metrics", 3: "routinginfo", 4: "config",
	5: "rpltarget", 6: "transitinfo", 8: "destprefix", 9: "rpltargetdesc",
}

// rpl prints an RPL control message (RFC 6550); bp is the message base
// after the ICMPv6 type, code and checksum.
func (p *Printer) rpl(code uint8, bp, length int) {
	if code&0x80 != 0 {
		p.str(", (SEC) [worktodo]")
		return
	}
	p.str(", (CLR)")
	v := p.opt.Verbose
	switch code {
	case 0:
		p.str("DODAG Information Solicitation")
	case 1:
		p.str("DODAG Information Object")
		if v == 0 {
			break
		}
		if length < 24 {
			p.invalidCheck("length", uint64(uint32(length)), "<", 24)
			return
		}
		mop := p.u8(bp + 4)
		p.str(" [dagid:")
		p.ipv6(bp + 8)
		p.str(",seq:")
		p.dec(uint64(p.u8(bp + 5)))
		p.str(",instance:")
		p.dec(uint64(p.u8(bp)))
		p.str(",rank:")
		p.dec(uint64(p.be16(bp + 2)))
		p.ch(',')
		if mop&0x80 != 0 {
			p.str("grounded,")
		}
		p.str("mop:")
		if m := (mop >> 3) & 7; int(m) < len(rplModes) {
			p.str(rplModes[m])
		} else {
			p.str("mop")
			p.dec(uint64(m))
		}
		p.str(",prf:")
		p.dec(uint64(mop & 7))
		p.ch(']')
		if v > 1 {
			p.rplOptions(bp+24, length-24)
		}
	case 2, 3:
		if code == 2 {
			p.str("Destination Advertisement Object")
		} else {
			p.str("Destination Advertisement Object Ack")
		}
		if v == 0 {
			break
		}
		if length < 4 {
			p.invalidCheck("length", uint64(uint32(length)), "<", 4)
			return
		}
		flags := p.u8(bp + 1)
		cp, n := bp+4, length-4
		dagid := -1
		if flags&0x40 != 0 && code == 2 || flags&0x80 != 0 && code == 3 {
			if n < 16 {
				p.invalidCheck("length", uint64(uint32(n)), "<", 16)
				return
			}
			p.need(bp+4, 16)
			dagid = bp + 4
			cp += 16
			n -= 16
		}
		p.str(" [dagid:")
		if dagid >= 0 {
			p.ipv6(dagid)
		} else {
			p.str("<elided>")
		}
		if code == 2 {
			p.str(",seq:")
			p.dec(uint64(p.u8(bp + 3)))
			p.str(",instance:")
			p.dec(uint64(p.u8(bp)))
			if flags&0x80 != 0 {
				p.str(",acK")
			}
			if flags&0x40 != 0 {
				p.str(",Dagid")
			}
			p.str(",flags:")
			p.hex(uint64(flags), 2)
		} else {
			p.str(",seq:")
			p.dec(uint64(p.u8(bp + 2)))
			p.str(",instance:")
			p.dec(uint64(p.u8(bp)))
			p.str(",status:")
			p.dec(uint64(p.u8(bp + 3)))
		}
		p.ch(']')
		if v > 1 {
			p.rplOptions(cp, n)
		}
	default:
		p.str("RPL message, unknown code ")
		p.dec(uint64(code))
	}
}

func (p *Printer) rplOptions(cp, length int) {
	for length > 0 {
		typ := p.u8(cp)
		olen := 1
		if typ == 0 {
			p.str(" opt:pad1")
		} else {
			if length < 2 {
				p.str(" [|icmp6]")
				return
			}
			olen = int(p.u8(cp+1)) + 2
			p.str(" opt:")
			printTok(p, rplOptionNames, typ, "subopt:", "")
			p.str(" len:")
			p.dec(uint64(olen))
			p.ch(' ')
			p.need(cp, olen)
			if length < olen {
				p.str(" [|icmp6]")
				return
			}
			if p.opt.Verbose > 2 {
				p.hexOnly(" ", cp+2, olen-2)
			}
		}
		cp += olen
		length -= olen
	}
}
