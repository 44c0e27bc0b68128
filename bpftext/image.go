package bpftext

import (
	"strconv"

	"github.com/gocapdump/gocapdump/internal/bpfop"
	"golang.org/x/net/bpf"
)

// operandKind says how an instruction's operand is printed. libpcap picks
// the printf conversion per opcode, and the choice is not uniform (some
// constants are hex, some signed decimal), so it is spelled out per opcode
// in the mnemonics table below.
type operandKind uint8

const (
	opndNone    operandKind = iota // nothing: ret a, neg, tax, txa
	opndAbs                        // [k] signed decimal, or [name] for Linux ancillary data
	opndInd                        // [x + k] signed decimal
	opndImmHex                     // #0xk
	opndDec                        // #k signed decimal
	opndX                          // x
	opndPktLen                     // #pktlen
	opndMSH                        // 4*([k]&0xf)
	opndMem                        // M[k]
	opndJumpAbs                    // ja: absolute target pc+1+k as a signed 32-bit number
)

// mnemonic is one row of the opcode table: the op name libpcap prints and
// how its operand looks.
type mnemonic struct {
	op   string
	kind operandKind
}

// mnemonics lists every opcode libpcap's bpf_image knows. Codes absent here
// (op == "") are printed as "unimp 0x<code>". Only the low byte is ever
// used by a known opcode, so the table covers 0..255 and larger codes are
// unknown by construction.
var mnemonics = [256]mnemonic{
	bpfop.LD | bpfop.IMM | bpfop.W:  {"ld", opndImmHex},  // ld #k
	bpfop.LD | bpfop.ABS | bpfop.W:  {"ld", opndAbs},     // ld [k]
	bpfop.LD | bpfop.ABS | bpfop.H:  {"ldh", opndAbs},    // ldh [k]
	bpfop.LD | bpfop.ABS | bpfop.B:  {"ldb", opndAbs},    // ldb [k]
	bpfop.LD | bpfop.IND | bpfop.W:  {"ld", opndInd},     // ld [x + k]
	bpfop.LD | bpfop.IND | bpfop.H:  {"ldh", opndInd},    // ldh [x + k]
	bpfop.LD | bpfop.IND | bpfop.B:  {"ldb", opndInd},    // ldb [x + k]
	bpfop.LD | bpfop.MEM | bpfop.W:  {"ld", opndMem},     // ld M[k]
	bpfop.LD | bpfop.LEN | bpfop.W:  {"ld", opndPktLen},  // ld #len
	bpfop.LDX | bpfop.IMM | bpfop.W: {"ldx", opndImmHex}, // ldx #k
	bpfop.LDX | bpfop.MEM | bpfop.W: {"ldx", opndMem},    // ldx M[k]
	bpfop.LDX | bpfop.LEN | bpfop.W: {"ldx", opndPktLen}, // ldx #len
	bpfop.LDX | bpfop.MSH | bpfop.B: {"ldxb", opndMSH},   // ldxb 4*([k]&0xf)
	bpfop.ST:                        {"st", opndMem},
	bpfop.STX:                       {"stx", opndMem},

	bpfop.ALU | bpfop.ADD | bpfop.K: {"add", opndDec}, bpfop.ALU | bpfop.ADD | bpfop.X: {"add", opndX},
	bpfop.ALU | bpfop.SUB | bpfop.K: {"sub", opndDec}, bpfop.ALU | bpfop.SUB | bpfop.X: {"sub", opndX},
	bpfop.ALU | bpfop.MUL | bpfop.K: {"mul", opndDec}, bpfop.ALU | bpfop.MUL | bpfop.X: {"mul", opndX},
	bpfop.ALU | bpfop.DIV | bpfop.K: {"div", opndDec}, bpfop.ALU | bpfop.DIV | bpfop.X: {"div", opndX},
	bpfop.ALU | bpfop.MOD | bpfop.K: {"mod", opndDec}, bpfop.ALU | bpfop.MOD | bpfop.X: {"mod", opndX},
	bpfop.ALU | bpfop.OR | bpfop.K: {"or", opndImmHex}, bpfop.ALU | bpfop.OR | bpfop.X: {"or", opndX},
	bpfop.ALU | bpfop.AND | bpfop.K: {"and", opndImmHex}, bpfop.ALU | bpfop.AND | bpfop.X: {"and", opndX},
	bpfop.ALU | bpfop.XOR | bpfop.K: {"xor", opndImmHex}, bpfop.ALU | bpfop.XOR | bpfop.X: {"xor", opndX},
	bpfop.ALU | bpfop.LSH | bpfop.K: {"lsh", opndDec}, bpfop.ALU | bpfop.LSH | bpfop.X: {"lsh", opndX},
	bpfop.ALU | bpfop.RSH | bpfop.K: {"rsh", opndDec}, bpfop.ALU | bpfop.RSH | bpfop.X: {"rsh", opndX},
	bpfop.ALU | bpfop.NEG: {"neg", opndNone},

	bpfop.JMP | bpfop.JA:            {"ja", opndJumpAbs},
	bpfop.JMP | bpfop.JEQ | bpfop.K: {"jeq", opndImmHex}, bpfop.JMP | bpfop.JEQ | bpfop.X: {"jeq", opndX},
	bpfop.JMP | bpfop.JGT | bpfop.K: {"jgt", opndImmHex}, bpfop.JMP | bpfop.JGT | bpfop.X: {"jgt", opndX},
	bpfop.JMP | bpfop.JGE | bpfop.K: {"jge", opndImmHex}, bpfop.JMP | bpfop.JGE | bpfop.X: {"jge", opndX},
	bpfop.JMP | bpfop.JSET | bpfop.K: {"jset", opndImmHex}, bpfop.JMP | bpfop.JSET | bpfop.X: {"jset", opndX},

	bpfop.RET | bpfop.K:    {"ret", opndDec},  // ret #k
	bpfop.RET | bpfop.A:    {"ret", opndNone}, // ret a
	bpfop.MISC | bpfop.TAX: {"tax", opndNone},
	bpfop.MISC | bpfop.TXA: {"txa", opndNone},
}

