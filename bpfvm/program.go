package bpfvm

import (
	"fmt"

	"golang.org/x/net/bpf"
)

// Mode selects whose semantics a Program follows where Linux and libpcap
// differ.
type Mode uint8

const (
	// Linux runs programs as the kernel does for a socket filter: packet
	// loads at negative offsets reach ancillary data (SKF_AD_*) and the
	// link-layer and network headers (SKF_LL_OFF, SKF_NET_OFF); indirect
	// offsets X+k wrap at 32 bits; register shift counts are taken modulo
	// 32; jumps go forward only.
	Linux Mode = iota
	// Libpcap runs programs as libpcap's bpf_filter does when tcpdump
	// filters a savefile: loads are bounded by the captured length and
	// any offset beyond it (negative ones included) fails; X+k must not
	// overflow; register shifts by 32 or more give 0; ja may jump
	// backwards (ip6 protochain code does).
	Libpcap
)

func (m Mode) String() string {
	switch m {
	case Linux:
		return "linux"
	case Libpcap:
		return "libpcap"
	}
	return fmt.Sprintf("Mode(%d)", uint8(m))
}

// MaxBackwardJumps bounds how many backward jumps one run of a Libpcap
// mode program may take. libpcap itself would loop forever; here the run
// stops and returns 0 (with StopLoop from Machine).
const MaxBackwardJumps = 1 << 20

// Program is a classic BPF program translated once for fast repeated
// runs. It is immutable and safe for concurrent use.
type Program struct {
	mode  Mode
	insns []insn
	raw   []bpf.RawInstruction
}

// insn is a pre-decoded instruction: op selects exactly one behaviour, so
// running it needs no further decoding or mode tests.
type insn struct {
	op     opcode
	k      uint32
	jt, jf uint32 // absolute jump targets
}

type opcode uint8

const (
	opRetK opcode = iota
	opRetA
	opLdImm
	opLdxImm
	opLdMem
	opLdxMem
	opSt
	opStx
	opLdLen
	opLdxLen
	opLdAbsW // non-negative offset (any offset in Libpcap mode)
	opLdAbsH
	opLdAbsB
	opLdNegW // Linux: negative absolute offset (SKF_NET_OFF, SKF_LL_OFF)
	opLdNegH
	opLdNegB
	opLdIndW // Linux: X+k wrapping at 32 bits, negative results allowed
	opLdIndH
	opLdIndB
	opLdIndPW // libpcap: X+k must not overflow
	opLdIndPH
	opLdIndPB
	opLdxMsh
	opLdxMshNeg // Linux: negative offset
	opAnc       // Linux ancillary load; k is the SKF_AD_ field
	opPcapVLAN  // libpcap ldb [vlan_tci] / [vlanp] (k is the field)
	opAddK
	opAddX
	opSubK
	opSubX
	opMulK
	opMulX
	opDivK
	opDivX
	opModK
	opModX
	opAndK
	opAndX
	opOrK
	opOrX
	opXorK
	opXorX
	opLshK // k already reduced modulo 32
	opLshX // Linux: X & 31
	opLshXP
	opRshK
	opRshX
	opRshXP // libpcap: X >= 32 gives 0
	opNeg
	opJa
	opJaBack // libpcap: backward ja, counted
	opJeqK
	opJeqX
	opJgtK
	opJgtX
	opJgeK
	opJgeX
	opJsetK
	opJsetX
	opTax
	opTxa
)

// Classic BPF encoding (struct sock_filter).
const (
	clsLD   = 0x00
	clsLDX  = 0x01
	clsST   = 0x02
	clsSTX  = 0x03
	clsALU  = 0x04
	clsJMP  = 0x05
	clsRET  = 0x06
	clsMISC = 0x07

	memWords = 16
)

