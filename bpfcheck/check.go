// Package bpfcheck decides, without a system call, whether the Linux kernel
// will accept a classic BPF program for SO_ATTACH_FILTER, and says why not.
//
// Check applies the same rules, in the same order, as the kernel's
// load-time checker for classic BPF (bpf_check_classic and
// check_load_and_stores in net/core/filter.c). A program it accepts is one
// the kernel accepts, and a program it refuses would fail with EINVAL.
// Limits that depend on the socket rather than the program (SO_LOCK_FILTER,
// net.core.optmem_max) are outside its scope.
//
// libpcap's own validator, bpf_validate, is more permissive (it allows
// backward ja, constant shifts of 32 or more, reads of unwritten scratch
// memory, ret x and any MISC code), so a program libpcap accepts can still
// be refused here; libpcap then falls back to filtering in userland.
package bpfcheck

import (
	"fmt"

	"github.com/gocapdump/gocapdump/internal/bpfop"
	"golang.org/x/net/bpf"
)

const (
	// MaxInstructions is the kernel's BPF_MAXINSNS: the longest program
	// it accepts.
	MaxInstructions = 4096
	// MemWords is the number of scratch memory slots, M[0] to M[15].
	MemWords = 16
)

// Rule identifies which of the kernel's checks a program failed.
type Rule int

// The kernel's checks, in the order it applies them. The per-instruction
// rules (RuleOpcode to RuleAncillary) run in one pass over the program, so
// the first offending instruction is reported whatever its rule.
const (
	// RuleLength: a program has 1 to MaxInstructions instructions.
	RuleLength Rule = iota + 1
	// RuleOpcode: the opcode is one the kernel knows (see Allowed).
	RuleOpcode
	// RuleDivideByZero: div #0 and mod #0 are refused.
	RuleDivideByZero
	// RuleShift: lsh #k and rsh #k need k < 32.
	RuleShift
	// RuleMemIndex: ld/ldx M[k] and st/stx M[k] need k < MemWords.
	RuleMemIndex
	// RuleJump: every jump target is a later instruction of the program;
	// there are no backward jumps.
	RuleJump
	// RuleAncillary: an absolute load with k >= 0xfffff000 (SKF_AD_OFF)
	// must name one of the 16 ancillary fields the kernel knows.
	RuleAncillary
	// RuleLastReturn: the last instruction is ret #k or ret a.
	RuleLastReturn
	// RuleMemInit: a scratch slot is written on every path to each read.
	RuleMemInit
)

var ruleNames = [...]string{
	RuleLength:       "program length",
	RuleOpcode:       "opcode",
	RuleDivideByZero: "division by zero",
	RuleShift:        "shift count",
	RuleMemIndex:     "scratch memory index",
	RuleJump:         "jump target",
	RuleAncillary:    "ancillary data offset",
	RuleLastReturn:   "last instruction",
	RuleMemInit:      "scratch memory initialisation",
}

// String returns a short name for the rule.
func (r Rule) String() string {
	if r > 0 && int(r) < len(ruleNames) {
		return ruleNames[r]
	}
	return fmt.Sprintf("Rule(%d)", int(r))
}

// Error is the reason Check refuses a program.
type Error struct {
	// Index is the 0-based index of the offending instruction, or -1 when
	// the program as a whole is at fault (its length).
	Index int
	// Rule is the check that failed.
	Rule Rule
	// Reason explains the failure in words, without the index.
	Reason string
}

// Error implements the error interface: "instruction 5: jump target out of
// range: ...", or just the reason when Index is -1.
func (e *Error) Error() string {
	if e.Index < 0 {
		return e.Reason
	}
	return fmt.Sprintf("instruction %d: %s", e.Index, e.Reason)
}

