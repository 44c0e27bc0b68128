package bpfcheck

import (
	"fmt"
	"testing"

	"golang.org/x/net/bpf"
)

// benchProgram is a long program with scratch memory reads and many
// branches, so that both passes of Check run over every instruction.
func benchProgram(n int) []bpf.RawInstruction {
	prog := []bpf.RawInstruction{{Op: 0x02, K: 0}} // st M[0]
	for len(prog) < n-3 {
		prog = append(prog,
			bpf.RawInstruction{Op: 0x15, Jt: 0, Jf: 1, K: 7}, // jeq #7, both targets ahead
			bpf.RawInstruction{Op: 0x60, K: 0},               // ld M[0]
		)
	}
	return append(prog, bpf.RawInstruction{Op: 0x06}, bpf.RawInstruction{Op: 0x16})
}

func BenchmarkCheck(b *testing.B) {
	for _, n := range []int{20, 4096} {
		prog := benchProgram(n)
		if err := Check(prog); err != nil {
			b.Fatal(err)
		}
		b.Run(fmt.Sprintf("len=%d", len(prog)), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Check(prog)
			}
		})
	}
}
