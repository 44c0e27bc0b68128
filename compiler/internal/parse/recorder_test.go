package parse

import (
	"errors"
	"fmt"
	"strings"
)

// recorder is a Builder that logs every call, one line each, and hands
// out numbered handles ("#3") for the values it returns. Its log format
// is also what the differential test's libpcap harness prints, with the
// operators in BPF's encoding.
//
// With failing set it fails some calls on purpose, to test which Builder
// calls happen before a syntax error: SCode on names starting with "bad",
// ProtoAbbrev(carp), Load with size 3, any number argument 666, Arith on
// a LoadI(888) operand and Relation on a LoadI(777) operand.
type recorder struct {
	failing bool
	log     []string
	n       int
	vals    map[int]uint32 // LoadI handle -> value
}

type handle int

func (r *recorder) logf(format string, args ...any) {
	r.log = append(r.log, fmt.Sprintf(format, args...))
}

func (r *recorder) newHandle() handle {
	r.n++
	r.logf(" -> #%d", r.n)
	return handle(r.n)
}

func (r *recorder) String() string { return strings.Join(r.log, "\n") }

func h(x any) int { return int(x.(handle)) }

func qs(q Qual) string { return fmt.Sprintf("{%d %d %d}", q.Proto, q.Dir, q.Addr) }

// BPF encodings of the operators, as libpcap passes them.
var bpfArith = map[uint8]int{OpAdd: 0x00, OpSub: 0x10, OpMul: 0x20, OpDiv: 0x30, OpOr: 0x40,
	OpAnd: 0x50, OpLsh: 0x60, OpRsh: 0x70, OpMod: 0x90, OpXor: 0xa0}
var bpfRel = map[uint8]int{RelGT: 0x20, RelGE: 0x30, RelEQ: 0x10}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (r *recorder) Finish(e Expr) error { r.logf("Finish #%d", h(e)); return nil }
func (r *recorder) Empty() error        { return nil }

func (r *recorder) And(a, b Expr) Expr {
	r.n++
	r.logf("And #%d #%d -> #%d", h(a), h(b), r.n)
	return handle(r.n)
}

func (r *recorder) Or(a, b Expr) Expr {
	r.n++
	r.logf("Or #%d #%d -> #%d", h(a), h(b), r.n)
	return handle(r.n)
}

func (r *recorder) Not(a Expr) Expr { r.logf("Not #%d", h(a)); return a }

func (r *recorder) code(label, text string, q Qual, fail bool) (Expr, error) {
	r.logf("%s %s %s", label, text, qs(q))
	if fail && r.failing {
		return nil, fmt.Errorf("%s failed %s", label, text)
	}
	return r.newHandle(), nil
}

func (r *recorder) SCode(name string, q Qual) (Expr, error) {
	return r.code("SCode", name, q, strings.HasPrefix(name, "bad"))
}

func (r *recorder) NCode(text string, v uint32, q Qual) (Expr, error) {
	if text != "" {
		r.logf("NCode %s 0 %s", text, qs(q))
	} else {
		r.logf("NCode  %d %s", v, qs(q))
	}
	if v == 666 && r.failing {
		return nil, errors.New("NCode failed")
	}
	return r.newHandle(), nil
}

func (r *recorder) MCode(addr, mask string, masklen uint32, q Qual) (Expr, error) {
	r.logf("MCode %s %s %d %s", addr, mask, masklen, qs(q))
	return r.newHandle(), nil
}

func (r *recorder) MCode6(addr string, masklen uint32, q Qual) (Expr, error) {
	r.logf("MCode6 %s %d %s", addr, masklen, qs(q))
	return r.newHandle(), nil
}

func (r *recorder) ECode(mac string, q Qual) (Expr, error) { return r.code("ECode", mac, q, false) }
func (r *recorder) ACode(arcnet string, q Qual) (Expr, error) {
	return r.code("ACode", arcnet, q, false)
}

