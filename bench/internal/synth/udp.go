package synth

import "strconv"

// DNS record types and the EDNS0 pseudo-record.
const (
	typeA     = 1
	typeCNAME = 5
	typeAAAA  = 28
	typeOPT   = 41
)

// Parts of the host names looked up; combined they give thousands of
// distinct names.
var (
	nameLabels  = []string{"www", "api", "cdn", "static", "img", "mail", "login", "update", "telemetry", "assets", "edge", "m", "auth", "video", "ads", "news", "shop", "docs", "git", "push"}
	nameDomains = []string{"example", "contoso", "fabrikam", "acme", "globex", "initech", "umbrella", "hooli", "wayne", "stark", "cyberdyne", "tyrell", "aperture", "blackmesa", "piedpiper"}
	nameTLDs    = [][]string{{"com"}, {"net"}, {"org"}, {"io"}, {"de"}, {"co", "uk"}}
)

// dnsNames is the number of distinct names queried.
const dnsNames = 6000

type dnsQuery struct {
	v6       bool
	client   *host
	resolver int
	port     uint16
	id       uint16
	qtype    uint16
	name     int
	edns     bool
}

// name returns the labels of host name i, the same every time.
func name(i int) []string {
	l := nameLabels[i%len(nameLabels)]
	d := nameDomains[(i/len(nameLabels))%len(nameDomains)]
	n := i / (len(nameLabels) * len(nameDomains))
	labels := []string{l}
	if n%3 == 1 {
		labels = append(labels, "eu-west-"+string(rune('1'+n%9)))
	}
	if n > 0 {
		d += strconv.Itoa(n)
	}
	labels = append(labels, d)
	return append(labels, nameTLDs[(i/7)%len(nameTLDs)]...)
}

// appendName appends labels in DNS wire form.
func appendName(b []byte, labels []string) []byte {
	for _, l := range labels {
		b = append(b, byte(len(l)))
		b = append(b, l...)
	}
	return append(b, 0)
}

// dnsMessage sends a new query, or the answer to one still pending.
func (g *Generator) dnsMessage(b []byte) int {
	if n := len(g.dns); n > 0 && (n > 64 || g.rng.IntN(2) == 0) {
		// Answers come back roughly in order, not strictly.
		i := g.rng.IntN(min(n, 4))
		q := g.dns[i]
		g.dns = append(g.dns[:i], g.dns[i+1:]...)
		return g.dnsAnswer(b, q)
	}
	q := dnsQuery{
		v6:     g.rng.IntN(100) < 25,
		client: g.localHost(),
		port:   g.ephemeralPort(),
		id:     uint16(g.rng.Uint32()),
		qtype:  typeA,
		name:   g.skewed(dnsNames),
		edns:   g.rng.IntN(2) == 0,
	}
	if g.rng.IntN(100) < 35 {
		q.qtype = typeAAAA
	}
	if q.v6 {
		q.resolver = g.rng.IntN(len(g.pool.resolver6))
	} else {
		q.resolver = g.rng.IntN(len(g.pool.resolver4))
	}
	g.dns = append(g.dns, q)

	var scratch [512]byte // the message is built here, then copied behind the headers
	msg := scratch[:0]
	msg = g.dnsHeader(msg, q.id, 0x0100, 1, 0, q.edns)
	msg = appendName(msg, name(q.name))
	msg = append(msg, byte(q.qtype>>8), byte(q.qtype), 0, 1)
	if q.edns {
		msg = appendOPT(msg)
	}
	return g.udpFrame(b, q.v6, q.client, q.resolver, q.port, 53, msg, false)
}

func (g *Generator) dnsHeader(b []byte, id, flags, qd, an uint16, edns bool) []byte {
	ar := uint16(0)
	if edns {
		ar = 1
	}
	return append(b, byte(id>>8), byte(id), byte(flags>>8), byte(flags),
		byte(qd>>8), byte(qd), byte(an>>8), byte(an), 0, 0, byte(ar>>8), byte(ar))
}

// appendOPT appends an EDNS0 OPT record advertising a 1232-byte buffer.
func appendOPT(b []byte) []byte {
	return append(b, 0, 0, typeOPT, 0x04, 0xd0, 0, 0, 0, 0, 0, 0)
}