// simple maps the opcodes whose translation depends on nothing but the
// code to their pre-decoded form. The 49 codes Linux accepts (and that
// libpcap's bpf_filter can execute) are these plus the loads, jumps and
// shifts that decode handles itself.
var simple = map[uint16]opcode{
	0x06: opRetK, 0x16: opRetA,
	0x00: opLdImm, 0x01: opLdxImm,
	0x60: opLdMem, 0x61: opLdxMem, 0x02: opSt, 0x03: opStx,
	0x80: opLdLen, 0x81: opLdxLen,
	0x04: opAddK, 0x0c: opAddX, 0x14: opSubK, 0x1c: opSubX,
	0x24: opMulK, 0x2c: opMulX, 0x34: opDivK, 0x3c: opDivX,
	0x94: opModK, 0x9c: opModX, 0x54: opAndK, 0x5c: opAndX,
	0x44: opOrK, 0x4c: opOrX, 0xa4: opXorK, 0xac: opXorX,
	0x64: opLshK, 0x74: opRshK, 0x84: opNeg,
	0x15: opJeqK, 0x1d: opJeqX, 0x25: opJgtK, 0x2d: opJgtX,
	0x35: opJgeK, 0x3d: opJgeX, 0x45: opJsetK, 0x4d: opJsetX,
	0x07: opTax, 0x87: opTxa,
}

// Error reports a program that cannot be run in the chosen mode.
type Error struct {
	PC   int    // index of the offending instruction, -1 for the whole program
	Mode Mode   // the mode it was checked for
	Msg  string // what is wrong
}

func (e *Error) Error() string {
	if e.PC < 0 {
		return fmt.Sprintf("bpfvm: %s", e.Msg)
	}
	return fmt.Sprintf("bpfvm: instruction %d: %s", e.PC, e.Msg)
}

// New translates a program for the given mode. It refuses what cannot be
// run: in both modes an empty program, a code outside the 49 that Linux
// accepts and libpcap's bpf_filter executes, a scratch-memory index of 16
// or more, a division or modulo by constant 0, a jump past the end, and a
// last instruction that is not a return. Linux mode also refuses backward
// jumps. It does not repeat every check of the kernel's loader (the
// 4096-instruction limit, unknown ancillary offsets, reads of scratch
// memory before any write, constant shifts of 32 or more): those programs
// run here, with M[] starting at zero, shift counts taken modulo 32, and
// unknown ancillary offsets failing like out-of-range loads.
func New(prog []bpf.RawInstruction, mode Mode) (*Program, error) {
	if mode != Linux && mode != Libpcap {
		return nil, &Error{PC: -1, Mode: mode, Msg: "unknown mode"}
	}
	n := len(prog)
	if n == 0 {
		return nil, &Error{PC: -1, Mode: mode, Msg: "empty program"}
	}
	p := &Program{mode: mode, insns: make([]insn, n), raw: append([]bpf.RawInstruction(nil), prog...)}
	for pc, ri := range prog {
		in, err := decode(ri, pc, n, mode)
		if err != nil {
			return nil, err
		}
		p.insns[pc] = in
	}
	if last := prog[n-1].Op; last != 0x06 && last != 0x16 {
		return nil, &Error{PC: n - 1, Mode: mode, Msg: "last instruction is not a return"}
	}
	return p, nil
}

// MustNew is New for programs known to be valid; it panics on error.
func MustNew(prog []bpf.RawInstruction, mode Mode) *Program {
	p, err := New(prog, mode)
	if err != nil {
		panic(err)
	}
	return p
}

