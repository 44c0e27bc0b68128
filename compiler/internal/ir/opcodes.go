package ir

// Classic BPF opcode fields, as the kernel's and libpcap's headers define
// them. golang.org/x/net/bpf keeps these unexported; the code generator
// builds raw opcodes from them.
const (
	LD   = 0x00
	LDX  = 0x01
	ST   = 0x02
	STX  = 0x03
	ALU  = 0x04
	JMP  = 0x05
	RET  = 0x06
	MISC = 0x07

	W = 0x00
	H = 0x08
	B = 0x10

	IMM = 0x00
	ABS = 0x20
	IND = 0x40
	MEM = 0x60
	LEN = 0x80
	MSH = 0xa0

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

	JA   = 0x00
	JEQ  = 0x10
	JGT  = 0x20
	JGE  = 0x30
	JSET = 0x40

	K = 0x00
	X = 0x08
	A = 0x10

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

// Src returns the operand source field (K or X) of an opcode.
func Src(code uint16) uint16 { return code & 0x08 }
