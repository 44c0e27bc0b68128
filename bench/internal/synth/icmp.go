package synth

// echo is a ping waiting for its reply.
type echo struct {
	client  *host
	remote4 ip4
	remote6 ip6
	id, seq uint16
}

// pingPattern is the 56-byte payload of Linux ping: an 8-byte time stamp
// and the bytes 0x10 to 0x37.
var pingPattern = func() [56]byte {
	var p [56]byte
	for i := 8; i < len(p); i++ {
		p[i] = byte(i + 8)
	}
	return p
}()

// icmpEcho sends an ICMP echo request, or the reply to one.
func (g *Generator) icmpEcho(b []byte) int {
	var e echo
	reply := false
	if n := len(g.ping); n > 0 && g.rng.IntN(2) == 0 {
		e, g.ping = g.ping[0], g.ping[1:]
		reply = true
	} else {
		e = echo{client: g.localHost(), remote4: g.remote4(), id: uint16(g.rng.Uint32()), seq: uint16(1 + g.rng.IntN(50))}
		g.ping = append(g.ping, e)
	}
	src, dst := e.client.mac, g.pool.gateway.mac
	s, d := e.client.v4, e.remote4
	typ := uint8(8)
	if reply {
		src, dst, s, d, typ = dst, src, d, s, 0
	}
	off := ether(b, dst, src, etherIPv4)
	m := b[off+20:]
	n := g.echoBody(m, typ, e)
	be.PutUint16(m[2:], ^fold(sum(0, m[:n])))
	ipv4(b[off:], s, d, protoICMP, n, uint16(g.rng.Uint32()), 64, !reply)
	return off + 20 + n
}

// echoBody writes an echo message of ICMP or ICMPv6 type typ with its
// checksum field zero.
func (g *Generator) echoBody(m []byte, typ uint8, e echo) int {
	m[0], m[1] = typ, 0
	be.PutUint16(m[2:], 0)
	be.PutUint16(m[4:], e.id)
	be.PutUint16(m[6:], e.seq)
	copy(m[8:], pingPattern[:])
	be.PutUint64(m[8:], uint64(g.sec)<<20|uint64(g.usec))
	return 8 + len(pingPattern)
}

// icmpError sends one of the ICMP errors a client commonly receives, with
// the start of the offending datagram quoted.
func (g *Generator) icmpError(b []byte) int {
	c := g.localHost()
	var typ, code uint8
	var from ip4
	quoteProto := uint8(protoUDP)
	var nextMTU uint16
	switch g.rng.IntN(4) {
	case 0: // port unreachable from the far end
		typ, code, from = 3, 3, g.remote4()
	case 1: // a traceroute probe's TTL ran out
		typ, code, from = 11, 0, g.remote4()
	case 2: // the gateway cannot reach the host
		typ, code, from, quoteProto = 3, 1, g.pool.gateway.v4, protoTCP
	default: // path MTU discovery
		typ, code, from, quoteProto, nextMTU = 3, 4, g.remote4(), protoTCP, 1400
	}
	off := ether(b, c.mac, g.pool.gateway.mac, etherIPv4)
	m := b[off+20:]
	m[0], m[1] = typ, code
	be.PutUint16(m[2:], 0)
	be.PutUint32(m[4:], uint32(nextMTU))

	// The quoted datagram: its IP header and the first bytes of its
	// transport header and payload.
	q := m[8:]
	dst := g.remote4()
	qlen := 8 + 32
	if quoteProto == protoTCP {
		qlen = 20
	}
	ipv4(q, c.v4, dst, quoteProto, qlen, uint16(g.rng.Uint32()), uint8(1+g.rng.IntN(30)), quoteProto == protoTCP)
	t := q[20:]
	be.PutUint16(t[0:], uint16(32768+g.rng.IntN(28232)))
	if quoteProto == protoUDP {
		be.PutUint16(t[2:], uint16(33434+g.rng.IntN(90)))
		be.PutUint16(t[4:], uint16(qlen))
		be.PutUint16(t[6:], uint16(g.rng.Uint32()))
		g.fill(t[8:qlen])
	} else {
		be.PutUint16(t[2:], 443)
		be.PutUint32(t[4:], g.rng.Uint32())
		be.PutUint32(t[8:], 0)
		t[12], t[13] = 5<<4, tcpSYN
		be.PutUint16(t[14:], 64240)
		be.PutUint32(t[16:], uint32(g.rng.Uint32())&0xffff0000)
	}
	n := 8 + 20 + qlen
	be.PutUint16(m[2:], ^fold(sum(0, m[:n])))
	ipv4(b[off:], from, c.v4, protoICMP, n, uint16(g.rng.Uint32()), uint8(50+g.rng.IntN(14)), false)
	return off + 20 + n
}