func decode(ri bpf.RawInstruction, pc, n int, mode Mode) (insn, error) {
	bad := func(format string, a ...any) (insn, error) {
		return insn{}, &Error{PC: pc, Mode: mode, Msg: fmt.Sprintf(format, a...)}
	}
	code, k := ri.Op, ri.K
	in := insn{k: k}
	if op, ok := simple[code]; ok {
		in.op = op
		switch op {
		case opLdMem, opLdxMem, opSt, opStx:
			if k >= memWords {
				return bad("scratch memory index %d out of range", k)
			}
		case opDivK, opModK:
			if k == 0 {
				return bad("division by constant 0")
			}
		case opLshK, opRshK:
			in.k = k & 31
		case opJeqK, opJeqX, opJgtK, opJgtX, opJgeK, opJgeX, opJsetK, opJsetX:
			in.jt = uint32(pc + 1 + int(ri.Jt))
			in.jf = uint32(pc + 1 + int(ri.Jf))
			if int(in.jt) >= n || int(in.jf) >= n {
				return bad("jump target out of range")
			}
		}
		return in, nil
	}
	switch code {
	case 0x05: // ja
		next := uint64(pc) + 1
		if mode == Linux {
			if next+uint64(k) >= uint64(n) {
				return bad("jump target out of range")
			}
			in.op, in.jt = opJa, uint32(next+uint64(k))
			return in, nil
		}
		// libpcap adds k as a signed offset; its validator checks the
		// target with 32-bit wraparound.
		t := uint32(next) + k
		if uint64(t) >= uint64(n) {
			return bad("jump target out of range")
		}
		in.op, in.jt = opJa, t
		if int(t) <= pc {
			in.op = opJaBack
		}
		return in, nil
	case 0x20, 0x28, 0x30: // ld/ldh/ldb [k]
		size := code & 0x18 // 0 W, 8 H, 0x10 B
		if mode == Libpcap {
			if code == 0x30 && (k == SKFAdOff+SKFAdVLANTag || k == SKFAdOff+SKFAdVLANTagPresent) {
				in.op = opPcapVLAN
				return in, nil
			}
			in.op = opLdAbsW + opcode(size>>3)
			return in, nil
		}
		if k >= SKFAdOff && k-SKFAdOff < skfAdMax && k%4 == 0 {
			in.op, in.k = opAnc, k-SKFAdOff
			return in, nil
		}
		if int32(k) < 0 {
			in.op = opLdNegW + opcode(size>>3)
		} else {
			in.op = opLdAbsW + opcode(size>>3)
		}
		return in, nil
	case 0x40, 0x48, 0x50: // ld/ldh/ldb [x+k]
		size := opcode((code & 0x18) >> 3)
		if mode == Libpcap {
			in.op = opLdIndPW + size
		} else {
			in.op = opLdIndW + size
		}
		return in, nil
	case 0xb1: // ldxb 4*([k]&0xf)
		in.op = opLdxMsh
		if mode == Linux && int32(k) < 0 {
			in.op = opLdxMshNeg
		}
		return in, nil
	case 0x6c: // lsh x
		in.op = opLshX
		if mode == Libpcap {
			in.op = opLshXP
		}
		return in, nil
	case 0x7c: // rsh x
		in.op = opRshX
		if mode == Libpcap {
			in.op = opRshXP
		}
		return in, nil
	}
	if mode == Libpcap && !libpcapValidates(ri) {
		return bad("invalid instruction 0x%02x (bpf_validate refuses it)", code)
	}
	if mode == Libpcap {
		return bad("instruction 0x%02x would make bpf_filter abort", code)
	}
	return bad("unknown instruction 0x%02x", code)
}

// libpcapValidates reports whether libpcap's bpf_validate would accept an
// instruction outside the executable set (it accepts, for example, any
// return or misc code, which bpf_filter then cannot run).
func libpcapValidates(ri bpf.RawInstruction) bool {
	code := ri.Op
	switch code & 0x07 {
	case clsLD, clsLDX:
		switch code & 0xe0 {
		case 0x00, 0x20, 0x40, 0xa0, 0x80:
			return true
		case 0x60:
			return ri.K < memWords
		}
		return false
	case clsST, clsSTX:
		return ri.K < memWords
	case clsALU:
		switch code & 0xf0 {
		case 0x00, 0x10, 0x20, 0x40, 0x50, 0xa0, 0x60, 0x70, 0x80:
			return true
		case 0x30, 0x90:
			return code&0x08 != 0 || ri.K != 0
		}
		return false
	case clsJMP:
		return false // every valid jump is in the executable set
	}
	return true // RET, MISC
}

// Mode returns the semantics the program was translated for.
func (p *Program) Mode() Mode { return p.mode }

// Len returns the number of instructions.
func (p *Program) Len() int { return len(p.insns) }

// Instruction returns instruction i as given to New.
func (p *Program) Instruction(i int) bpf.RawInstruction { return p.raw[i] }
