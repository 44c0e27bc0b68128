package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// The parse.Builder methods. Each runs one generator function and turns a
// bailout into the error it returns.

var _ parse.Builder = (*gen)(nil)

func (g *gen) Finish(e parse.Expr) (err error) {
	defer catch(&err)
	g.finish(e.(*frag))
	return nil
}

func (g *gen) Empty() error { return nil }

func (g *gen) And(a, b parse.Expr) parse.Expr { return g.and(a.(*frag), b.(*frag)) }
func (g *gen) Or(a, b parse.Expr) parse.Expr  { return g.or(a.(*frag), b.(*frag)) }
func (g *gen) Not(a parse.Expr) parse.Expr    { return g.not(a.(*frag)) }

// try runs a generator function that yields a fragment.
func try(fn func() *frag) (e parse.Expr, err error) {
	defer catch(&err)
	return fn(), nil
}

// tryArith runs a generator function that yields an arithmetic value.
func tryArith(fn func() *arth) (a parse.Arith, err error) {
	defer catch(&err)
	return fn(), nil
}

func (g *gen) SCode(name string, q parse.Qual) (parse.Expr, error) {
	return try(func() *frag { return g.scode(name, q) })
}
func (g *gen) NCode(text string, v uint32, q parse.Qual) (parse.Expr, error) {
	return try(func() *frag { return g.ncode(text, v, q) })
}
func (g *gen) MCode(addr, mask string, masklen uint32, q parse.Qual) (parse.Expr, error) {
	return try(func() *frag { return g.mcode(addr, mask, masklen, q) })
}
func (g *gen) MCode6(addr string, masklen uint32, q parse.Qual) (parse.Expr, error) {
	return try(func() *frag { return g.mcode6(addr, masklen, q) })
}
func (g *gen) ECode(mac string, q parse.Qual) (parse.Expr, error) {
	return try(func() *frag { return g.ecode(mac, q) })
}
func (g *gen) ACode(s string, q parse.Qual) (parse.Expr, error) {
	return try(func() *frag { return g.acode(s, q) })
}
func (g *gen) ProtoAbbrev(proto uint8) (parse.Expr, error) {
	return try(func() *frag { return g.protoAbbrev(proto) })
}
func (g *gen) Relation(op uint8, a, b parse.Arith, reversed bool) (parse.Expr, error) {
	return try(func() *frag { return g.relation(op, a.(*arth), b.(*arth), reversed) })
}
func (g *gen) Broadcast(proto uint8) (parse.Expr, error) {
	return try(func() *frag { return g.broadcast(proto) })
}
func (g *gen) Multicast(proto uint8) (parse.Expr, error) {
	return try(func() *frag { return g.multicast(proto) })
}
func (g *gen) Less(n uint32) (parse.Expr, error) {
	return try(func() *frag { return g.less(n) })
}
func (g *gen) Greater(n uint32) (parse.Expr, error) {
	return try(func() *frag { return g.greater(n) })
}
func (g *gen) ByteOp(op byte, idx, val uint32) (parse.Expr, error) {
	return try(func() *frag { return g.byteOp(op, idx, val) })
}
func (g *gen) InOut(outbound bool) (parse.Expr, error) {
	return try(func() *frag { return g.inOut(outbound) })
}
func (g *gen) IfIndex(n uint32) (parse.Expr, error) {
	return try(func() *frag { return g.ifIndex(n) })
}
func (g *gen) VLAN(n uint32, has bool) (parse.Expr, error) {
	return try(func() *frag { return g.vlan(n, has) })
}
func (g *gen) MPLS(n uint32, has bool) (parse.Expr, error) {
	return try(func() *frag { return g.mpls(n, has) })
}
func (g *gen) PPPoED() (parse.Expr, error) { return try(g.pppoed) }
func (g *gen) PPPoES(n uint32, has bool) (parse.Expr, error) {
	return try(func() *frag { return g.pppoes(n, has) })
}
func (g *gen) Geneve(vni uint32, has bool) (parse.Expr, error) {
	return try(func() *frag { return g.geneve(vni, has) })
}
func (g *gen) VXLAN(vni uint32, has bool) (parse.Expr, error) {
	return try(func() *frag { return g.vxlan(vni, has) })
}
func (g *gen) PfIfname(name string) (parse.Expr, error) {
	return try(func() *frag { return g.pfIfname(name) })
}
func (g *gen) PfRuleset(name string) (parse.Expr, error) {
	return try(func() *frag { return g.pfRuleset(name) })
}
func (g *gen) PfRnr(n uint32) (parse.Expr, error)  { return try(func() *frag { return g.pfRnr(n) }) }
func (g *gen) PfSrnr(n uint32) (parse.Expr, error) { return try(func() *frag { return g.pfSrnr(n) }) }
func (g *gen) PfReason(n uint32) (parse.Expr, error) {
	return try(func() *frag { return g.pfReason(n) })
}
func (g *gen) PfAction(n uint32) (parse.Expr, error) {
	return try(func() *frag { return g.pfAction(n) })
}
func (g *gen) P80211Type(v, mask uint32) (parse.Expr, error) {
	return try(func() *frag { return g.p80211Type(v, mask) })
}
func (g *gen) P80211Dir(v uint32) (parse.Expr, error) {
	return try(func() *frag { return g.p80211Dir(v) })
}
func (g *gen) LLC() (parse.Expr, error)  { return try(g.llc) }
func (g *gen) LLCI() (parse.Expr, error) { return try(g.llcI) }
func (g *gen) LLCS() (parse.Expr, error) { return try(g.llcS) }
func (g *gen) LLCU() (parse.Expr, error) { return try(g.llcU) }
func (g *gen) LLCSSubtype(v uint32) (parse.Expr, error) {
	return try(func() *frag { return g.llcSSubtype(v) })
}
func (g *gen) LLCUSubtype(v uint32) (parse.Expr, error) {
	return try(func() *frag { return g.llcUSubtype(v) })
}
func (g *gen) AtmType(t int) (parse.Expr, error) {
	return try(func() *frag { return g.atmTypeAbbrev(t) })
}
func (g *gen) AtmMulti(t int) (parse.Expr, error) {
	return try(func() *frag { return g.atmMultiAbbrev(t) })
}
func (g *gen) AtmField(field int, v uint32, op uint8, reversed bool) (parse.Expr, error) {
	return try(func() *frag { return g.atmFieldCode(field, v, op, reversed) })
}
func (g *gen) Mtp2Type(t int) (parse.Expr, error) {
	return try(func() *frag { return g.mtp2TypeAbbrev(t) })
}
func (g *gen) Mtp3Field(field int, v uint32, op uint8, reversed bool) (parse.Expr, error) {
	return try(func() *frag { return g.mtp3FieldCode(field, v, op, reversed) })
}
func (g *gen) LoadI(v uint32) (parse.Arith, error) {
	return tryArith(func() *arth { return g.loadI(v) })
}
func (g *gen) Load(proto uint8, index parse.Arith, size uint32) (parse.Arith, error) {
	return tryArith(func() *arth { return g.load(proto, index.(*arth), size) })
}
func (g *gen) Arith(op uint8, a, b parse.Arith) (parse.Arith, error) {
	return tryArith(func() *arth { return g.arith(op, a.(*arth), b.(*arth)) })
}
func (g *gen) Neg(a parse.Arith) (parse.Arith, error) {
	return tryArith(func() *arth { return g.neg(a.(*arth)) })
}
func (g *gen) LoadLen() (parse.Arith, error) { return tryArith(g.loadLen) }
