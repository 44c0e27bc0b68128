package synth

import "fmt"

// activeFlows is how many TCP conversations are open at once. A finished
// one is replaced by a new one with a new client port, so over a million
// frames tens of thousands of conversations pass through a printer's
// sequence-number table.
const activeFlows = 4096

// TCP flags.
const (
	tcpFIN = 0x01
	tcpSYN = 0x02
	tcpRST = 0x04
	tcpPSH = 0x08
	tcpACK = 0x10
)

// Conversation states, in order.
const (
	stateSYN = iota
	stateSYNACK
	stateACK
	stateData
	stateFIN
	stateFINACK
	stateLastACK
)

// serverPorts are the services the clients talk to, with weights. 80 is
// there for filters such as "tcp port 80"; the others are ports tcpdump
// prints without a protocol decoder of its own.
var serverPorts = []struct {
	port   uint16
	weight int
}{{443, 50}, {80, 35}, {993, 5}, {8443, 5}, {5223, 5}}

type tcpFlow struct {
	v6       bool
	client   *host
	server4  ip4
	server6  ip6
	cport    uint16
	sport    uint16
	seq      [2]uint32 // next sequence number: client, server
	ipID     [2]uint16
	tsval    [2]uint32
	window   [2]uint16
	ttl      [2]uint8
	label    uint32
	ts       bool // timestamps negotiated (Linux peers), else plain headers
	state    int
	left     int // data-phase segments still to send
	httpSent [2]bool
}

func (g *Generator) newFlow() *tcpFlow {
	f := &tcpFlow{
		v6:     g.rng.IntN(100) < 30,
		client: g.localHost(),
		cport:  g.ephemeralPort(),
		ts:     g.rng.IntN(100) < 70,
		window: [2]uint16{uint16(500 + g.rng.IntN(1500)), uint16(100 + g.rng.IntN(60000))},
		ttl:    [2]uint8{64, uint8(40 + g.rng.IntN(20))},
		label:  g.rng.Uint32() & 0xfffff,
	}
	if f.v6 {
		f.server6 = g.remote6()
		f.ttl[0] = 64
	} else {
		f.server4 = g.remote4()
	}
	w := g.rng.IntN(100)
	for _, sp := range serverPorts {
		if w < sp.weight {
			f.sport = sp.port
			break
		}
		w -= sp.weight
	}
	f.seq = [2]uint32{g.rng.Uint32(), g.rng.Uint32()}
	f.ipID = [2]uint16{uint16(g.rng.Uint32()), uint16(g.rng.Uint32())}
	f.tsval = [2]uint32{g.rng.Uint32(), g.rng.Uint32()}
	// Most conversations are short; one in ten is a bulk transfer.
	f.left = 2 + int(g.rng.ExpFloat64()*20)
	if g.rng.IntN(10) == 0 {
		f.left = 50 + int(g.rng.ExpFloat64()*400)
	}
	return f
}

// tcpSegment advances one conversation by one segment.
func (g *Generator) tcpSegment(b []byte) int {
	slot := g.skewed(activeFlows)
	f := g.tcp[slot]
	if f == nil {
		f = g.newFlow()
		g.tcp[slot] = f
	}
	const client, server = 0, 1
	switch f.state {
	case stateSYN:
		f.state++
		return g.segment(b, f, client, tcpSYN, 0)
	case stateSYNACK:
		f.state++
		return g.segment(b, f, server, tcpSYN|tcpACK, 0)
	case stateACK:
		f.state++
		return g.segment(b, f, client, tcpACK, 0)
	case stateData:
		f.left--
		if f.left <= 0 {
			f.state++
		}
		full := f.mss()
		switch r := g.rng.IntN(100); {
		case r < 55: // server sends, mostly full segments
			n := full
			flags := uint8(tcpACK)
			if g.rng.IntN(5) == 0 {
				n = 1 + g.rng.IntN(full)
				flags |= tcpPSH
			}
			return g.segment(b, f, server, flags, n)
		case r < 90: // client acknowledges
			return g.segment(b, f, client, tcpACK, 0)
		default: // client sends a request
			return g.segment(b, f, client, tcpACK|tcpPSH, 40+g.rng.IntN(660))
		}
	case stateFIN:
		if g.rng.IntN(50) == 0 {
			g.tcp[slot] = nil
			return g.segment(b, f, client, tcpRST|tcpACK, 0)
		}
		f.state++
		return g.segment(b, f, client, tcpFIN|tcpACK, 0)
	case stateFINACK:
		f.state++
		return g.segment(b, f, server, tcpFIN|tcpACK, 0)
	default:
		g.tcp[slot] = nil
		return g.segment(b, f, client, tcpACK, 0)
	}
}

