package gen

import (
	"context"
	"net/netip"

	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
)

// Resolver is what the generator asks to turn names into addresses,
// ports and protocol numbers. *names.Resolver satisfies it; tests may
// point one at their own files.
type Resolver interface {
	// LookupHost returns the IPv4 and IPv6 addresses of a host name.
	LookupHost(ctx context.Context, name string) ([]netip.Addr, error)
	// LookupEthers returns the MAC address of a host in the ethers file.
	LookupEthers(name string) (names.MAC, error)
	// LookupNetwork returns a network's number, host order, from the
	// networks file.
	LookupNetwork(name string) (uint32, error)
	// LookupService returns the port of a service for one protocol
	// ("tcp", "udp").
	LookupService(name, proto string) (uint16, error)
	// LookupProtocol returns the number of an IP protocol name.
	LookupProtocol(name string) (int, error)
}

var _ Resolver = (*names.Resolver)(nil)

// resolver returns the configured name resolver, or one over the system
// files when none was configured. It is created on first use so that
// expressions without names never touch the files.
func (g *gen) resolver() Resolver {
	if g.cfg.Names == nil {
		g.cfg.Names = &names.Resolver{}
	}
	return g.cfg.Names
}

// protoUndef is libpcap's PROTO_UNDEF: a port that may be TCP, UDP or SCTP.
const protoUndef = -1

// lookupPort resolves a service name as pcap_nametoport does: the TCP
// entry wins; the protocol is "either" when UDP has the same number.
// found is false when neither protocol knows the name.
func (g *gen) lookupPort(name string) (port int, proto int, found bool) {
	r := g.resolver()
	tcp, errT := r.LookupService(name, "tcp")
	udp, errU := r.LookupService(name, "udp")
	switch {
	case errT == nil:
		if errU == nil && udp == tcp {
			return int(tcp), protoUndef, true
		}
		return int(tcp), ipnTCP, true
	case errU == nil:
		return int(udp), ipnUDP, true
	}
	return 0, 0, false
}

// numberResult is the outcome of parseNumber, libpcap's stoulen.
type numberResult int

const (
	numberOK numberResult = iota
	numberNotNumber
	numberOverflow
)

// parseNumber reads a C-style unsigned number (decimal, 0-prefixed octal,
// 0x-prefixed hex) that must fit 32 bits, as the lexer does. A string that
// is not a number of its apparent base is not an error: the caller may
// look it up as a name. Overflow is an error, reported with libpcap's
// text in msg.
func parseNumber(s string) (v uint32, res numberResult, msg string) {
	overflow := func(base string) (uint32, numberResult, string) {
		return 0, numberOverflow, base + " number " + s + " overflows 32 bits"
	}
	switch {
	case len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'):
		for i := 2; i < len(s); i++ {
			d, ok := hexVal(s[i])
			if !ok {
				return 0, numberNotNumber, ""
			}
			if v > 0x0fffffff {
				return overflow("hexadecimal")
			}
			v = v<<4 + uint32(d)
		}
	case len(s) >= 1 && s[0] == '0':
		for i := 1; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '7' {
				return 0, numberNotNumber, ""
			}
			if v > 0o3777777777 {
				return overflow("octal")
			}
			v = v<<3 + uint32(c-'0')
		}
	default:
		for i := 0; i < len(s); i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, numberNotNumber, ""
			}
			d := uint32(c - '0')
			if v > 0xffffffff/10 || (v == 0xffffffff/10 && d > 0xffffffff%10) {
				return overflow("decimal")
			}
			v = v*10 + d
		}
	}
	return v, numberOK, ""
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// stringToPort turns one end of a port range into a port: a number, or
// else a service name (libpcap's stringtoport).
func (g *gen) stringToPort(s string) (uint32, int) {
	v, res, msg := parseNumber(s)
	switch res {
	case numberOK:
		return v, protoUndef
	case numberOverflow:
		g.fail("%s", msg)
	}
	port, proto, found := g.lookupPort(s)
	if !found {
		g.fail("'%s' is not a valid port", s)
	}
	return uint32(port), proto
}

// stringToPortRange splits "a-b" and converts both ends (libpcap's
// stringtoportrange). The protocol is "either" unless both ends agree.
func (g *gen) stringToPortRange(s string) (p1, p2 uint32, proto int) {
	i := indexByte(s, '-')
	if i < 0 {
		g.fail("port range '%s' contains no hyphen", s)
	}
	if indexByte(s[i+1:], '-') >= 0 {
		g.fail("port range '%s' contains more than one hyphen", s)
	}
	if i == 0 {
		g.fail("port range '%s' has no starting port", s)
	}
	p1, proto = g.stringToPort(s[:i])
	first := proto
	if i+1 == len(s) {
		g.fail("port range '%s' has no ending port", s)
	}
	p2, proto = g.stringToPort(s[i+1:])
	if proto != first {
		proto = protoUndef
	}
	return p1, p2, proto
}

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// lookupProto turns a protocol name under "proto" or "protochain" into
// its number (libpcap's lookup_proto). Which table is used depends on the
// protocol qualifier; the qualifier itself is checked later by the caller.
func (g *gen) lookupProto(name string, q parse.Qual) uint32 {
	v := -1
	switch q.Proto {
	case parse.ProtoDefault, parse.ProtoIP, parse.ProtoIPv6:
		n, err := g.resolver().LookupProtocol(name)
		if err == nil {
			v = n
		}
	case parse.ProtoLink:
		if et, ok := names.EtherProto(name); ok {
			v = int(et)
		} else if sap, ok := names.LLCSAP(name); ok {
			v = int(sap)
		}
	case parse.ProtoISO:
		switch name {
		case "esis":
			v = nlpidESIS
		case "isis":
			v = nlpidISIS
		case "clnp":
			v = nlpidCLNP
		}
	}
	if v >= 0 {
		return uint32(v)
	}
	if q.Proto == parse.ProtoDefault {
		g.fail("unknown '%s' value '%s'", addrQualKw(q.Addr), name)
	}
	g.fail("unknown '%s %s' value '%s'", protoQualKw(q.Proto), addrQualKw(q.Addr), name)
	return 0
}

// hostAddrs resolves a host name; ok is false when it has no address.
func (g *gen) hostAddrs(name string) ([]netip.Addr, bool) {
	addrs, err := g.resolver().LookupHost(context.Background(), name)
	if err != nil || len(addrs) == 0 {
		return nil, false
	}
	return addrs, true
}