// ancillaryNames are libpcap's names for the Linux ancillary data offsets
// SKF_AD_OFF+4*i (these differ from bpf_asm's names in places: vlanp,
// random, xor_x).
var ancillaryNames = [...]string{
	"proto", "type", "ifidx", "nla", "nlan", "mark", "queue", "hatype",
	"rxhash", "cpu", "xor_x", "vlan_tci", "vlanp", "poff", "random", "vlan_tpid",
}

// skfADOff is SKF_AD_OFF (-0x1000) as the unsigned k of an absolute load.
const skfADOff = 0xfffff000

// Column widths of the listing: the op is left-justified in 8 columns, and
// on conditional jumps the operand in another 16 before "jt".
const (
	opWidth      = 8
	operandWidth = 16
)

// knownOpcode reports whether libpcap's bpf_image has a name for code, i.e.
// whether Image prints something other than "unimp".
func knownOpcode(code uint16) bool {
	return code < uint16(len(mnemonics)) && mnemonics[code].op != ""
}

// Image returns the tcpdump -d text of one instruction at index pc, exactly
// as libpcap's bpf_image prints it (development branch), for example
//
//	(001) jeq      #0x86dd          jt 2	jf 8
//
// Jump targets are printed as absolute instruction numbers. Constants are
// printed as libpcap does: hexadecimal for immediate loads, bitwise ALU
// operations and jump comparisons, signed decimal elsewhere (so ret #-1 for
// 0xffffffff). Unknown opcodes print as "unimp 0x<code>". There is no
// trailing newline and no trailing space.
func Image(ins bpf.RawInstruction, pc int) string {
	var buf [64]byte
	return string(AppendImage(buf[:0], ins, pc))
}

