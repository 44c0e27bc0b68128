package gen

import "github.com/gocapdump/gocapdump/compiler/internal/parse"

// Stubs owned by the address family (hosts, nets, ports, protocols).

func (g *gen) scode(name string, q parse.Qual) *frag { g.unsupported("name"); return nil }
func (g *gen) ncode(text string, v uint32, q parse.Qual) *frag {
	g.unsupported("number or address")
	return nil
}
func (g *gen) mcode(addr, mask string, masklen uint32, q parse.Qual) *frag {
	g.unsupported("network")
	return nil
}
func (g *gen) mcode6(addr string, masklen uint32, q parse.Qual) *frag {
	g.unsupported("IPv6 address")
	return nil
}
func (g *gen) ecode(mac string, q parse.Qual) *frag { g.unsupported("MAC address"); return nil }
func (g *gen) acode(s string, q parse.Qual) *frag   { g.unsupported("ARCnet address"); return nil }

// Resolver is what the generator asks to turn names into addresses,
// ports and protocol numbers.
type Resolver interface{}
