package printer

// TCP flag letters in tcpdump's order.
var tcpFlagLetters = [...]struct {
	bit    uint16
	letter byte
}{
	{0x001, 'F'}, {0x002, 'S'}, {0x004, 'R'}, {0x008, 'P'}, {0x010, '.'},
	{0x020, 'U'}, {0x040, 'E'}, {0x080, 'W'}, {0x100, 'e'},
}

var tcpOptionNames = map[uint8]string{
	0: "eol", 1: "nop", 2: "mss", 3: "wscale", 4: "sackOK", 5: "sack",
	6: "echo", 7: "echoreply", 8: "TS", 11: "cc", 12: "ccnew", 13: "ccecho",
	19: "md5", 20: "scps", 28: "uto", 29: "tcp-ao", 30: "mptcp", 34: "tfo",
	254: "exp",
}

// tcpKey4 and tcpKey6 identify a conversation in one canonical direction,
// as tcpdump's tcp_seq_hash does.
type tcpKey4 struct {
	src, dst [4]byte
	ports    uint32
}

type tcpKey6 struct {
	src, dst [16]byte
	ports    uint32
}

// tcpSeqs holds the initial sequence numbers subtracted for relative
// numbering.
type tcpSeqs struct{ seq, ack uint32 }

// pseudoSum is the checksum contribution of the IPv4 or IPv6 pseudo header
// for an upper-layer segment of the given length.
func (p *Printer) pseudoSum(ip ipHeader, length int, proto uint8) uint32 {
	var acc uint32
	if ip.v6 {
		acc = sum16(acc, p.pkt[ip.off+8:ip.off+24])
		acc = sum16(acc, p.ip6FinalDst(ip.off))
		acc += uint32(length>>16) + uint32(length&0xffff)
	} else {
		acc = sum16(acc, p.pkt[ip.off+12:ip.off+16])
		acc = sum16(acc, p.ip4FinalDst(ip.off))
		acc += uint32(uint16(length))
	}
	return acc + uint32(proto)
}

// ip4FinalDst is the destination the checksum uses: the last hop of a
// source route option if there is one (tcpdump's ip_finddst).
func (p *Printer) ip4FinalDst(off int) []byte {
	dst := p.pkt[off+16 : off+20]
	hlen := int(p.pkt[off]&15) * 4
	cp, n := off+20, hlen-20
	for n > 0 {
		if !p.have(cp, 1) {
			return dst
		}
		tt := p.pkt[cp]
		if tt == 0 {
			break
		}
		l := 1
		if tt != 1 {
			if !p.have(cp+1, 1) {
				return dst
			}
			l = int(p.pkt[cp+1])
			if l < 2 {
				break
			}
		}
		if n < l || !p.have(cp, l) {
			return dst
		}
		if (tt == 137 || tt == 131) && l >= 7 {
			return p.pkt[cp+l-4 : cp+l]
		}
		cp += l
		n -= l
	}
	return dst
}

// ip6FinalDst is the IPv6 destination the checksum uses: the final
// address of a routing header if there is one.
func (p *Printer) ip6FinalDst(off int) []byte {
	dst := p.pkt[off+24 : off+40]
	nh := p.pkt[off+6]
	cp := off + 40
	for cp < p.snap {
		switch nh {
		case protoHopOpts, protoDstOpts, protoMobOld, protoMobility:
			if !p.have(cp, 2) {
				return dst
			}
			nh = p.pkt[cp]
			cp += (int(p.pkt[cp+1]) + 1) << 3
		case protoFragment:
			if !p.have(cp, 1) {
				return dst
			}
			nh = p.pkt[cp]
			cp += 8
		case protoRouting:
			if !p.have(cp, 8) {
				return dst
			}
			l := int(p.pkt[cp+1])
			switch p.pkt[cp+2] {
			case 0, 2:
				if l%2 == 1 {
					return dst
				}
				for i := 0; i < l/2; i++ {
					a := cp + 8 + 16*i
					if !p.have(a, 16) {
						return dst
					}
					dst = p.pkt[a : a+16]
				}
			case 4:
				if l%2 == 1 || !p.have(cp+8, 16) {
					return dst
				}
				dst = p.pkt[cp+8 : cp+24]
			}
			return dst
		default:
			return dst
		}
	}
	return dst
}

