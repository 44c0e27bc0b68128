package gen

import "github.com/gocapdump/gocapdump/compiler/internal/parse"

// Stubs owned by the link-layer family; each is replaced by the real
// generator as it is written. An unimplemented primitive fails cleanly.

func (g *gen) protoAbbrev(proto uint8) *frag         { g.unsupported("protocol abbreviation"); return nil }
func (g *gen) broadcast(proto uint8) *frag           { g.unsupported("broadcast"); return nil }
func (g *gen) multicast(proto uint8) *frag           { g.unsupported("multicast"); return nil }
func (g *gen) less(n uint32) *frag                   { g.unsupported("less"); return nil }
func (g *gen) greater(n uint32) *frag                { g.unsupported("greater"); return nil }
func (g *gen) byteOp(op byte, idx, val uint32) *frag { g.unsupported("byte"); return nil }
func (g *gen) llc() *frag                            { g.unsupported("llc"); return nil }
func (g *gen) llcI() *frag                           { g.unsupported("llc i"); return nil }
func (g *gen) llcS() *frag                           { g.unsupported("llc s"); return nil }
func (g *gen) llcU() *frag                           { g.unsupported("llc u"); return nil }
func (g *gen) llcSSubtype(v uint32) *frag            { g.unsupported("llc subtype"); return nil }
func (g *gen) llcUSubtype(v uint32) *frag            { g.unsupported("llc subtype"); return nil }

// linkType tests the link-layer protocol (gen_linktype).
func (g *gen) linkType(llProto uint32) *frag { g.unsupported("link-layer type test"); return nil }

var _ = parse.Qual{}
