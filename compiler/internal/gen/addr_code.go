package gen

import (
	"fmt"
	"net/netip"

	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
)

// The identifiers a qualifier applies to: names, numbers, IPv4 and IPv6
// addresses and prefixes, MAC-48 and MAC-8 addresses.

func (g *gen) syntaxError() {
	g.fail("syntax error in filter expression")
}

// scode compiles a name under its qualifiers (gen_scode): a host, network,
// service, port range, protocol or gateway name.
func (g *gen) scode(name string, q parse.Qual) *frag {
	if q.Proto == parse.ProtoDECnet {
		// DECnet node names are not supported.
		addr := q.Addr
		if addr == parse.AddrDefault {
			addr = parse.AddrHost
		}
		g.failInvalidQual("decnet", addrQualKw(addr))
	}
	switch q.Addr {
	case parse.AddrNet:
		addr, err := g.resolver().LookupNetwork(name)
		if err != nil || addr == 0 {
			g.fail("unknown network '%s'", name)
		}
		// A network number is right-justified: "10" is 10.0.0.0/8.
		mask := uint32(0xffffffff)
		for addr != 0 && addr&0xff000000 == 0 {
			addr <<= 8
			mask <<= 8
		}
		return g.host([]uint32{addr}, []uint32{mask}, q.Proto, q.Dir, false, "net <IPv4 network name>")

	case parse.AddrDefault, parse.AddrHost:
		if q.Proto == parse.ProtoLink {
			return g.mac48HostByName(name, q.Dir, "link host NAME")
		}
		return g.hostByName(name, q.Proto, q.Proto, q.Dir, false)

	case parse.AddrPort:
		g.portProtoOf(q.Proto, "port") // validates the qualifier
		port, real, found := g.lookupPort(name)
		if !found {
			g.fail("unknown port '%s'", name)
		}
		real = g.checkPortProto(q.Proto, real, "port '%s' is %s", name)
		b := g.port(uint16(port), real, q.Dir, q.Addr)
		b6 := g.port6(uint16(port), real, q.Dir, q.Addr)
		return g.or(b6, b)

	case parse.AddrPortrange:
		g.portProtoOf(q.Proto, "portrange")
		p1, p2, real := g.stringToPortRange(name)
		real = g.checkPortProto(q.Proto, real, "port in range '%s' is %s", name)
		g.assertMax("port number", p1, 0xffff)
		g.assertMax("port number", p2, 0xffff)
		b := g.portRange(uint16(p1), uint16(p2), real, q.Dir)
		b6 := g.portRange6(uint16(p1), uint16(p2), real, q.Dir)
		return g.or(b6, b)

	case parse.AddrGateway:
		return g.gateway(name, q.Proto)

	case parse.AddrProto:
		return g.proto(g.lookupProto(name, q), q.Proto)

	case parse.AddrProtochain:
		return g.protochain(g.lookupProto(name, q), q.Proto)

	case qualUndef:
		g.syntaxError()
	}
	g.failInvalidQual(addrQualKw(q.Addr), name)
	return nil
}

var portProtoNames = map[int]string{ipnTCP: "tcp", ipnUDP: "udp", ipnSCTP: "sctp"}

// checkPortProto reconciles the protocol a service name belongs to with
// the one the user asked for: "udp port NAME" fails when NAME is a TCP
// service only, and a name both use takes the asked-for protocol.
func (g *gen) checkPortProto(qproto uint8, real int, format, name string) int {
	var want int
	switch qproto {
	case parse.ProtoUDP:
		want = ipnUDP
	case parse.ProtoTCP:
		want = ipnTCP
	case parse.ProtoSCTP:
		want = ipnSCTP
	default:
		return real
	}
	if real != protoUndef && real != want {
		g.fail(format, name, portProtoNames[real])
	}
	return want
}

// ncode compiles a number (text "") or a dotted IPv4 address of one to
// four parts (text set) under its qualifiers (gen_ncode).
func (g *gen) ncode(text string, v uint32, q parse.Qual) *frag {
	if q.Proto == parse.ProtoDECnet {
		return g.dnHost(text, v, q)
	}
	var vlen int
	var idstr string
	if text == "" {
		vlen = 32
		idstr = fmt.Sprint(v)
	} else {
		var err error
		v, vlen, err = names.ParseIPv4(text)
		if err != nil {
			g.fail("invalid IPv4 address '%s'", text)
		}
		idstr = text
	}

	switch q.Addr {
	case parse.AddrDefault, parse.AddrHost, parse.AddrNet:
		if q.Proto == parse.ProtoLink {
			g.fail("illegal link-layer address '%s'", idstr)
		}
		mask := uint32(0xffffffff)
		if text == "" && q.Addr == parse.AddrNet {
			// "net 10" is 10.0.0.0/8.
			for v != 0 && v&0xff000000 == 0 {
				v <<= 8
				mask <<= 8
			}
		} else {
			// "host 10.1" is 10.1.0.0 and "net 10.1" 10.1.0.0/16.
			v = shiftLeft32(v, 32-vlen)
			mask = shiftLeft32(mask, 32-vlen)
		}
		context := "host <IPv4 address>"
		if q.Addr == parse.AddrNet {
			context = "net <IPv4 address>"
		}
		return g.host([]uint32{v}, []uint32{mask}, q.Proto, q.Dir, false, context)

	case parse.AddrPortrange, parse.AddrPort:
		// "portrange N" is "port N".
		proto := g.portProtoOf(q.Proto, addrQualKw(q.Addr))
		g.assertMax("port number", v, 0xffff)
		b := g.port(uint16(v), proto, q.Dir, q.Addr)
		b6 := g.port6(uint16(v), proto, q.Dir, q.Addr)
		return g.or(b6, b)

	case parse.AddrProto:
		return g.proto(v, q.Proto)

	case parse.AddrProtochain:
		return g.protochain(v, q.Proto)

	case qualUndef:
		g.syntaxError()
	}
	g.failInvalidQual(addrQualKw(q.Addr), idstr)
	return nil
}