// mss is the payload of a full-size segment.
func (f *tcpFlow) mss() int {
	n := mtu - 20 - 20
	if f.v6 {
		n = mtu - 40 - 20
	}
	if f.ts {
		n -= 12
	}
	return n
}

// segment writes one frame of conversation f sent by side dir (0 client,
// 1 server) with payload bytes of data, and advances the conversation.
func (g *Generator) segment(b []byte, f *tcpFlow, dir int, flags uint8, payload int) int {
	src, dst := f.client.mac, g.pool.gateway.mac
	if dir == 1 {
		src, dst = dst, src
	}
	etype := uint16(etherIPv4)
	if f.v6 {
		etype = etherIPv6
	}
	off := ether(b, dst, src, etype)
	ipOff := off
	if f.v6 {
		off += 40
	} else {
		off += 20
	}
	t := b[off:]
	sport, dport := f.cport, f.sport
	if dir == 1 {
		sport, dport = dport, sport
	}
	be.PutUint16(t[0:], sport)
	be.PutUint16(t[2:], dport)
	be.PutUint32(t[4:], f.seq[dir])
	ack := uint32(0)
	if flags&tcpACK != 0 {
		ack = f.seq[1-dir]
	}
	be.PutUint32(t[8:], ack)
	t[13] = flags
	win := f.window[dir]
	if flags&tcpSYN != 0 {
		win = 64240
	}
	be.PutUint16(t[14:], win)
	be.PutUint16(t[16:], 0) // checksum, below
	be.PutUint16(t[18:], 0)
	opts := t[20:20]
	f.tsval[dir] += uint32(1 + g.rng.IntN(4))
	switch {
	case flags&tcpSYN != 0:
		mss := uint16(1460)
		if f.v6 {
			mss = 1440
		}
		opts = append(opts, 2, 4, byte(mss>>8), byte(mss))
		if f.ts {
			opts = append(opts, 4, 2) // SACK permitted
			opts = appendTS(opts, 8, f.tsval[dir], f.tsval[1-dir]*uint32(dir))
			opts = append(opts, 1, 3, 3, 7)
		} else {
			opts = append(opts, 1, 3, 3, 8, 1, 1, 4, 2)
		}
	case f.ts:
		opts = append(opts, 1, 1)
		opts = appendTS(opts, 8, f.tsval[dir], f.tsval[1-dir])
	}
	hlen := 20 + len(opts)
	t[12] = byte(hlen/4) << 4
	data := t[hlen : hlen+payload]
	g.payload(data, f, dir)
	seglen := hlen + payload

	if f.v6 {
		s, d, hops := f.client.v6, f.server6, f.ttl[0]
		if dir == 1 {
			s, d, hops = d, s, f.ttl[1]
		}
		ipv6(b[ipOff:], s, d, protoTCP, seglen, hops, f.label)
	} else {
		s, d := f.client.v4, f.server4
		if dir == 1 {
			s, d = d, s
		}
		ipv4(b[ipOff:], s, d, protoTCP, seglen, f.ipID[dir], f.ttl[dir], true)
		f.ipID[dir]++
	}
	be.PutUint16(t[16:], l4Checksum(b[ipOff:], f.v6, protoTCP, t[:seglen]))

	f.seq[dir] += uint32(payload)
	if flags&(tcpSYN|tcpFIN) != 0 {
		f.seq[dir]++
	}
	return off + seglen
}

func appendTS(opts []byte, kind byte, val, ecr uint32) []byte {
	return append(opts, kind, 10,
		byte(val>>24), byte(val>>16), byte(val>>8), byte(val),
		byte(ecr>>24), byte(ecr>>16), byte(ecr>>8), byte(ecr))
}

// payload fills a segment's data: random bytes, except that the first
// data of each side of a port-80 conversation is an HTTP request or
// response head.
func (g *Generator) payload(data []byte, f *tcpFlow, dir int) {
	g.fill(data)
	if f.sport != 80 || len(data) == 0 || f.httpSent[dir] {
		return
	}
	f.httpSent[dir] = true
	var head string
	if dir == 0 {
		head = fmt.Sprintf("GET /static/%d/app-%x.js HTTP/1.1\r\nHost: www.example%d.com\r\nAccept: */*\r\n\r\n",
			g.rng.IntN(1000), g.rng.Uint32(), g.rng.IntN(500))
	} else {
		head = fmt.Sprintf("HTTP/1.1 200 OK\r\nContent-Type: application/javascript\r\nContent-Length: %d\r\n\r\n",
			1000+g.rng.IntN(900000))
	}
	copy(data, head)
}