// transportAddrs prints "SRC.SPORT > DST.DPORT: " (or just the ports when
// the transport header is not directly under the IP header).
func (p *Printer) transportAddrs(ip ipHeader, sport, dport uint16, proto uint8) {
	direct := p.u8(ip.off+9) == proto
	if ip.v6 {
		direct = p.u8(ip.off+6) == proto
	}
	if direct {
		if ip.v6 {
			p.ipv6(ip.off + 8)
		} else {
			p.ipv4(ip.off + 12)
		}
		p.ch('.')
		p.port(proto, sport)
		p.str(" > ")
		if ip.v6 {
			p.ipv6(ip.off + 24)
		} else {
			p.ipv4(ip.off + 16)
		}
		p.ch('.')
		p.port(proto, dport)
		p.str(": ")
		return
	}
	p.port(proto, sport)
	p.str(" > ")
	p.port(proto, dport)
	p.str(": ")
}

// tcp prints the TCP segment at off; length is the segment length from the
// IP header.
func (p *Printer) tcp(off, length int, ip ipHeader, fragmented bool) {
	p.proto = "tcp"
	if !p.have(off+2, 2) {
		p.ipAddrs(ip)
		p.ch(':')
		p.trunc()
	}
	sport := p.be16(off)
	dport := p.be16(off + 2)
	p.transportAddrs(ip, sport, dport, protoTCP)
	hlen := int(p.u8(off+12)>>4) * 4
	if hlen < 20 {
		p.str(" tcp ")
		p.dec(uint64(uint32(length - hlen)))
		p.str(" [bad hdr length ")
		p.dec(uint64(hlen))
		p.str(" - too short, < 20] (invalid)")
		return
	}
	seq := p.be32(off + 4)
	ack := p.be32(off + 8)
	win := p.be16(off + 14)
	urp := p.be16(off + 18)
	if p.opt.Quiet {
		p.str("tcp ")
		p.dec(uint64(uint32(length - hlen)))
		if hlen > length {
			p.str(" [bad hdr length ")
			p.dec(uint64(hlen))
			p.str(" - too long, > ")
			p.dec(uint64(length))
			p.str("] (invalid)")
		}
		return
	}
	flags := p.be16(off+12) & 0x1ff
	p.str("Flags [")
	if flags == 0 {
		p.str("none")
	}
	for _, f := range tcpFlagLetters {
		if flags&f.bit != 0 {
			p.ch(f.letter)
		}
	}
	p.ch(']')
	var thseq, thack uint32
	rev := false
	if !p.opt.AbsoluteSeq && flags&0x10 != 0 {
		thseq, thack, rev = p.relativeSeq(ip, sport, dport, flags, &seq, &ack)
	}
	if hlen > length {
		p.str(" [bad hdr length ")
		p.dec(uint64(hlen))
		p.str(" - too long, > ")
		p.dec(uint64(length))
		p.str("] (invalid)")
		return
	}
	if p.opt.Verbose > 0 && !fragmented && p.have(off, length) {
		acc := p.pseudoSum(ip, length, protoTCP)
		sum := fold(sum16(acc, p.pkt[off:off+length]))
		field := p.be16(off + 16)
		p.str(", cksum 0x")
		p.hex(uint64(field), 4)
		if sum != 0 {
			p.str(" (incorrect -> 0x")
			p.hex(uint64(shouldBe(field, sum)), 4)
			p.ch(')')
		} else {
			p.str(" (correct)")
		}
	}
	length -= hlen
	if p.opt.Verbose > 1 || length > 0 || flags&0x7 != 0 {
		p.str(", seq ")
		p.dec(uint64(seq))
		if length > 0 {
			p.ch(':')
			p.dec(uint64(seq + uint32(length)))
		}
	}
	if flags&0x10 != 0 {
		p.str(", ack ")
		p.dec(uint64(ack))
	} else if p.opt.Verbose > 1 && ack != 0 {
		p.str(", [ack ")
		p.dec(uint64(ack))
		p.str(" != 0 while ACK flag not set]")
	}
	p.str(", win ")
	p.dec(uint64(win))
	if flags&0x20 != 0 {
		p.str(", urg ")
		p.dec(uint64(urp))
	} else if p.opt.Verbose > 1 && urp != 0 {
		p.str(", [urg ")
		p.dec(uint64(urp))
		p.str(" != 0 while URG flag not set]")
	}
	if hlen > 20 {
		if !p.tcpOptions(off+20, hlen-20, rev, thseq, thack) {
			return
		}
	}
	p.str(", length ")
	p.dec(uint64(length))
	if length == 0 {
		return
	}
	if !p.have(off, hlen) {
		p.str(" [remaining caplen(")
		p.dec(uint64(p.avail(off)))
		p.str(") < header length(")
		p.dec(uint64(hlen))
		p.str(")]")
		p.trunc()
	}
	data := off + hlen
	if flags&0x4 != 0 {
		if p.opt.Verbose > 0 {
			p.tcpResetData(data, length)
		} else {
			p.need(data, length)
		}
		return
	}
	p.tcpPayload(data, length, sport, dport)
}