// Opcodes the checker treats specially, named after the classic BPF
// mnemonics.
const (
	opLdAbsW = bpfop.LD | bpfop.ABS | bpfop.W // ld [k]
	opLdAbsH = bpfop.LD | bpfop.ABS | bpfop.H // ldh [k]
	opLdAbsB = bpfop.LD | bpfop.ABS | bpfop.B // ldb [k]
	opLdMem  = bpfop.LD | bpfop.MEM           // ld M[k]
	opLdxMem = bpfop.LDX | bpfop.MEM          // ldx M[k]
	opSt     = bpfop.ST                       // st M[k]
	opStx    = bpfop.STX                      // stx M[k]
	opDivK   = bpfop.ALU | bpfop.DIV | bpfop.K
	opModK   = bpfop.ALU | bpfop.MOD | bpfop.K
	opLshK   = bpfop.ALU | bpfop.LSH | bpfop.K
	opRshK   = bpfop.ALU | bpfop.RSH | bpfop.K
	opJa     = bpfop.JMP | bpfop.JA
	opRetK   = bpfop.RET | bpfop.K
	opRetA   = bpfop.RET | bpfop.A
)

// allowed is the kernel's whitelist (chk_code_allowed): 49 opcodes, all
// below 0x100.
var allowed = [256]bool{
	// ALU, constant and X operand.
	bpfop.ALU | bpfop.ADD | bpfop.K: true, bpfop.ALU | bpfop.ADD | bpfop.X: true,
	bpfop.ALU | bpfop.SUB | bpfop.K: true, bpfop.ALU | bpfop.SUB | bpfop.X: true,
	bpfop.ALU | bpfop.MUL | bpfop.K: true, bpfop.ALU | bpfop.MUL | bpfop.X: true,
	bpfop.ALU | bpfop.DIV | bpfop.K: true, bpfop.ALU | bpfop.DIV | bpfop.X: true,
	bpfop.ALU | bpfop.MOD | bpfop.K: true, bpfop.ALU | bpfop.MOD | bpfop.X: true,
	bpfop.ALU | bpfop.AND | bpfop.K: true, bpfop.ALU | bpfop.AND | bpfop.X: true,
	bpfop.ALU | bpfop.OR | bpfop.K: true, bpfop.ALU | bpfop.OR | bpfop.X: true,
	bpfop.ALU | bpfop.XOR | bpfop.K: true, bpfop.ALU | bpfop.XOR | bpfop.X: true,
	bpfop.ALU | bpfop.LSH | bpfop.K: true, bpfop.ALU | bpfop.LSH | bpfop.X: true,
	bpfop.ALU | bpfop.RSH | bpfop.K: true, bpfop.ALU | bpfop.RSH | bpfop.X: true,
	bpfop.ALU | bpfop.NEG: true,
	// Loads into A: absolute, length, indirect, immediate, scratch.
	bpfop.LD | bpfop.ABS | bpfop.W: true, bpfop.LD | bpfop.ABS | bpfop.H: true, bpfop.LD | bpfop.ABS | bpfop.B: true,
	bpfop.LD | bpfop.LEN | bpfop.W: true,
	bpfop.LD | bpfop.IND | bpfop.W: true, bpfop.LD | bpfop.IND | bpfop.H: true, bpfop.LD | bpfop.IND | bpfop.B: true,
	bpfop.LD | bpfop.IMM: true, bpfop.LD | bpfop.MEM: true,
	// Loads into X: length, IP header length, immediate, scratch.
	bpfop.LDX | bpfop.LEN | bpfop.W: true, bpfop.LDX | bpfop.MSH | bpfop.B: true,
	bpfop.LDX | bpfop.IMM: true, bpfop.LDX | bpfop.MEM: true,
	// Stores.
	bpfop.ST: true, bpfop.STX: true,
	// tax, txa.
	bpfop.MISC | bpfop.TAX: true, bpfop.MISC | bpfop.TXA: true,
	// ret #k, ret a.
	bpfop.RET | bpfop.K: true, bpfop.RET | bpfop.A: true,
	// ja, and jeq/jgt/jge/jset with constant and X operand.
	bpfop.JMP | bpfop.JA:            true,
	bpfop.JMP | bpfop.JEQ | bpfop.K: true, bpfop.JMP | bpfop.JEQ | bpfop.X: true,
	bpfop.JMP | bpfop.JGT | bpfop.K: true, bpfop.JMP | bpfop.JGT | bpfop.X: true,
	bpfop.JMP | bpfop.JGE | bpfop.K: true, bpfop.JMP | bpfop.JGE | bpfop.X: true,
	bpfop.JMP | bpfop.JSET | bpfop.K: true, bpfop.JMP | bpfop.JSET | bpfop.X: true,
}

