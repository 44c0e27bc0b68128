package dbg

import (
	"fmt"
	"strconv"

	"github.com/gocapdump/gocapdump/bpftext"
	"golang.org/x/net/bpf"
)

// Syntax selects how instructions are written in listings, register dumps
// and breakpoint messages.
type Syntax int

const (
	// SyntaxBPFDbg is bpf_dbg's own syntax, close to bpf_asm's input:
	// "l1:\tjeq #0x800, l2, l5", with absolute "l<n>" jump targets.
	SyntaxBPFDbg Syntax = iota
	// SyntaxTcpdump is the listing of tcpdump -d:
	// "(001) jeq      #0x800           jt 2\tjf 5".
	SyntaxTcpdump
)

// syntaxNames maps the names the syntax command accepts to syntaxes; the
// first name of each is the one printed.
var syntaxNames = []struct {
	name   string
	syntax Syntax
}{
	{"bpf_dbg", SyntaxBPFDbg},
	{"tcpdump", SyntaxTcpdump},
	{"dbg", SyntaxBPFDbg},
}

// String returns the name the syntax command uses for s.
func (s Syntax) String() string {
	for _, n := range syntaxNames {
		if n.syntax == s {
			return n.name
		}
	}
	return "Syntax(" + strconv.Itoa(int(s)) + ")"
}

// operand is how an instruction's operand is written in bpf_dbg syntax.
type operand uint8

const (
	opndNone   operand = iota // tax, txa, neg
	opndImmHex                // #0x800 (C %#x: 0 prints as #0)
	opndAbs                   // [12], or #name for an ancillary field
	opndInd                   // [x+14]
	opndLen                   // #len
	opndMem                   // M[3]
	opndMsh                   // 4*([14]&0xf)
	opndJa                    // absolute target, 19
	opndJmpK                  // #0x800, l2, l5
	opndJmpX                  // x, l2, l5
	opndSigned                // #20 (signed decimal)
	opndX                     // x
	opndRetA                  // a
)

// dbgOpcodes is bpf_dbg's mnemonic and operand form for every opcode it
// knows, extended with ldx #len (which bpf_dbg printed as "nosup 0x81").
var dbgOpcodes = map[uint16]struct {
	op   string
	opnd operand
}{
	0x00: {"ld", opndImmHex}, 0x01: {"ldx", opndImmHex},
	0x20: {"ld", opndAbs}, 0x28: {"ldh", opndAbs}, 0x30: {"ldb", opndAbs},
	0x40: {"ld", opndInd}, 0x48: {"ldh", opndInd}, 0x50: {"ldb", opndInd},
	0x60: {"ld", opndMem}, 0x61: {"ldx", opndMem},
	0x80: {"ld", opndLen}, 0x81: {"ldx", opndLen},
	0xb1: {"ldxb", opndMsh},
	0x02: {"st", opndMem}, 0x03: {"stx", opndMem},

	0x04: {"add", opndSigned}, 0x0c: {"add", opndX},
	0x14: {"sub", opndSigned}, 0x1c: {"sub", opndX},
	0x24: {"mul", opndSigned}, 0x2c: {"mul", opndX},
	0x34: {"div", opndSigned}, 0x3c: {"div", opndX},
	0x94: {"mod", opndSigned}, 0x9c: {"mod", opndX},
	0x44: {"or", opndImmHex}, 0x4c: {"or", opndX},
	0x54: {"and", opndImmHex}, 0x5c: {"and", opndX},
	0xa4: {"xor", opndImmHex}, 0xac: {"xor", opndX},
	0x64: {"lsh", opndSigned}, 0x6c: {"lsh", opndX},
	0x74: {"rsh", opndSigned}, 0x7c: {"rsh", opndX},
	0x84: {"neg", opndNone},

	0x05: {"ja", opndJa},
	0x15: {"jeq", opndJmpK}, 0x1d: {"jeq", opndJmpX},
	0x25: {"jgt", opndJmpK}, 0x2d: {"jgt", opndJmpX},
	0x35: {"jge", opndJmpK}, 0x3d: {"jge", opndJmpX},
	0x45: {"jset", opndJmpK}, 0x4d: {"jset", opndJmpX},

	0x06: {"ret", opndImmHex}, 0x16: {"ret", opndRetA}, 0x0e: {"ret", opndX},
	0x07: {"tax", opndNone}, 0x87: {"txa", opndNone},
}

// ancillaryNames are bpf_asm's names for the Linux ancillary fields, by
// offset from SKF_AD_OFF (0xfffff000). bpf_asm has no name for xor_x;
// tcpdump's is used.
var ancillaryNames = map[uint32]string{
	0: "proto", 4: "type", 8: "ifidx", 12: "nla", 16: "nlan", 20: "mark",
	24: "queue", 28: "hatype", 32: "rxhash", 36: "cpu", 40: "xor_x",
	44: "vlan_tci", 48: "vlan_avail", 52: "poff", 56: "rand", 60: "vlan_tpid",
}

const skfAdOff = 0xfffff000

// cHex writes v as C's "%#x" would, except that 0 prints as "0" there too:
// "0x800", "0".
func cHex(v uint32) string {
	if v == 0 {
		return "0"
	}
	return "0x" + strconv.FormatUint(uint64(v), 16)
}

// disasmDbg returns the bpf_dbg-syntax line for instruction ins at index pc,
// without a newline: "l1:\tjeq #0x800, l2, l5".
func disasmDbg(ins bpf.RawInstruction, pc int) string {
	d, ok := dbgOpcodes[ins.Op]
	if !ok {
		return fmt.Sprintf("l%d:\tnosup %#x", pc, ins.Op)
	}
	var arg string
	switch d.opnd {
	case opndNone:
	case opndImmHex:
		arg = "#" + cHex(ins.K)
	case opndAbs:
		if name, ok := ancillaryNames[ins.K-skfAdOff]; ok && ins.K >= skfAdOff {
			arg = "#" + name
		} else {
			arg = fmt.Sprintf("[%d]", int32(ins.K))
		}
	case opndInd:
		arg = fmt.Sprintf("[x+%d]", int32(ins.K))
	case opndLen:
		arg = "#len"
	case opndMem:
		arg = fmt.Sprintf("M[%d]", ins.K)
	case opndMsh:
		arg = fmt.Sprintf("4*([%d]&0xf)", int32(ins.K))
	case opndJa:
		arg = strconv.Itoa(pc + 1 + int(int32(ins.K)))
	case opndJmpK:
		arg = "#" + cHex(ins.K)
	case opndJmpX, opndX:
		arg = "x"
	case opndSigned:
		arg = "#" + strconv.Itoa(int(int32(ins.K)))
	case opndRetA:
		arg = "a"
	}
	line := fmt.Sprintf("l%d:\t%s", pc, d.op)
	if arg != "" {
		line += " " + arg
	}
	if d.opnd == opndJmpK || d.opnd == opndJmpX {
		line += fmt.Sprintf(", l%d, l%d", pc+1+int(ins.Jt), pc+1+int(ins.Jf))
	}
	return line
}

// isCondJump reports whether ins is a conditional jump (jeq, jgt, jge, jset).
func isCondJump(ins bpf.RawInstruction) bool {
	d, ok := dbgOpcodes[ins.Op]
	return ok && (d.opnd == opndJmpK || d.opnd == opndJmpX)
}

// disasm returns the line for instruction pc of prog in syntax syn.
func disasm(syn Syntax, ins bpf.RawInstruction, pc int) string {
	if syn == SyntaxTcpdump {
		return bpftext.Image(ins, pc)
	}
	return disasmDbg(ins, pc)
}
