package gen

// Stubs owned by the arithmetic / encapsulation / Linux-extension family.

func (g *gen) inOut(outbound bool) *frag                      { g.unsupported("inbound/outbound"); return nil }
func (g *gen) ifIndex(n uint32) *frag                         { g.unsupported("ifindex"); return nil }
func (g *gen) vlan(n uint32, has bool) *frag                  { g.unsupported("vlan"); return nil }
func (g *gen) mpls(n uint32, has bool) *frag                  { g.unsupported("mpls"); return nil }
func (g *gen) pppoed() *frag                                  { g.unsupported("pppoed"); return nil }
func (g *gen) pppoes(n uint32, has bool) *frag                { g.unsupported("pppoes"); return nil }
func (g *gen) geneve(vni uint32, has bool) *frag              { g.unsupported("geneve"); return nil }
func (g *gen) vxlan(vni uint32, has bool) *frag               { g.unsupported("vxlan"); return nil }
