package printer

// udpPortPrinters lists ports for which tcpdump hands UDP payload to a
// printer of its own. Those printers are not part of this package; for
// these ports the line stops after the addresses with the plain UDP
// summary, which is what tcpdump prints for such a packet only when its
// printer has nothing to say.
//
// DNS (53) is decoded here.
const portDNS = 53

// udp prints the UDP datagram at off; length is the payload length the IP
// layer gives.
func (p *Printer) udp(off, length int, ip ipHeader, fragmented bool) {
	p.proto = "udp"
	if !p.have(off+2, 2) {
		p.ipAddrs(ip)
		p.str(": ")
		p.trunc()
	}
	sport := p.be16(off)
	dport := p.be16(off + 2)
	p.transportAddrs(ip, sport, dport, protoUDP)
	if length < 8 {
		p.invalidCheck("undersized-udp", uint64(uint32(length)), "<", 8)
		return
	}
	ulen := int(p.be16(off + 4))
	field := p.be16(off + 6)
	if ulen == 0 && length > 65535 {
		ulen = length
	}
	if ulen < 8 {
		p.invalidCheck("undersized-udplength", uint64(ulen), "<", 8)
		return
	}
	ulen -= 8
	length -= 8
	if ulen < length {
		length = ulen
	}
	data := off + 8
	if p.opt.Type != "" {
		// A forced type skips the checksum and the port dispatch.
		switch p.opt.Type {
		case PacketTypeDomain:
			p.dns(data, length, false)
		case PacketTypeRTP:
			p.rtp(data, length)
		}
		return
	}
	if p.opt.Verbose > 0 && !fragmented {
		if !ip.v6 && p.opt.Verbose > 1 {
			if field == 0 {
				p.str("[no cksum] ")
			} else if p.have(data, length) {
				p.udpChecksum(ip, off, length, field)
			}
		} else if ip.v6 && p.have(data, length) {
			p.udpChecksum(ip, off, length, field)
		}
	}
	if !p.opt.Quiet && (sport == portDNS || dport == portDNS) {
		p.dns(data, length, false)
		return
	}
	if ulen > length && !fragmented {
		p.str("UDP, bad length ")
		p.dec(uint64(ulen))
		p.str(" > ")
		p.dec(uint64(length))
		return
	}
	p.str("UDP, length ")
	p.dec(uint64(ulen))
}

func (p *Printer) udpChecksum(ip ipHeader, off, length int, field uint16) {
	acc := p.pseudoSum(ip, length+8, protoUDP)
	sum := fold(sum16(acc, p.pkt[off:off+8+length]))
	if sum != 0 {
		p.str("[bad udp cksum 0x")
		p.hex(uint64(field), 4)
		p.str(" -> 0x")
		p.hex(uint64(shouldBe(field, sum)), 4)
		p.str("!] ")
		return
	}
	p.str("[udp sum ok] ")
}
