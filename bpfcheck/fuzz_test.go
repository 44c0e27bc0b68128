package bpfcheck

import (
	"errors"
	"testing"

	"golang.org/x/net/bpf"
)

// allowedCodes lists Allowed's opcodes, for building mostly-valid programs.
func allowedCodes() []uint16 {
	var codes []uint16
	for code := range 256 {
		if Allowed(uint16(code)) {
			codes = append(codes, uint16(code))
		}
	}
	return codes
}

// interestingK are operands near the checker's boundaries.
var interestingK = []uint32{
	32, 0xffffffff, 0xfffffffd, 0x80000000, 0xfffff000, 0xfffff004, 0xfffff03c,
	0xfffff040, 0xfffff002, 0xffffefff, 0xfff00009,
}

// decodeProgram turns fuzz bytes into a program, four bytes per
// instruction, biased towards allowed opcodes, short jumps and small
// operands so that the later checks (jumps, scratch memory) are reached.
func decodeProgram(data []byte, codes []uint16) []bpf.RawInstruction {
	var prog []bpf.RawInstruction
	for len(data) >= 4 {
		b := data[:4]
		data = data[4:]
		var ins bpf.RawInstruction
		if b[0] < 250 {
			ins.Op = codes[int(b[0])%len(codes)]
		} else {
			ins.Op = uint16(b[1])<<8 | uint16(b[2]) // anything at all
		}
		ins.Jt, ins.Jf = b[1]%6, b[2]%6
		if b[1] >= 250 {
			ins.Jt = b[1]
		}
		switch {
		case b[3] < 200:
			ins.K = uint32(b[3] % 18)
		case b[3] < 200+uint8(len(interestingK)):
			ins.K = interestingK[b[3]-200]
		default:
			ins.K = uint32(b[3]) << 24
		}
		prog = append(prog, ins)
	}
	// Usually end in a return, so that the scratch memory pass runs.
	if len(data) > 0 && data[0]%4 != 0 {
		prog = append(prog, bpf.RawInstruction{Op: 0x06})
	}
	return prog
}

// FuzzCheck makes sure Check never panics, that its errors are well
// formed, and, on Linux, that it agrees with the running kernel.
func FuzzCheck(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0, 0, 0, 0, 1})
	f.Add([]byte{17, 1, 0, 3, 14, 0, 0, 1, 19, 0, 0, 1, 1})     // branch, store, load
	f.Add([]byte{34, 0, 0, 1, 19, 0, 0, 1, 30, 0, 0, 1, 2})     // ja, store, load
	f.Add([]byte{16, 0, 0, 203, 16, 0, 0, 207, 16, 0, 0, 4, 1}) // ancillary loads
	codes := allowedCodes()
	oracle := kernelOracle(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		prog := decodeProgram(data, codes)
		err := Check(prog)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %v is not an *Error", err)
			}
			if e.Index < -1 || e.Index >= len(prog) || e.Reason == "" {
				t.Fatalf("malformed error %+v for a %d-instruction program", e, len(prog))
			}
		}
		if oracle == nil {
			return
		}
		if accepted, ok := oracle(prog); ok && accepted != (err == nil) {
			t.Fatalf("kernel accepted=%v, Check = %v, for %v", accepted, err, prog)
		}
	})
}
