package bpftext

import (
	"bufio"
	"fmt"
	"io"
	"strconv"

	"github.com/gocapdump/gocapdump/internal/bpfop"
	"golang.org/x/net/bpf"
)

// Format selects one of tcpdump's program dump forms. Its value is the
// number of d's in the tcpdump flag, so Format(dflag) works directly.
type Format int

const (
	// Listing is tcpdump -d: one Image line per instruction,
	// "(000) ldh      [12]".
	Listing Format = 1
	// CArray is tcpdump -dd: one C initialiser per instruction,
	// "{ 0x28, 0, 0, 0x0000000c },".
	CArray Format = 2
	// Decimal is tcpdump -ddd: the instruction count on a line of its own,
	// then "code jt jf k" in decimal per instruction. ParseDecimal reads
	// it back.
	Decimal Format = 3
)

// String returns the tcpdump flag that selects the format.
func (f Format) String() string {
	switch {
	case f <= Listing:
		return "-d"
	case f == CArray:
		return "-dd"
	default:
		return "-ddd"
	}
}

// Dump writes prog to w in the given format, byte for byte as libpcap's
// bpf_dump prints it; every line, including the last, ends in "\n".
// As in libpcap, a format above Decimal behaves as Decimal and one below
// Listing as Listing. The only error returned is w's.
func Dump(w io.Writer, prog []bpf.RawInstruction, f Format) error {
	bw := bufio.NewWriter(w)
	var line []byte
	switch {
	case f >= Decimal:
		line = strconv.AppendInt(line, int64(len(prog)), 10)
		line = append(line, '\n')
		bw.Write(line)
		for _, ins := range prog {
			line = appendDecimal(line[:0], ins, ' ')
			line = append(line, '\n')
			bw.Write(line)
		}
	case f == CArray:
		for _, ins := range prog {
			line = appendCInit(line[:0], ins)
			line = append(line, '\n')
			bw.Write(line)
		}
	default:
		for pc, ins := range prog {
			line = AppendImage(line[:0], ins, pc)
			line = append(line, '\n')
			bw.Write(line)
		}
	}
	// bufio.Writer keeps the first write error and reports it here.
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("bpftext: writing %s dump: %w", f, err)
	}
	return nil
}

// appendDecimal appends "code jt jf k" in unsigned decimal, fields separated
// by sep.
func appendDecimal(dst []byte, ins bpf.RawInstruction, sep byte) []byte {
	dst = strconv.AppendUint(dst, uint64(ins.Op), 10)
	dst = append(dst, sep)
	dst = strconv.AppendUint(dst, uint64(ins.Jt), 10)
	dst = append(dst, sep)
	dst = strconv.AppendUint(dst, uint64(ins.Jf), 10)
	dst = append(dst, sep)
	return strconv.AppendUint(dst, uint64(ins.K), 10)
}

// appendCInit appends "{ 0x<code>, <jt>, <jf>, 0x<k as 8 hex digits> },".
func appendCInit(dst []byte, ins bpf.RawInstruction) []byte {
	dst = append(dst, "{ 0x"...)
	dst = strconv.AppendUint(dst, uint64(ins.Op), 16)
	dst = append(dst, ", "...)
	dst = strconv.AppendUint(dst, uint64(ins.Jt), 10)
	dst = append(dst, ", "...)
	dst = strconv.AppendUint(dst, uint64(ins.Jf), 10)
	dst = append(dst, ", 0x"...)
	var hex [8]byte
	digits := strconv.AppendUint(hex[:0], uint64(ins.K), 16)
	for n := len(digits); n < 8; n++ {
		dst = append(dst, '0')
	}
	dst = append(dst, digits...)
	return append(dst, " },"...)
}

// enumerationWidth is the column the opcode comment starts at in
// WriteEnumeration's output.
const enumerationWidth = 50

// WriteEnumeration writes the listing libpcap's filtertest test program
// prints for the pseudo-expression "_enumerate_bpf_image": the Image of
// every opcode bpf_image has a name for, each as the instruction
// {code, jt 1, jf 0, k 15} numbered consecutively, non-return opcodes in
// ascending order followed by the return opcodes. Each line is the image
// left-justified in 50 columns, then "; 0x" and the code as four hex digits:
//
//	(000) ld       #0xf                               ; 0x0000
//
// libpcap's test suite uses this listing to pin down the text of every
// opcode at once.
func WriteEnumeration(w io.Writer) error {
	bw := bufio.NewWriter(w)
	var line []byte
	found := 0
	// Two passes, as in filtertest: everything but class RET, then RET.
	for _, wantRet := range [2]bool{false, true} {
		for code := range len(mnemonics) {
			if (bpfop.Class(uint16(code)) == bpfop.RET) != wantRet || !knownOpcode(uint16(code)) {
				continue
			}
			ins := bpf.RawInstruction{Op: uint16(code), Jt: 1, Jf: 0, K: 15}
			line = AppendImage(line[:0], ins, found)
			line = appendPadded(line, "", enumerationWidth-len(line))
			line = append(line, "; 0x"...)
			var hex [4]byte
			digits := strconv.AppendUint(hex[:0], uint64(code), 16)
			for n := len(digits); n < 4; n++ {
				line = append(line, '0')
			}
			line = append(line, digits...)
			line = append(line, '\n')
			bw.Write(line)
			found++
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("bpftext: writing opcode enumeration: %w", err)
	}
	return nil
}