// relativeSeq looks up (or records) the conversation and rewrites seq and
// ack relative to its initial numbers.
func (p *Printer) relativeSeq(ip ipHeader, sport, dport, flags uint16, seq, ack *uint32) (thseq, thack uint32, rev bool) {
	var src, dst []byte
	if ip.v6 {
		src, dst = p.pkt[ip.off+8:ip.off+24], p.pkt[ip.off+24:ip.off+40]
	} else {
		src, dst = p.pkt[ip.off+12:ip.off+16], p.pkt[ip.off+16:ip.off+20]
	}
	if sport > dport {
		rev = true
	} else if sport == dport {
		rev = string(src) > string(dst)
	}
	ports := uint32(sport)<<16 | uint32(dport)
	if rev {
		src, dst = dst, src
		ports = uint32(dport)<<16 | uint32(sport)
	}
	syn := flags&0x2 != 0
	var th tcpSeqs
	var found bool
	if ip.v6 {
		var k tcpKey6
		copy(k.src[:], src)
		copy(k.dst[:], dst)
		k.ports = ports
		th, found = conversation(&p.tcp6, k, syn, *seq, *ack, rev)
	} else {
		var k tcpKey4
		copy(k.src[:], src)
		copy(k.dst[:], dst)
		k.ports = ports
		th, found = conversation(&p.tcp4, k, syn, *seq, *ack, rev)
	}
	if found {
		if rev {
			*seq -= th.ack
			*ack -= th.seq
		} else {
			*seq -= th.seq
			*ack -= th.ack
		}
	}
	return th.seq, th.ack, rev
}

// conversation returns the initial numbers recorded for a conversation,
// and whether they were there already. A new conversation, or a SYN that
// restarts one, records the packet's own numbers (found is then false).
// The table is emptied when it reaches maxTCPConversations.
func conversation[K comparable](table *map[K]tcpSeqs, k K, syn bool, seq, ack uint32, rev bool) (tcpSeqs, bool) {
	if *table == nil {
		*table = make(map[K]tcpSeqs)
	}
	th, found := (*table)[k]
	if found && !syn {
		return th, true
	}
	th = newSeqs(seq, ack, rev)
	if len(*table) >= maxTCPConversations {
		clear(*table)
	}
	(*table)[k] = th
	return th, false
}

func newSeqs(seq, ack uint32, rev bool) tcpSeqs {
	if rev {
		return tcpSeqs{seq: ack - 1, ack: seq}
	}
	return tcpSeqs{seq: seq, ack: ack - 1}
}

