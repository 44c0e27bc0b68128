package bpfvm

import (
	"fmt"

	"github.com/gocapdump/gocapdump/internal/bpfop"
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

// memWords is the number of scratch memory slots, M[0] to M[15].
const memWords = 16

// simple maps the opcodes whose translation depends on nothing but the
// code to their pre-decoded form. The 49 codes Linux accepts (and that
// libpcap's bpf_filter can execute) are these plus the loads, jumps and
// shifts that decode handles itself.
var simple = map[uint16]opcode{
	bpfop.RET | bpfop.K: opRetK, bpfop.RET | bpfop.A: opRetA,
	bpfop.LD | bpfop.IMM: opLdImm, bpfop.LDX | bpfop.IMM: opLdxImm,
	bpfop.LD | bpfop.MEM: opLdMem, bpfop.LDX | bpfop.MEM: opLdxMem, bpfop.ST: opSt, bpfop.STX: opStx,
	bpfop.LD | bpfop.LEN: opLdLen, bpfop.LDX | bpfop.LEN: opLdxLen,
	bpfop.ALU | bpfop.ADD | bpfop.K: opAddK, bpfop.ALU | bpfop.ADD | bpfop.X: opAddX,
	bpfop.ALU | bpfop.SUB | bpfop.K: opSubK, bpfop.ALU | bpfop.SUB | bpfop.X: opSubX,
	bpfop.ALU | bpfop.MUL | bpfop.K: opMulK, bpfop.ALU | bpfop.MUL | bpfop.X: opMulX,
	bpfop.ALU | bpfop.DIV | bpfop.K: opDivK, bpfop.ALU | bpfop.DIV | bpfop.X: opDivX,
	bpfop.ALU | bpfop.MOD | bpfop.K: opModK, bpfop.ALU | bpfop.MOD | bpfop.X: opModX,
	bpfop.ALU | bpfop.AND | bpfop.K: opAndK, bpfop.ALU | bpfop.AND | bpfop.X: opAndX,
	bpfop.ALU | bpfop.OR | bpfop.K: opOrK, bpfop.ALU | bpfop.OR | bpfop.X: opOrX,
	bpfop.ALU | bpfop.XOR | bpfop.K: opXorK, bpfop.ALU | bpfop.XOR | bpfop.X: opXorX,
	bpfop.ALU | bpfop.LSH | bpfop.K: opLshK, bpfop.ALU | bpfop.RSH | bpfop.K: opRshK,
	bpfop.ALU | bpfop.NEG:           opNeg,
	bpfop.JMP | bpfop.JEQ | bpfop.K: opJeqK, bpfop.JMP | bpfop.JEQ | bpfop.X: opJeqX,
	bpfop.JMP | bpfop.JGT | bpfop.K: opJgtK, bpfop.JMP | bpfop.JGT | bpfop.X: opJgtX,
	bpfop.JMP | bpfop.JGE | bpfop.K: opJgeK, bpfop.JMP | bpfop.JGE | bpfop.X: opJgeX,
	bpfop.JMP | bpfop.JSET | bpfop.K: opJsetK, bpfop.JMP | bpfop.JSET | bpfop.X: opJsetX,
	bpfop.MISC | bpfop.TAX: opTax, bpfop.MISC | bpfop.TXA: opTxa,
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
	if last := prog[n-1].Op; last != bpfop.RET|bpfop.K && last != bpfop.RET|bpfop.A {
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
	case bpfop.JMP | bpfop.JA:
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
	case bpfop.LD | bpfop.ABS | bpfop.W, bpfop.LD | bpfop.ABS | bpfop.H, bpfop.LD | bpfop.ABS | bpfop.B: // ld/ldh/ldb [k]
		size := bpfop.Size(code) // 0 W, 8 H, 0x10 B
		if mode == Libpcap {
			if size == bpfop.B && (k == SKFAdOff+SKFAdVLANTag || k == SKFAdOff+SKFAdVLANTagPresent) {
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
	case bpfop.LD | bpfop.IND | bpfop.W, bpfop.LD | bpfop.IND | bpfop.H, bpfop.LD | bpfop.IND | bpfop.B: // ld/ldh/ldb [x+k]
		size := opcode(bpfop.Size(code) >> 3)
		if mode == Libpcap {
			in.op = opLdIndPW + size
		} else {
			in.op = opLdIndW + size
		}
		return in, nil
	case bpfop.LDX | bpfop.MSH | bpfop.B: // ldxb 4*([k]&0xf)
		in.op = opLdxMsh
		if mode == Linux && int32(k) < 0 {
			in.op = opLdxMshNeg
		}
		return in, nil
	case bpfop.ALU | bpfop.LSH | bpfop.X:
		in.op = opLshX
		if mode == Libpcap {
			in.op = opLshXP
		}
		return in, nil
	case bpfop.ALU | bpfop.RSH | bpfop.X:
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
	switch bpfop.Class(code) {
	case bpfop.LD, bpfop.LDX:
		switch bpfop.Mode(code) {
		case bpfop.IMM, bpfop.ABS, bpfop.IND, bpfop.MSH, bpfop.LEN:
			return true
		case bpfop.MEM:
			return ri.K < memWords
		}
		return false
	case bpfop.ST, bpfop.STX:
		return ri.K < memWords
	case bpfop.ALU:
		switch bpfop.Op(code) {
		case bpfop.ADD, bpfop.SUB, bpfop.MUL, bpfop.OR, bpfop.AND, bpfop.XOR, bpfop.LSH, bpfop.RSH, bpfop.NEG:
			return true
		case bpfop.DIV, bpfop.MOD:
			return bpfop.Src(code) == bpfop.X || ri.K != 0
		}
		return false
	case bpfop.JMP:
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