func (r *recorder) ProtoAbbrev(proto uint8) (Expr, error) {
	r.logf("ProtoAbbrev %d", proto)
	if proto == ProtoCARP && r.failing {
		return nil, errors.New("ProtoAbbrev failed")
	}
	return r.newHandle(), nil
}

func (r *recorder) Relation(op uint8, a, b Arith, reversed bool) (Expr, error) {
	r.logf("Relation %d #%d #%d %d", bpfRel[op], h(a), h(b), b2i(reversed))
	if r.failing && (r.vals[h(a)] == 777 || r.vals[h(b)] == 777) {
		return nil, errors.New("Relation failed")
	}
	return r.newHandle(), nil
}

// simple logs a call with one number argument, failing on 666.
func (r *recorder) simple(label string, v int64) (Expr, error) {
	r.logf("%s %d", label, v)
	if v == 666 && r.failing {
		return nil, errors.New(label + " failed")
	}
	return r.newHandle(), nil
}

func (r *recorder) Broadcast(proto uint8) (Expr, error) { return r.simple("Broadcast", int64(proto)) }
func (r *recorder) Multicast(proto uint8) (Expr, error) { return r.simple("Multicast", int64(proto)) }
func (r *recorder) Less(n uint32) (Expr, error)         { return r.simple("Less", int64(int32(n))) }
func (r *recorder) Greater(n uint32) (Expr, error)      { return r.simple("Greater", int64(int32(n))) }

func (r *recorder) ByteOp(op byte, idx, val uint32) (Expr, error) {
	r.logf("ByteOp %c %d %d", op, int32(idx), val)
	if val == 666 && r.failing {
		return nil, errors.New("ByteOp failed")
	}
	return r.newHandle(), nil
}

func (r *recorder) InOut(outbound bool) (Expr, error) { return r.simple("InOut", int64(b2i(outbound))) }
func (r *recorder) IfIndex(n uint32) (Expr, error)    { return r.simple("IfIndex", int64(int32(n))) }

func (r *recorder) opt(label string, n uint32, has bool) (Expr, error) {
	r.logf("%s %d %d", label, n, b2i(has))
	if n == 666 && r.failing {
		return nil, errors.New(label + " failed")
	}
	return r.newHandle(), nil
}

func (r *recorder) VLAN(n uint32, has bool) (Expr, error)   { return r.opt("VLAN", n, has) }
func (r *recorder) MPLS(n uint32, has bool) (Expr, error)   { return r.opt("MPLS", n, has) }
func (r *recorder) PPPoES(n uint32, has bool) (Expr, error) { return r.opt("PPPoES", n, has) }
func (r *recorder) Geneve(n uint32, has bool) (Expr, error) { return r.opt("Geneve", n, has) }
func (r *recorder) VXLAN(n uint32, has bool) (Expr, error)  { return r.opt("VXLAN", n, has) }

func (r *recorder) plain(label string) (Expr, error) { r.logf("%s", label); return r.newHandle(), nil }

func (r *recorder) PPPoED() (Expr, error) { return r.plain("PPPoED") }
func (r *recorder) LLC() (Expr, error)    { return r.plain("LLC") }
func (r *recorder) LLCI() (Expr, error)   { return r.plain("LLCI") }
func (r *recorder) LLCS() (Expr, error)   { return r.plain("LLCS") }
func (r *recorder) LLCU() (Expr, error)   { return r.plain("LLCU") }

func (r *recorder) PfIfname(name string) (Expr, error) {
	r.logf("PfIfname %s", name)
	return r.newHandle(), nil
}

func (r *recorder) PfRuleset(name string) (Expr, error) {
	r.logf("PfRuleset %s", name)
	return r.newHandle(), nil
}

