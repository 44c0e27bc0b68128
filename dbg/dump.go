package dbg

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/gocapdump/gocapdump/bpfvm"
	"golang.org/x/net/bpf"
)

// regHex writes a register value the way bpf_dbg's "%#08x" does for a
// non-zero value: "0x" and at least six hex digits. Unlike C, zero keeps
// its "0x" too (bpf_dbg printed "00000000"), so the column stays aligned.
func regHex(v uint32) string {
	return fmt.Sprintf("0x%06x", v)
}

// regValue is bpf_dbg's "[hex][decimal]" pair.
func regValue(v uint32) string {
	return "[" + regHex(v) + "][" + strconv.FormatUint(uint64(v), 10) + "]"
}

// label pads a register-dump label to bpf_dbg's ten columns.
func label(s string) string {
	const width = 10
	if len(s) >= width {
		return s + " "
	}
	return s + strings.Repeat(" ", width-len(s))
}

// writeRegisters writes the "-- register dump --" part: the instruction at
// r.PC, its jump targets, and A, X and the non-zero scratch slots.
func writeRegisters(w io.Writer, syn Syntax, prog *bpfvm.Program, r *bpfvm.Registers) {
	fmt.Fprintln(w, "-- register dump --")
	fmt.Fprintf(w, "%s[%d]\n", label("pc:"), r.PC)
	if r.PC >= 0 && r.PC < prog.Len() {
		ins := prog.Instruction(r.PC)
		fmt.Fprintf(w, "%s[%d] jt[%d] jf[%d] k[%d]\n", label("code:"), ins.Op, ins.Jt, ins.Jf, ins.K)
		fmt.Fprintf(w, "%s%s\n", label("curr:"), disasm(syn, ins, r.PC))
		// Targets only for real conditional jumps: bpf_dbg looked at the
		// jt and jf fields of any instruction and could disassemble
		// memory past the end of the program.
		if isCondJump(ins) && (ins.Jt != 0 || ins.Jf != 0) {
			for _, t := range []struct {
				name string
				off  uint8
			}{{"jt:", ins.Jt}, {"jf:", ins.Jf}} {
				target := r.PC + 1 + int(t.off)
				if target < prog.Len() {
					fmt.Fprintf(w, "%s%s\n", label(t.name), disasm(syn, prog.Instruction(target), target))
				}
			}
		}
	}
	fmt.Fprintf(w, "%s%s\n", label("A:"), regValue(r.A))
	fmt.Fprintf(w, "%s%s\n", label("X:"), regValue(r.X))
	any := false
	for i, m := range r.M {
		if m != 0 {
			any = true
			fmt.Fprintf(w, "%s%s\n", label(fmt.Sprintf("M[%d]:", i)), regValue(m))
		}
	}
	if !any {
		fmt.Fprintf(w, "%s%s\n", label(fmt.Sprintf("M[0,%d]:", len(r.M)-1)), regValue(0))
	}
}

// writePacket writes the "-- packet dump --" part: the packet's number,
// lengths and bytes, sixteen to a line with the decimal offset in front.
func writePacket(w io.Writer, num int, data []byte, wireLen int) {
	fmt.Fprintln(w, "-- packet dump --")
	fmt.Fprintf(w, "%s[%d]\n", label("packet:"), num)
	if len(data) != wireLen {
		fmt.Fprintf(w, "cap: %d, len: %d\n", len(data), wireLen)
	} else {
		fmt.Fprintf(w, "len: %d\n", wireLen)
	}
	var line []byte
	for off := 0; off < len(data); off += 16 {
		line = fmt.Appendf(line[:0], "%3d:", off)
		for _, b := range data[off:min(off+16, len(data))] {
			line = fmt.Appendf(line, " %02x", b)
		}
		line = append(line, '\n')
		w.Write(line)
	}
}

// writeReturn writes the result of a finished program, and why it ended
// when that was not a ret instruction.
func writeReturn(w io.Writer, ret uint32, stop bpfvm.Stop) {
	fmt.Fprintf(w, "%s%s", label("ret:"), regValue(ret))
	if stop != bpfvm.StopReturn {
		fmt.Fprintf(w, " (%s)", stop)
	}
	fmt.Fprintln(w)
}

// writeCArray writes prog as bpf_dbg's dump command does: C initialisers
// with the code and k in fixed-width hex ("{ 0x28,  0,  0, 0x0000000c },").
// bpf_dbg's C "%#" formats dropped the "0x" of zero ("0000000000"); here
// zero is written like any other value.
func writeCArray(w io.Writer, prog []bpf.RawInstruction) {
	fmt.Fprintln(w, "/* { op, jt, jf, k }, */")
	for _, ins := range prog {
		fmt.Fprintf(w, "{ 0x%02x, %2d, %2d, 0x%08x },\n", ins.Op, ins.Jt, ins.Jf, ins.K)
	}
}
