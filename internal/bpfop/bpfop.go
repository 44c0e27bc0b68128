// Package bpfop names the fields of a classic BPF opcode (the code of a
// struct sock_filter), as the kernel's and libpcap's headers define them.
//
// An opcode is built by OR-ing one value from each field its class uses:
//
//	LD|ABS|H      ldh [k]
//	ALU|ADD|X     add x
//	JMP|JEQ|K     jeq #k
//	RET|A         ret a
//
// golang.org/x/net/bpf keeps these unexported; the packages that read,
// check, run or generate raw instructions share them from here.
package bpfop

// Instruction classes: the low three bits.
const (
	LD   = 0x00
	LDX  = 0x01
	ST   = 0x02
	STX  = 0x03
	ALU  = 0x04
	JMP  = 0x05
	RET  = 0x06
	MISC = 0x07
)

// Load sizes (LD and LDX classes).
const (
	W = 0x00 // 32-bit word
	H = 0x08 // 16-bit half word
	B = 0x10 // byte
)

// Addressing modes (LD and LDX classes).
const (
	IMM = 0x00 // #k
	ABS = 0x20 // [k]
	IND = 0x40 // [x + k]
	MEM = 0x60 // M[k]
	LEN = 0x80 // #len
	MSH = 0xa0 // 4*([k]&0xf), LDX only
)

// ALU operations.
const (
	ADD = 0x00
	SUB = 0x10
	MUL = 0x20
	DIV = 0x30
	OR  = 0x40
	AND = 0x50
	LSH = 0x60
	RSH = 0x70
	NEG = 0x80
	MOD = 0x90
	XOR = 0xa0
)

// Jump operations.
const (
	JA   = 0x00
	JEQ  = 0x10
	JGT  = 0x20
	JGE  = 0x30
	JSET = 0x40
)

// Operand sources: K and X for ALU and JMP, K and A for RET.
const (
	K = 0x00
	X = 0x08
	A = 0x10
)

// MISC operations.
const (
	TAX = 0x00
	TXA = 0x80
)

// Class returns the instruction class of an opcode.
func Class(code uint16) uint16 { return code & 0x07 }

// Size returns the load size field of an opcode.
func Size(code uint16) uint16 { return code & 0x18 }

// Mode returns the addressing mode field of an opcode.
func Mode(code uint16) uint16 { return code & 0xe0 }

// Op returns the ALU or jump operation field of an opcode.
func Op(code uint16) uint16 { return code & 0xf0 }

// Src returns the operand source field (K or X) of an ALU or JMP opcode.
func Src(code uint16) uint16 { return code & 0x08 }
