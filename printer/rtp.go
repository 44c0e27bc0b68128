package printer

// RTP (RFC 3550, and version 1 of the draft before it), printed only when
// asked for with PacketTypeRTP since nothing in a UDP port says RTP:
// "udp/rtp DATALEN cPT [+][*] SEQ TIMESTAMP[ SSRC]".

// rtp prints the RTP packet at off, n bytes long.
func (p *Printer) rtp(off, n int) {
	p.proto = "rtp"
	if n < 8 {
		p.str("udp/rtp, length ")
		p.dec(uint64(n))
		p.str(" < 8")
		return
	}
	i0 := p.be32(off)
	i1 := p.be32(off + 4)
	dlen := n - 8
	words := n>>2 - 2 // 32-bit words after the first two
	w := off + 8      // next word to read
	var ext, marker bool
	var ptype uint32
	name := "rtp"
	if i0>>30 == 1 {
		// Version 1 (draft-ietf-avt-rtp-04): options instead of extensions.
		ext = i0&0x800000 != 0
		ptype = (i0 >> 16) & 0x3f
		marker = i0&0x400000 != 0
		name = "rtpv1"
	} else {
		if dlen < 4 {
			p.str("udp/rtp, length ")
			p.dec(uint64(dlen + 8))
			p.str(" < 12")
			return
		}
		ext = i0&0x10000000 != 0
		ptype = (i0 >> 16) & 0x7f
		marker = i0&0x800000 != 0
		dlen -= 4
		w += 4
		words--
	}
	p.str("udp/")
	p.str(name)
	p.ch(' ')
	p.dec(uint64(dlen))
	p.str(" c")
	p.dec(uint64(ptype))
	p.ch(' ')
	if ext {
		p.ch('+')
	}
	if marker {
		p.ch('*')
	}
	p.ch(' ')
	p.dec(uint64(i0 & 0xffff))
	p.ch(' ')
	p.dec(uint64(i1))
	if p.opt.Verbose == 0 {
		return
	}
	p.ch(' ')
	p.dec(uint64(p.be32(off + 8)))
	if ext && name == "rtpv1" {
		// Options, each a word count in its second byte; the last one
		// has the top bit set.
		for {
			i2 := p.be32(w)
			olen := int(i2>>16) & 0xff
			if olen == 0 || olen > words {
				p.str(" !opt")
				return
			}
			w += 4 * olen
			words -= olen
			if int32(i2) < 0 {
				break
			}
		}
	}
	if ext && name == "rtp" {
		elen := int(p.be32(w)&0xffff) + 1
		if elen > words {
			p.str(" !ext")
			return
		}
		w += 4 * elen
	}
	if ptype == 0x1f { // H.261
		p.str(" 0x")
		p.hex(uint64(p.be32(w)>>16), 4)
	}
}