// tcpOptions prints ", options [...]"; false means a bad option ended the
// line.
func (p *Printer) tcpOptions(cp, hlen int, rev bool, thseq, thack uint32) bool {
	p.str(", options [")
	sep := false
	bad := func() bool {
		p.str("[bad opt]")
		if sep {
			p.ch(']')
		}
		return false
	}
	for hlen != 0 {
		if sep {
			p.ch(',')
		}
		opt := p.u8(cp)
		cp++
		olen := 1
		if opt != 0 && opt != 1 {
			olen = int(p.u8(cp))
			cp++
			if olen < 2 || olen > hlen {
				return bad()
			}
			hlen--
		}
		hlen--
		printTok(p, tcpOptionNames, opt, "unknown-", "")
		datalen, whole := tcpOptionData(opt, olen)
		if whole && datalen > hlen {
			return bad()
		}
		switch opt {
		case 2:
			p.ch(' ')
			p.dec(uint64(p.be16(cp)))
		case 3:
			p.ch(' ')
			p.dec(uint64(p.u8(cp)))
		case 5:
			if datalen%8 != 0 {
				p.str(" invalid sack")
			} else {
				p.ch(' ')
				p.dec(uint64(datalen / 8))
				p.ch(' ')
				for i := 0; i < datalen; i += 8 {
					if i+4 > hlen {
						return bad()
					}
					s := p.be32(cp + i)
					if i+8 > hlen {
						return bad()
					}
					e := p.be32(cp + i + 4)
					if rev {
						s -= thseq
						e -= thseq
					} else {
						s -= thack
						e -= thack
					}
					p.ch('{')
					p.dec(uint64(s))
					p.ch(':')
					p.dec(uint64(e))
					p.ch('}')
				}
			}
		case 11, 12, 13, 6, 7:
			p.ch(' ')
			p.dec(uint64(p.be32(cp)))
		case 8:
			p.str(" val ")
			p.dec(uint64(p.be32(cp)))
			p.str(" ecr ")
			p.dec(uint64(p.be32(cp + 4)))
		case 19:
			p.need(cp, datalen)
			p.ch(' ')
			for i := 0; i < 16; i++ {
				p.hex(uint64(p.pkt[cp+i]), 2)
			}
		case 20:
			p.str(" cap ")
			p.hex(uint64(p.u8(cp)), 2)
			p.str(" id ")
			p.dec(uint64(p.u8(cp + 1)))
		case 29:
			if datalen < 2 {
				p.str(" (invalid)")
			} else {
				if 1 > hlen {
					return bad()
				}
				p.str(" keyid ")
				p.dec(uint64(p.u8(cp)))
				if 2 > hlen {
					return bad()
				}
				p.str(" rnextkeyid ")
				p.dec(uint64(p.u8(cp + 1)))
				if datalen > 2 {
					p.str(" mac 0x")
					for i := 2; i < datalen; i++ {
						if i+1 > hlen {
							return bad()
						}
						p.hex(uint64(p.u8(cp+i)), 2)
					}
				}
			}
		case 0, 1, 4:
		case 28:
			v := uint32(p.be16(cp))
			p.str(" 0x")
			p.hex(uint64(v), 1)
			if v&1 != 0 {
				v = (v >> 1) * 60
			} else {
				v >>= 1
			}
			p.ch(' ')
			p.dec(uint64(v))
		case 34:
			p.need(cp, datalen)
			p.ch(' ')
			p.fastOpen(cp, datalen)
		case 254:
			p.need(cp, datalen)
			if datalen < 2 {
				return bad()
			}
			magic := p.be16(cp)
			p.ch('-')
			if magic == 0xf989 {
				p.str("tfo")
				p.fastOpen(cp+2, datalen-2)
			} else {
				p.hex(uint64(magic), 4)
			}
		case 30:
			// MPTCP needs its own printer; print the raw bytes instead of a
			// guess at its subtype.
			p.need(cp, datalen)
			if datalen > 0 {
				p.str(" 0x")
			}
			for i := 0; i < datalen; i++ {
				p.hex(uint64(p.pkt[cp+i]), 2)
			}
		default:
			if datalen > 0 {
				p.str(" 0x")
			}
			for i := 0; i < datalen; i++ {
				if i+1 > hlen {
					return bad()
				}
				p.hex(uint64(p.u8(cp+i)), 2)
			}
		}
		cp += datalen
		hlen -= datalen
		datalen++
		if opt != 0 && opt != 1 {
			datalen++
		}
		if datalen != olen {
			p.str("[len ")
			p.dec(uint64(olen))
			p.ch(']')
		}
		sep = true
		if opt == 0 {
			break
		}
	}
	p.ch(']')
	return true
}