// dnsAnswer answers q: sometimes NXDOMAIN, otherwise an optional CNAME to
// a CDN name and one to four addresses, names compressed with pointers.
func (g *Generator) dnsAnswer(b []byte, q dnsQuery) int {
	var scratch [512]byte
	msg := scratch[:0]
	flags := uint16(0x8180)
	nx := g.rng.IntN(100) < 5
	if nx {
		flags = 0x8183
	}
	cname := !nx && g.rng.IntN(100) < 35
	addrs := 0
	if !nx {
		addrs = 1 + g.rng.IntN(4)
	}
	an := uint16(addrs)
	if cname {
		an++
	}
	msg = g.dnsHeader(msg, q.id, flags, 1, an, q.edns)
	msg = appendName(msg, name(q.name))
	msg = append(msg, byte(q.qtype>>8), byte(q.qtype), 0, 1)
	owner := 12 // the question name
	if cname {
		msg = append(msg, 0xc0, 12, 0, typeCNAME, 0, 1)
		msg = appendTTL(msg, uint32(60+g.rng.IntN(3600)))
		target := []string{"e" + strconv.Itoa(g.rng.IntN(9000)), "dsc", "akamaiedge", "net"}
		rd := appendName(nil, target)
		msg = append(msg, byte(len(rd)>>8), byte(len(rd)))
		owner = len(msg)
		msg = append(msg, rd...)
	}
	for i := 0; i < addrs; i++ {
		msg = append(msg, 0xc0|byte(owner>>8), byte(owner), byte(q.qtype>>8), byte(q.qtype), 0, 1)
		msg = appendTTL(msg, uint32(20+g.rng.IntN(300)))
		if q.qtype == typeAAAA {
			a := g.remote6()
			msg = append(msg, 0, 16)
			msg = append(msg, a[:]...)
		} else {
			a := g.remote4()
			msg = append(msg, 0, 4)
			msg = append(msg, a[:]...)
		}
	}
	if q.edns {
		msg = appendOPT(msg)
	}
	return g.udpFrame(b, q.v6, q.client, q.resolver, q.port, 53, msg, true)
}

func appendTTL(b []byte, ttl uint32) []byte {
	return append(b, byte(ttl>>24), byte(ttl>>16), byte(ttl>>8), byte(ttl))
}

// udpFrame writes a UDP datagram between a local client port and a
// server (resolver index, or -1 for a random remote host) in either
// direction, with payload msg.
func (g *Generator) udpFrame(b []byte, v6 bool, client *host, resolver int, cport, sport uint16, msg []byte, fromServer bool) int {
	src, dst := client.mac, g.pool.gateway.mac
	if fromServer {
		src, dst = dst, src
	}
	etype := uint16(etherIPv4)
	if v6 {
		etype = etherIPv6
	}
	off := ether(b, dst, src, etype)
	ipOff := off
	if v6 {
		off += 40
	} else {
		off += 20
	}
	u := b[off:]
	sp, dp := cport, sport
	if fromServer {
		sp, dp = dp, sp
	}
	be.PutUint16(u[0:], sp)
	be.PutUint16(u[2:], dp)
	be.PutUint16(u[4:], uint16(8+len(msg)))
	be.PutUint16(u[6:], 0)
	copy(u[8:], msg)
	ulen := 8 + len(msg)
	if v6 {
		var server ip6
		if resolver >= 0 {
			server = g.pool.resolver6[resolver]
		} else {
			server = g.remote6()
		}
		s, d := client.v6, server
		if fromServer {
			s, d = d, s
		}
		ipv6(b[ipOff:], s, d, protoUDP, ulen, 64, 0)
	} else {
		var server ip4
		if resolver >= 0 {
			server = g.pool.resolver4[resolver]
		} else {
			server = g.remote4()
		}
		s, d := client.v4, server
		if fromServer {
			s, d = d, s
		}
		ipv4(b[ipOff:], s, d, protoUDP, ulen, uint16(g.rng.Uint32()), 64, false)
	}
	be.PutUint16(u[6:], l4Checksum(b[ipOff:], v6, protoUDP, u[:ulen]))
	return off + ulen
}

// otherUDPPorts are media, gaming and VPN services that tcpdump prints as
// plain "UDP, length N".
var otherUDPPorts = []uint16{3478, 19302, 27015, 10001, 5004, 51821}

// otherUDP sends a datagram of random payload to or from a remote host.
func (g *Generator) otherUDP(b []byte) int {
	v6 := g.rng.IntN(100) < 30
	n := 20 + g.rng.IntN(1100)
	if v6 {
		n = min(n, mtu-48)
	}
	var scratch [mtu]byte
	msg := scratch[:n]
	g.fill(msg)
	sport := otherUDPPorts[g.rng.IntN(len(otherUDPPorts))]
	cport := uint16(32768 + g.rng.IntN(28232))
	return g.udpFrame(b, v6, g.localHost(), -1, cport, sport, msg, g.rng.IntN(2) == 0)
}
