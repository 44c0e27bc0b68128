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
	totalAdvance := 0
	fragmented := false
	foundExt := false
	foundHBH := false
	prev := 255 // tcpdump's "ph": 255 until an extension header was seen
	jumbo := jumboState{payloadLen: uint32(payloadLen)}
	for cur < p.snap && advance > 0 {
		if remaining < advance {
			p.str(" [|")
			p.str(p.proto)
			p.ch(']')
			return
		}
		cur += advance
		remaining -= advance
		totalAdvance += advance
		if cur == off+40 && nh != protoTCP && nh != protoUDP && nh != protoDCCP && nh != protoSCTP {
			p.ipv6(off + 8)
			p.str(" > ")
			p.ipv6(off + 24)
			p.str(": ")
		}
		switch nh {
		case protoHopOpts:
			// RFC 8200: only one, and only right after the IPv6 header.
			if foundHBH {
				p.str("[The Hop-by-Hop Options header was already found] (invalid)")
				return
			}
			if prev != 255 {
				p.str("[The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)")
				return
			}
			advance = p.hopByHop(cur, &jumbo)
			if jumbo.payloadLen == 0 && !jumbo.found {
				p.str("[No valid Jumbo Payload Hop-by-Hop option found] (invalid)")
				return
			}
			if advance < 0 {
				return
			}
			foundExt, foundHBH = true, true
			nh = p.u8(cur)
		case protoDstOpts:
			advance = p.destOptions(cur)
			if advance < 0 {
				return
			}
			foundExt = true
			nh = p.u8(cur)
		case protoFragment:
			p.proto = "frag6"
			p.str("frag (")
			if p.opt.Verbose > 0 {
				id := p.be32(cur + 4)
				p.str("0x")
				p.hex(uint64(id), 8)
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
			// A later fragment cannot be decoded on its own.
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
		case protoMobOld, protoMobility:
			p.mobility(cur)
			return
		case protoRouting:
			p.u8(cur)
			advance = p.routing(cur)
			if advance < 0 {
				return
			}
			foundExt = true
			nh = p.u8(cur)
		default:
			if jumbo.found {
				// The jumbo payload option gives the length; the
				// arithmetic wraps at 32 bits as tcpdump's does.
				l := int(jumbo.payloadLen + 40)
				if l < totalAdvance {
					p.str(" [|")
					p.str(p.proto)
					p.ch(']')
					return
				}
				if l > length {
					p.str("[header+payload length ")
					p.dec(uint64(l))
					p.str(" > length ")
					p.dec(uint64(length))
					p.str("] (invalid) ")
				}
				if off+l < p.snap {
					p.snap = off + l
				}
				remaining = l - totalAdvance
			} else if payloadLen == 0 {
				// No payload to hold an extension header.
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
				remaining -= totalAdvance
			}
			p.ipDemux(cur, remaining, ipHeader{off: off, v6: true, nh: nh}, fragmented)
			return
		}
		prev = int(nh)
		p.proto = "ip6"
	}
}