// tcpOptionData says how many data bytes tcpOptions takes for option opt
// with length byte olen, and whether all of them must lie within the header
// before anything is printed (otherwise the printer checks as it goes).
// Options of a fixed size take that size whatever olen says; the walk goes
// on after it and a different olen is flagged "[len N]".
func tcpOptionData(opt uint8, olen int) (datalen int, whole bool) {
	switch opt {
	case 0, 1, 4: // eol, nop, sackOK
		return 0, true
	case 3: // wscale
		return 1, true
	case 2, 20, 28: // mss, scps, uto
		return 2, true
	case 6, 7, 11, 12, 13: // echo, echoreply, cc, ccnew, ccecho
		return 4, true
	case 8: // TS
		return 8, true
	case 19: // md5
		return 16, true
	case 30, 34, 254: // mptcp, tfo, exp
		return olen - 2, true
	}
	return olen - 2, false // sack, tcp-ao and unknown options
}

func (p *Printer) fastOpen(cp, datalen int) {
	if datalen == 0 {
		p.str(" cookiereq")
		return
	}
	if datalen%2 != 0 || datalen < 4 || datalen > 16 {
		p.str(" (invalid)")
		return
	}
	p.str(" cookie ")
	for i := 0; i < datalen; i++ {
		p.hex(uint64(p.u8(cp+i)), 2)
	}
}

// tcpResetData prints the data of a RST segment (RFC 1122 4.2.2.12) with -v.
func (p *Printer) tcpResetData(off, length int) {
	p.str(" [RST")
	if length > 30 {
		p.ch('+')
	}
	if length == 8 && p.be16(off) == 0x33aa {
		p.str(": ")
		code := p.be16(off + 2)
		pen := p.be32(off + 4)
		if p.opt.Verbose > 1 && pen == 0 {
			if int(code) < len(tcpFailureCauses) {
				p.str(tcpFailureCauses[code])
			} else {
				p.str("code ")
				p.dec(uint64(code))
				p.str(", pen 0")
			}
		} else {
			p.str("code ")
			p.dec(uint64(code))
			p.str(", pen ")
			p.dec(uint64(pen))
		}
	} else {
		p.ch(' ')
		for i := 0; i < min(length, 30); i++ {
			p.printableChar(p.u8(off + i))
		}
	}
	p.ch(']')
	p.need(off, length)
}

var tcpFailureCauses = [...]string{
	"Reserved", "Illegal option length", "Desynchronized state",
	"New data is received after CLOSE is called", "ABORT process",
	"Unexpected ACK received by non-synchronized state connection",
	"Unexpected SYN in the window", "Unexpected security compartment",
	"Malformed message", "Not authorized", "Resource exceeded",
	"Network failure", "Reset received from the peer",
	"Destination unreachable", "Connection timeout",
	"Too much outstanding data", "Unacceptable performance",
	"Middlebox interference",
}

// printableChar prints c the way tcpdump escapes packet text: "M-" for
// bytes above 0x7f and "^X" for control characters.
func (p *Printer) printableChar(c byte) {
	if c >= 0x80 {
		c &= 0x7f
		p.str("M-")
	}
	if c < 0x20 || c == 0x7f {
		c ^= 0x40
		p.ch('^')
	}
	p.ch(c)
}