// Allowed reports whether the kernel accepts the opcode at all. An allowed
// opcode can still be refused for its operand (div #0, M[16], ...).
func Allowed(code uint16) bool {
	return int(code) < len(allowed) && allowed[code]
}

// skfADOff is SKF_AD_OFF (-0x1000) as an unsigned k.
const skfADOff = 0xfffff000

// ancillaryCount is the number of ancillary fields the kernel knows: offsets
// SKF_AD_OFF+0 (protocol) to SKF_AD_OFF+60 (VLAN TPID) in steps of 4.
const ancillaryCount = 16

// knownAncillary reports whether k is SKF_AD_OFF plus one of the kernel's
// ancillary field offsets.
func knownAncillary(k uint32) bool {
	off := k - skfADOff
	return k >= skfADOff && off%4 == 0 && off/4 < ancillaryCount
}

// isCondJump reports the conditional jumps (jeq, jgt, jge, jset), which
// are the allowed JMP-class codes other than ja.
func isCondJump(code uint16) bool {
	return bpfop.Class(code) == bpfop.JMP && code != opJa
}

// Check reports whether the Linux kernel accepts prog as a classic BPF
// socket filter. It returns nil if so, and otherwise an *Error naming the
// first offending instruction in the kernel's order of checks: length,
// then each instruction in turn, then the final ret, then scratch memory
// initialisation.
//
// Check does not allocate unless it fails.
func Check(prog []bpf.RawInstruction) error {
	n := len(prog)
	if n == 0 {
		return &Error{Index: -1, Rule: RuleLength, Reason: "program has no instructions; the kernel requires at least 1"}
	}
	if n > MaxInstructions {
		return &Error{Index: -1, Rule: RuleLength, Reason: fmt.Sprintf("program has %d instructions; the kernel allows at most %d", n, MaxInstructions)}
	}

	readsMem := false
	for pc, ins := range prog {
		if !Allowed(ins.Op) {
			return &Error{Index: pc, Rule: RuleOpcode, Reason: fmt.Sprintf("opcode %#x is not a Linux classic BPF instruction", ins.Op)}
		}
		switch ins.Op {
		case opDivK, opModK:
			if ins.K == 0 {
				what := "division"
				if ins.Op == opModK {
					what = "modulo"
				}
				return &Error{Index: pc, Rule: RuleDivideByZero, Reason: what + " by constant zero"}
			}
		case opLshK, opRshK:
			if ins.K >= 32 {
				return &Error{Index: pc, Rule: RuleShift, Reason: fmt.Sprintf("shift by constant %d; it must be below 32", ins.K)}
			}
		case opLdMem, opLdxMem, opSt, opStx:
			if ins.K >= MemWords {
				return &Error{Index: pc, Rule: RuleMemIndex, Reason: fmt.Sprintf("scratch memory index %d out of range; slots are M[0] to M[%d]", ins.K, MemWords-1)}
			}
			readsMem = readsMem || ins.Op == opLdMem || ins.Op == opLdxMem
		case opJa:
			// The kernel compares k with the number of instructions
			// after this one, unsigned, so a "backward" k fails too.
			if ins.K >= uint32(n-pc-1) {
				return jaError(pc, n, ins.K)
			}
		case opLdAbsW, opLdAbsH, opLdAbsB:
			if ins.K >= skfADOff && !knownAncillary(ins.K) {
				return &Error{Index: pc, Rule: RuleAncillary, Reason: fmt.Sprintf("load from %#x (SKF_AD_OFF%+d) is not a known ancillary data offset", ins.K, int32(ins.K-skfADOff))}
			}
		default:
			if isCondJump(ins.Op) {
				if t := pc + 1 + int(ins.Jt); t >= n {
					return condJumpError(pc, n, "jt", t)
				}
				if t := pc + 1 + int(ins.Jf); t >= n {
					return condJumpError(pc, n, "jf", t)
				}
			}
		}
	}

	if last := prog[n-1].Op; last != opRetK && last != opRetA {
		return &Error{Index: n - 1, Rule: RuleLastReturn, Reason: "the last instruction must be ret #k or ret a"}
	}

	// Without a scratch memory read there is nothing left to refuse, and
	// most programs have none, so skip the data-flow pass.
	if !readsMem {
		return nil
	}
	return checkMemInit(prog)
}