// shiftLeft32 shifts as the C code relies on: by 0 to 31 bits, anything
// else giving 0.
func shiftLeft32(v uint32, n int) uint32 {
	if n < 0 || n >= 32 {
		return 0
	}
	return v << uint(n)
}

// mcode compiles an IPv4 network with a prefix length ("10.1/16", mask
// "") or a netmask ("10.1 mask 255.255.0.0") (gen_mcode).
func (g *gen) mcode(s1, s2 string, masklen uint32, q parse.Qual) *frag {
	if q.Proto == parse.ProtoDECnet {
		addr := q.Addr
		if addr == parse.AddrDefault {
			addr = parse.AddrHost
		}
		g.failInvalidQual("decnet", addrQualKw(addr))
	}
	n, nlen, err := names.ParseIPv4(s1)
	if err != nil {
		g.fail("invalid IPv4 address '%s'", s1)
	}
	n = shiftLeft32(n, 32-nlen)

	var m uint32
	var idstr string
	if s2 != "" {
		var mlen int
		m, mlen, err = names.ParseIPv4(s2)
		if err != nil {
			g.fail("invalid IPv4 address '%s'", s2)
		}
		m = shiftLeft32(m, 32-mlen)
		idstr = s1 + " mask " + s2
	} else {
		g.assertMax("netmask length", masklen, 32)
		m = uint32(uint64(0xffffffff) << (32 - masklen))
		idstr = fmt.Sprintf("%s/%d", s1, masklen)
	}
	if n&^m != 0 {
		g.fail("non-network bits set in \"%s\"", idstr)
	}
	if q.Addr == parse.AddrNet {
		return g.host([]uint32{n}, []uint32{m}, q.Proto, q.Dir, false, "net <IPv4 prefix>")
	}
	g.failInvalidQual(addrQualKw(q.Addr), idstr)
	return nil
}

// mcode6 compiles an IPv6 address or prefix; masklen is 128 when no
// prefix length was given (gen_mcode6).
func (g *gen) mcode6(s string, masklen uint32, q parse.Qual) *frag {
	a, err := netip.ParseAddr(s)
	if err != nil || a.Zone() != "" {
		g.fail("'%s' is not a valid IPv6 address", s)
	}
	if masklen > 128 {
		g.fail("mask length must be <= 128")
	}
	addr := a.As16()
	var mask [16]byte
	for i := uint32(0); i < masklen/8; i++ {
		mask[i] = 0xff
	}
	if masklen%8 != 0 {
		mask[masklen/8] = byte(0xff << (8 - masklen%8))
	}
	for i := range addr {
		if addr[i]&^mask[i] != 0 {
			g.fail("non-network bits set in \"%s/%d\"", s, masklen)
		}
	}
	withLen := fmt.Sprintf("%s/%d", s, masklen)
	switch q.Addr {
	case parse.AddrDefault, parse.AddrHost:
		if masklen != 128 {
			g.failInvalidQual("host", withLen)
		}
		fallthrough
	case parse.AddrNet:
		context := "net <IPv6 prefix>"
		if q.Addr == parse.AddrHost {
			context = "host <IPv6 address>"
		}
		return g.host6([][16]byte{addr}, [][16]byte{mask}, q.Proto, q.Dir, false, context)
	}
	if masklen == 128 {
		g.failInvalidQual(addrQualKw(q.Addr), s)
	}
	g.failInvalidQual(addrQualKw(q.Addr), withLen)
	return nil
}

// ecode compiles a MAC-48 address; only "ether host" takes one
// (gen_ecode).
func (g *gen) ecode(s string, q parse.Qual) *frag {
	const context = "link host XX:XX:XX:XX:XX:XX"
	if !((q.Addr == parse.AddrHost || q.Addr == parse.AddrDefault) && q.Proto == parse.ProtoLink) {
		g.fail("Ethernet address used in non-ether expression")
	}
	if !isMAC48LinkType(g.lay.linkType) {
		g.failKeywordOnDLT(context)
	}
	mac, err := names.ParseMAC(s)
	if err != nil {
		g.fail("invalid MAC-48 address '%s'", s)
	}
	return g.mac48Host(mac, q.Dir, context)
}

// acode compiles a MAC-8 address "$XX", for ARCnet and MS/TP (gen_acode).
func (g *gen) acode(s string, q parse.Qual) *frag {
	g.assertNonWLANDir(q.Dir)
	if q.Addr != parse.AddrHost && q.Addr != parse.AddrDefault {
		g.failInvalidQual(addrQualKw(q.Addr), "$XX")
	}
	if q.Proto != parse.ProtoLink {
		g.fail("'link' is the only valid proto qualifier for 'host $XX'")
	}
	addr, err := names.ParseARCnet(s)
	if err != nil {
		g.fail("invalid MAC-8 address '%s'", s)
	}
	return g.mac8Host(addr, q.Dir, "link host $XX")
}
