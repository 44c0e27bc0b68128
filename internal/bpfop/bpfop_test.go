package bpfop

import (
	"testing"

	"golang.org/x/net/bpf"
)

// The constants must build the opcodes golang.org/x/net/bpf assembles.
func TestAgainstXNetBPF(t *testing.T) {
	cases := []struct {
		code uint16
		ins  bpf.Instruction
	}{
		{LD | ABS | H, bpf.LoadAbsolute{Off: 12, Size: 2}},
		{LD | IND | B, bpf.LoadIndirect{Off: 1, Size: 1}},
		{LD | MEM | W, bpf.LoadScratch{Dst: bpf.RegA, N: 1}},
		{LDX | MEM | W, bpf.LoadScratch{Dst: bpf.RegX, N: 1}},
		{LDX | MSH | B, bpf.LoadMemShift{Off: 14}},
		{LD | IMM | W, bpf.LoadConstant{Dst: bpf.RegA, Val: 1}},
		{LD | LEN | W, bpf.LoadExtension{Num: bpf.ExtLen}},
		{ST, bpf.StoreScratch{Src: bpf.RegA, N: 2}},
		{STX, bpf.StoreScratch{Src: bpf.RegX, N: 2}},
		{ALU | ADD | K, bpf.ALUOpConstant{Op: bpf.ALUOpAdd, Val: 1}},
		{ALU | MOD | X, bpf.ALUOpX{Op: bpf.ALUOpMod}},
		{ALU | XOR | K, bpf.ALUOpConstant{Op: bpf.ALUOpXor, Val: 1}},
		{ALU | NEG, bpf.NegateA{}},
		{JMP | JA, bpf.Jump{Skip: 1}},
		{JMP | JGT | X, bpf.JumpIfX{Cond: bpf.JumpGreaterThan, SkipTrue: 1}},
		{JMP | JSET | K, bpf.JumpIf{Cond: bpf.JumpBitsSet, Val: 1, SkipTrue: 1}},
		{RET | K, bpf.RetConstant{Val: 1}},
		{RET | A, bpf.RetA{}},
		{MISC | TAX, bpf.TAX{}},
		{MISC | TXA, bpf.TXA{}},
	}
	for _, c := range cases {
		raw, err := c.ins.Assemble()
		if err != nil {
			t.Fatalf("%#v: %v", c.ins, err)
		}
		if raw.Op != c.code {
			t.Errorf("%#v assembles to %#x, constants give %#x", c.ins, raw.Op, c.code)
		}
	}
}

func TestFields(t *testing.T) {
	code := uint16(LDX | MSH | B)
	if Class(code) != LDX || Mode(code) != MSH || Size(code) != B {
		t.Errorf("fields of %#x: class %#x mode %#x size %#x", code, Class(code), Mode(code), Size(code))
	}
	code = JMP | JGE | X
	if Class(code) != JMP || Op(code) != JGE || Src(code) != X {
		t.Errorf("fields of %#x: class %#x op %#x src %#x", code, Class(code), Op(code), Src(code))
	}
}
