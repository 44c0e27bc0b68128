package bpftext

import (
	"strconv"

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
	0x00: {"ld", opndImmHex},  // ld #k
	0x20: {"ld", opndAbs},     // ld [k]
	0x28: {"ldh", opndAbs},    // ldh [k]
	0x30: {"ldb", opndAbs},    // ldb [k]
	0x40: {"ld", opndInd},     // ld [x + k]
	0x48: {"ldh", opndInd},    // ldh [x + k]
	0x50: {"ldb", opndInd},    // ldb [x + k]
	0x60: {"ld", opndMem},     // ld M[k]
	0x80: {"ld", opndPktLen},  // ld #len
	0x01: {"ldx", opndImmHex}, // ldx #k
	0x61: {"ldx", opndMem},    // ldx M[k]
	0x81: {"ldx", opndPktLen}, // ldx #len
	0xb1: {"ldxb", opndMSH},   // ldxb 4*([k]&0xf)
	0x02: {"st", opndMem},
	0x03: {"stx", opndMem},

	0x04: {"add", opndDec}, 0x0c: {"add", opndX},
	0x14: {"sub", opndDec}, 0x1c: {"sub", opndX},
	0x24: {"mul", opndDec}, 0x2c: {"mul", opndX},
	0x34: {"div", opndDec}, 0x3c: {"div", opndX},
	0x94: {"mod", opndDec}, 0x9c: {"mod", opndX},
	0x44: {"or", opndImmHex}, 0x4c: {"or", opndX},
	0x54: {"and", opndImmHex}, 0x5c: {"and", opndX},
	0xa4: {"xor", opndImmHex}, 0xac: {"xor", opndX},
	0x64: {"lsh", opndDec}, 0x6c: {"lsh", opndX},
	0x74: {"rsh", opndDec}, 0x7c: {"rsh", opndX},
	0x84: {"neg", opndNone},

	0x05: {"ja", opndJumpAbs},
	0x15: {"jeq", opndImmHex}, 0x1d: {"jeq", opndX},
	0x25: {"jgt", opndImmHex}, 0x2d: {"jgt", opndX},
	0x35: {"jge", opndImmHex}, 0x3d: {"jge", opndX},
	0x45: {"jset", opndImmHex}, 0x4d: {"jset", opndX},

	0x06: {"ret", opndDec},  // ret #k
	0x16: {"ret", opndNone}, // ret a
	0x07: {"tax", opndNone},
	0x87: {"txa", opndNone},
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
	isCondJump := ins.Op&0x07 == 0x05 && ins.Op&0xf0 != 0
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