// jaError explains a ja whose target is not a later instruction.
func jaError(pc, n int, k uint32) error {
	var reason string
	if int32(k) < 0 {
		reason = fmt.Sprintf("jump target out of range: ja %d goes backward to instruction %d; the kernel allows forward jumps only", int32(k), int64(pc)+1+int64(int32(k)))
	} else {
		reason = fmt.Sprintf("jump target out of range: ja goes to instruction %d, but the program ends at %d", uint64(pc)+1+uint64(k), n-1)
	}
	return &Error{Index: pc, Rule: RuleJump, Reason: reason}
}

// condJumpError explains a conditional jump whose jt or jf target is past
// the end of the program.
func condJumpError(pc, n int, which string, target int) error {
	return &Error{Index: pc, Rule: RuleJump, Reason: fmt.Sprintf("jump target out of range: %s goes to instruction %d, but the program ends at %d", which, target, n-1)}
}

// checkMemInit refuses a read of a scratch slot that is not written on
// every path reaching it, with the kernel's single forward pass: the set of
// slots known to be written flows to the next instruction and is
// intersected into every jump target. Since all jumps go forward, a
// target's incoming set is complete by the time the pass reaches it.
// After a jump the fall-through state starts from "all written", as in the
// kernel; only the targets' sets constrain the following instructions.
// Unreachable instructions are checked too.
//
// Sets are 16-bit masks, one bit per slot. unwritten[pc] holds the slots
// some jump to pc may arrive without, the complement of the kernel's
// per-target mask, so that the zeroed array starts as "no constraint".
func checkMemInit(prog []bpf.RawInstruction) error {
	// Zeroing the full-size array costs more than checking a typical
	// tcpdump program, so short programs get a short one.
	if len(prog) <= smallProgram {
		var unwritten [smallProgram]uint16
		return memInitPass(prog, unwritten[:len(prog)])
	}
	var unwritten [MaxInstructions]uint16
	return memInitPass(prog, unwritten[:len(prog)])
}

// smallProgram is the size of checkMemInit's array for short programs.
const smallProgram = 256

// memInitPass is checkMemInit's pass, with unwritten zeroed and as long as
// prog.
func memInitPass(prog []bpf.RawInstruction, unwritten []uint16) error {
	var written uint16 // the kernel starts with no slot written
	for pc, ins := range prog {
		written &^= unwritten[pc]
		switch ins.Op {
		case opSt, opStx:
			written |= 1 << ins.K
		case opLdMem, opLdxMem:
			if written&(1<<ins.K) == 0 {
				return &Error{Index: pc, Rule: RuleMemInit, Reason: fmt.Sprintf("reads M[%d] that is not written on every path", ins.K)}
			}
		case opJa:
			unwritten[pc+1+int(ins.K)] |= ^written
			written = 0xffff
		default:
			if isCondJump(ins.Op) {
				unwritten[pc+1+int(ins.Jt)] |= ^written
				unwritten[pc+1+int(ins.Jf)] |= ^written
				written = 0xffff
			}
		}
	}
	return nil
}