// AppendImage appends the Image of ins at index pc to dst and returns the
// extended buffer.
func AppendImage(dst []byte, ins bpf.RawInstruction, pc int) []byte {
	dst = appendIndex(dst, pc)

	op, kind := "unimp", opndNone
	known := knownOpcode(ins.Op)
	if known {
		op, kind = mnemonics[ins.Op].op, mnemonics[ins.Op].kind
	}

	// The operand is built in place right after the op column, so its
	// length is known before the jump columns are padded.
	isCondJump := bpfop.Class(ins.Op) == bpfop.JMP && bpfop.Op(ins.Op) != bpfop.JA
	if !known || kind != opndNone || isCondJump {
		dst = appendPadded(dst, op, opWidth)
		dst = append(dst, ' ')
	} else {
		// Operand-less lines carry no padding in the development branch.
		return append(dst, op...)
	}

	start := len(dst)
	if known {
		dst = appendOperand(dst, ins, pc, kind)
	} else {
		dst = append(dst, "0x"...)
		dst = strconv.AppendUint(dst, uint64(ins.Op), 16)
	}

	// libpcap chooses the layout by class and op bits, not by whether the
	// opcode is known, so an unknown JMP-class code with a non-JA op still
	// gets the jt/jf columns.
	if isCondJump {
		for n := len(dst) - start; n < operandWidth; n++ {
			dst = append(dst, ' ')
		}
		dst = append(dst, " jt "...)
		dst = strconv.AppendInt(dst, int64(pc)+1+int64(ins.Jt), 10)
		dst = append(dst, "\tjf "...)
		dst = strconv.AppendInt(dst, int64(pc)+1+int64(ins.Jf), 10)
	}
	return dst
}

// appendOperand appends the operand text of a known opcode.
func appendOperand(dst []byte, ins bpf.RawInstruction, pc int, kind operandKind) []byte {
	k := ins.K
	signed := int64(int32(k)) // libpcap prints the unsigned k with %d
	switch kind {
	case opndAbs:
		if k >= skfADOff && (k-skfADOff)%4 == 0 && int(k-skfADOff)/4 < len(ancillaryNames) {
			dst = append(dst, '[')
			dst = append(dst, ancillaryNames[(k-skfADOff)/4]...)
			return append(dst, ']')
		}
		dst = append(dst, '[')
		dst = strconv.AppendInt(dst, signed, 10)
		return append(dst, ']')
	case opndInd:
		dst = append(dst, "[x + "...)
		dst = strconv.AppendInt(dst, signed, 10)
		return append(dst, ']')
	case opndImmHex:
		dst = append(dst, "#0x"...)
		return strconv.AppendUint(dst, uint64(k), 16)
	case opndDec:
		dst = append(dst, '#')
		return strconv.AppendInt(dst, signed, 10)
	case opndX:
		return append(dst, 'x')
	case opndPktLen:
		return append(dst, "#pktlen"...)
	case opndMSH:
		dst = append(dst, "4*(["...)
		dst = strconv.AppendInt(dst, signed, 10)
		return append(dst, "]&0xf)"...)
	case opndMem:
		dst = append(dst, "M["...)
		dst = strconv.AppendInt(dst, signed, 10)
		return append(dst, ']')
	case opndJumpAbs:
		// C computes pc+1+k in unsigned 32-bit arithmetic and prints it
		// with %d, so a "backward" ja (libpcap's ip6 protochain code)
		// shows its real, smaller target.
		target := int32(uint32(pc) + 1 + k)
		return strconv.AppendInt(dst, int64(target), 10)
	}
	return dst
}

// appendIndex appends "(NNN) ": the instruction index zero-padded to three
// digits, as printf("%03d") does (the sign counts towards the width).
func appendIndex(dst []byte, pc int) []byte {
	dst = append(dst, '(')
	var num [24]byte
	digits := strconv.AppendInt(num[:0], int64(pc), 10)
	neg := pc < 0
	if neg {
		dst = append(dst, '-')
		digits = digits[1:]
	}
	width := 3
	if neg {
		width--
	}
	for n := len(digits); n < width; n++ {
		dst = append(dst, '0')
	}
	dst = append(dst, digits...)
	return append(dst, ") "...)
}

// appendPadded appends s left-justified in a field of the given width.
func appendPadded(dst []byte, s string, width int) []byte {
	dst = append(dst, s...)
	for n := len(s); n < width; n++ {
		dst = append(dst, ' ')
	}
	return dst
}