func (r *recorder) PfRnr(n uint32) (Expr, error)    { return r.simple("PfRnr", int64(int32(n))) }
func (r *recorder) PfSrnr(n uint32) (Expr, error)   { return r.simple("PfSrnr", int64(int32(n))) }
func (r *recorder) PfReason(n uint32) (Expr, error) { return r.simple("PfReason", int64(int32(n))) }
func (r *recorder) PfAction(n uint32) (Expr, error) { return r.simple("PfAction", int64(int32(n))) }

func (r *recorder) P80211Type(v, mask uint32) (Expr, error) {
	r.logf("P80211Type %d %d", v, mask)
	return r.newHandle(), nil
}

func (r *recorder) P80211Dir(v uint32) (Expr, error) { return r.simple("P80211Dir", int64(int32(v))) }

func (r *recorder) LLCSSubtype(v uint32) (Expr, error) {
	return r.simple("LLCSSubtype", int64(int32(v)))
}

func (r *recorder) LLCUSubtype(v uint32) (Expr, error) {
	return r.simple("LLCUSubtype", int64(int32(v)))
}

func (r *recorder) AtmType(t int) (Expr, error)  { return r.simple("AtmType", int64(t)) }
func (r *recorder) AtmMulti(t int) (Expr, error) { return r.simple("AtmMulti", int64(t)) }
func (r *recorder) Mtp2Type(t int) (Expr, error) { return r.simple("Mtp2Type", int64(t)) }

func (r *recorder) field(label string, f int, v uint32, op uint8, reversed bool) (Expr, error) {
	r.logf("%s %d %d %d %d", label, f, v, bpfRel[op], b2i(reversed))
	if v == 666 && r.failing {
		return nil, errors.New(label + " failed")
	}
	return r.newHandle(), nil
}

func (r *recorder) AtmField(f int, v uint32, op uint8, reversed bool) (Expr, error) {
	return r.field("AtmField", f, v, op, reversed)
}

func (r *recorder) Mtp3Field(f int, v uint32, op uint8, reversed bool) (Expr, error) {
	return r.field("Mtp3Field", f, v, op, reversed)
}

func (r *recorder) LoadI(v uint32) (Arith, error) {
	r.logf("LoadI %d", v)
	if v == 666 && r.failing {
		return nil, errors.New("LoadI failed")
	}
	x := r.newHandle()
	if r.vals == nil {
		r.vals = map[int]uint32{}
	}
	r.vals[int(x)] = v
	return x, nil
}

func (r *recorder) Load(proto uint8, index Arith, size uint32) (Arith, error) {
	r.logf("Load %d #%d %d", proto, h(index), size)
	if size == 3 && r.failing {
		return nil, errors.New("data size must be 1, 2, or 4")
	}
	return r.newHandle(), nil
}

func (r *recorder) Arith(op uint8, a, b Arith) (Arith, error) {
	r.logf("Arith %d #%d #%d", bpfArith[op], h(a), h(b))
	if r.failing && (r.vals[h(a)] == 888 || r.vals[h(b)] == 888) {
		return nil, errors.New("Arith failed")
	}
	return r.newHandle(), nil
}

func (r *recorder) Neg(a Arith) (Arith, error) {
	r.n++
	r.logf("Neg #%d -> #%d", h(a), r.n)
	return handle(r.n), nil
}

func (r *recorder) LoadLen() (Arith, error) {
	r.n++
	r.logf("LoadLen -> #%d", r.n)
	return handle(r.n), nil
}

// run parses expr with a fresh recorder and returns the log and the
// outcome line, in the differential harness's format.
func run(expr string, failing bool) string {
	r := &recorder{failing: failing}
	err := Parse(expr, r)
	out := r.String()
	if out != "" {
		out += "\n"
	}
	if err != nil {
		// libpcap may finish the program just before it meets the
		// stray token that makes the parse fail; that Finish cannot
		// fail and is not part of the contract.
		return out + "=> ERR " + err.Error()
	}
	return out + "=> OK"
}
