package ir

import "github.com/gocapdump/gocapdump/internal/bpfop"

// Classic BPF opcode fields, under the names the code generator and the
// optimizer build raw opcodes with. They are package bpfop's, which the
// checker, the interpreter and the printer share.
const (
	LD   = bpfop.LD
	LDX  = bpfop.LDX
	ST   = bpfop.ST
	STX  = bpfop.STX
	ALU  = bpfop.ALU
	JMP  = bpfop.JMP
	RET  = bpfop.RET
	MISC = bpfop.MISC

	W = bpfop.W
	H = bpfop.H
	B = bpfop.B

	IMM = bpfop.IMM
	ABS = bpfop.ABS
	IND = bpfop.IND
	MEM = bpfop.MEM
	LEN = bpfop.LEN
	MSH = bpfop.MSH

	ADD = bpfop.ADD
	SUB = bpfop.SUB
	MUL = bpfop.MUL
	DIV = bpfop.DIV
	OR  = bpfop.OR
	AND = bpfop.AND
	LSH = bpfop.LSH
	RSH = bpfop.RSH
	NEG = bpfop.NEG
	MOD = bpfop.MOD
	XOR = bpfop.XOR

	JA   = bpfop.JA
	JEQ  = bpfop.JEQ
	JGT  = bpfop.JGT
	JGE  = bpfop.JGE
	JSET = bpfop.JSET

	K = bpfop.K
	X = bpfop.X
	A = bpfop.A

	TAX = bpfop.TAX
	TXA = bpfop.TXA
)

// Class returns the instruction class of an opcode.
func Class(code uint16) uint16 { return bpfop.Class(code) }

// Size returns the load size field of an opcode.
func Size(code uint16) uint16 { return bpfop.Size(code) }

// Mode returns the addressing mode field of an opcode.
func Mode(code uint16) uint16 { return bpfop.Mode(code) }

// Op returns the ALU or jump operation field of an opcode.
func Op(code uint16) uint16 { return bpfop.Op(code) }

// Src returns the operand source field (K or X) of an opcode.
func Src(code uint16) uint16 { return bpfop.Src(code) }