// icmp6Echo sends an ICMPv6 echo request, or the reply to one.
func (g *Generator) icmp6Echo(b []byte) int {
	var e echo
	reply := false
	if n := len(g.ping6); n > 0 && g.rng.IntN(2) == 0 {
		e, g.ping6 = g.ping6[0], g.ping6[1:]
		reply = true
	} else {
		e = echo{client: g.localHost(), remote6: g.remote6(), id: uint16(g.rng.Uint32()), seq: uint16(1 + g.rng.IntN(50))}
		g.ping6 = append(g.ping6, e)
	}
	src, dst := e.client.mac, g.pool.gateway.mac
	s, d := e.client.v6, e.remote6
	typ := uint8(128)
	if reply {
		src, dst, s, d, typ = dst, src, d, s, 129
	}
	off := ether(b, dst, src, etherIPv6)
	m := b[off+40:]
	n := g.echoBody(m, typ, e)
	ipv6(b[off:], s, d, protoICMPv6, n, 64, 0)
	be.PutUint16(m[2:], l4Checksum(b[off:], true, protoICMPv6, m[:n]))
	return off + 40 + n
}

// neighbor sends a neighbour solicitation to a target's solicited-node
// multicast group, or an advertisement answering one.
func (g *Generator) neighbor(b []byte) int {
	asker, target := g.localHost(), &g.pool.gateway
	if g.rng.IntN(3) == 0 {
		target = g.localHost()
	}
	targetAddr := target.v6
	if g.rng.IntN(2) == 0 {
		targetAddr = target.linkLocal
	}
	var off int
	var m []byte
	if g.rng.IntN(2) == 0 {
		group := ip6{0xff, 0x02, 11: 1, 12: 0xff, 13: targetAddr[13], 14: targetAddr[14], 15: targetAddr[15]}
		off = ether(b, mac{0x33, 0x33, 0xff, targetAddr[13], targetAddr[14], targetAddr[15]}, asker.mac, etherIPv6)
		m = b[off+40:]
		m[0] = 135
		be.PutUint32(m[4:], 0)
		copy(m[8:24], targetAddr[:])
		m[24], m[25] = 1, 1 // source link-layer address
		copy(m[26:32], asker.mac[:])
		ipv6(b[off:], asker.linkLocal, group, protoICMPv6, 32, 255, 0)
	} else {
		off = ether(b, asker.mac, target.mac, etherIPv6)
		m = b[off+40:]
		m[0] = 136
		flags := uint32(0x60000000) // solicited, override
		if target == &g.pool.gateway {
			flags |= 0x80000000 // router
		}
		be.PutUint32(m[4:], flags)
		copy(m[8:24], targetAddr[:])
		m[24], m[25] = 2, 1 // target link-layer address
		copy(m[26:32], target.mac[:])
		ipv6(b[off:], targetAddr, asker.linkLocal, protoICMPv6, 32, 255, 0)
	}
	m[1] = 0
	be.PutUint16(m[2:], 0)
	be.PutUint16(m[2:], l4Checksum(b[off:], true, protoICMPv6, m[:32]))
	return off + 40 + 32
}

// arp sends an ARP request for a neighbour, usually the gateway, or a
// reply.
func (g *Generator) arp(b []byte) int {
	asker, target := g.localHost(), &g.pool.gateway
	if g.rng.IntN(3) == 0 {
		target = g.localHost()
	}
	var off int
	op := uint16(1)
	if g.rng.IntN(2) == 0 {
		off = ether(b, mac{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, asker.mac, etherARP)
	} else {
		op = 2
		off = ether(b, asker.mac, target.mac, etherARP)
	}
	a := b[off:]
	be.PutUint16(a[0:], 1)      // Ethernet
	be.PutUint16(a[2:], 0x0800) // IPv4
	a[4], a[5] = 6, 4
	be.PutUint16(a[6:], op)
	if op == 1 {
		copy(a[8:14], asker.mac[:])
		copy(a[14:18], asker.v4[:])
		clear(a[18:24])
		copy(a[24:28], target.v4[:])
	} else {
		copy(a[8:14], target.mac[:])
		copy(a[14:18], target.v4[:])
		copy(a[18:24], asker.mac[:])
		copy(a[24:28], asker.v4[:])
	}
	return off + 28
}
