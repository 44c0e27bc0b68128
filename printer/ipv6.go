package printer

// ip6 prints the IPv6 packet at off; length is the number of bytes the
// layer below says it holds.
func (p *Printer) ip6(off, length int) {
	p.proto = "ip6"
	if !p.opt.LinkHeader {
		p.str("IP6 ")
	}
	if length < 40 {
		p.invalidCheck("length", uint64(length), "<", 40)
		return
	}
	if v := p.u8(off) >> 4; v != 6 {
		p.invalidCheck("version", uint64(v), "!=", 6)
		return
	}
	payloadLen := int(p.be16(off + 4))
	var total int
	if payloadLen != 0 {
		total = payloadLen + 40
		if total > length {
			p.str("[header+payload length ")
			p.dec(uint64(total))
			p.str(" > length ")
			p.dec(uint64(length))
			p.str("] (invalid) ")
		}
	} else {
		total = length + 40
	}
	nh := p.u8(off + 6)
	if p.opt.Verbose > 0 {
		flow := p.be32(off)
		p.ch('(')
		if flow&0x0ff00000 != 0 {
			p.str("class 0x")
			p.hex(uint64((flow&0x0ff00000)>>20), 2)
			p.str(", ")
		}
		if flow&0x000fffff != 0 {
			p.str("flowlabel 0x")
			p.hex(uint64(flow&0x000fffff), 5)
			p.str(", ")
		}
		p.str("hlim ")
		p.dec(uint64(p.u8(off + 7)))
		p.str(", next-header ")
		p.str(ipProtoName(nh))
		p.str(" (")
		p.dec(uint64(nh))
		p.str("), payload length ")
		p.dec(uint64(payloadLen))
		p.str(") ")
	}
	p.need(off, 40)
	saved := p.pushSnap(off, min(length, total))
	defer func() { p.snap = saved }()

	cur := off
	advance := 40
	remaining := total
	fragmented := false
	foundExt := false
	for cur < p.snap && advance > 0 {
		if remaining < advance {
			p.str(" [|")
			p.str(p.proto)
			p.ch(']')
			return
		}
		cur += advance
		remaining -= advance
		if cur == off+40 && nh != protoTCP && nh != protoUDP && nh != protoDCCP && nh != protoSCTP {
			p.ipv6(off + 8)
			p.str(" > ")
			p.ipv6(off + 24)
			p.str(": ")
		}
		switch nh {
		case protoFragment:
			p.proto = "frag6"
			p.str("frag (")
			if p.opt.Verbose > 0 {
				p.str("0x")
				p.hex(uint64(p.be32(cur+4)), 8)
				p.ch(':')
			} else {
				p.need(cur+4, 4)
			}
			fo := p.be16(cur+2) & 0xfff8
			p.dec(uint64(fo))
			p.ch('|')
			if cur-off+8 > 40+payloadLen {
				p.str("[length < 0] (invalid))")
			} else {
				p.dec(uint64(40 + payloadLen - (cur - off) - 8))
				p.ch(')')
			}
			if fo != 0 {
				return
			}
			p.ch(' ')
			advance = 8
			if p.snap <= cur+advance {
				return
			}
			foundExt = true
			nh = p.u8(cur)
			fragmented = true
			p.proto = "ip6"
		default:
			if payloadLen == 0 {
				if foundExt {
					p.str(" [|")
					p.str(p.proto)
					p.ch(']')
					return
				}
				if length > 65535 && (nh == protoTCP || nh == protoUDP) {
					remaining = length
					if p.opt.Verbose > 0 {
						p.str("[real length ")
						p.dec(uint64(remaining))
						p.str(", presumed BIG TCP] ")
					}
				} else {
					remaining = 40
					if off+40 < p.snap {
						p.snap = off + 40
					}
				}
				remaining -= cur - off
			}
			p.ipDemux(cur, remaining, ipHeader{off: off, v6: true, nh: nh}, fragmented)
			return
		}
	}
}
