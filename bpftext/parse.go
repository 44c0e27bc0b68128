package bpftext

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/net/bpf"
)

// MaxInstructions is the longest program ParseDecimal accepts: the Linux
// kernel's BPF_MAXINSNS, which is also bpf_dbg's limit.
const MaxInstructions = 4096

// SyntaxError describes why ParseDecimal refused its input.
type SyntaxError struct {
	// Instruction is the 0-based index of the offending instruction, or
	// -1 when the problem is the count or the program as a whole.
	Instruction int
	// Msg says what is wrong.
	Msg string
}

// Error implements the error interface.
func (e *SyntaxError) Error() string {
	if e.Instruction < 0 {
		return "bpftext: " + e.Msg
	}
	return "bpftext: instruction " + strconv.Itoa(e.Instruction) + ": " + e.Msg
}

// ParseDecimal parses a program in the decimal form printed by tcpdump -ddd
// and bpf_asm, and read by bpf_dbg's "load bpf" command: the instruction
// count, then one "code jt jf k" group per instruction. Count and groups
// are separated by commas or newlines, so both of these parse:
//
//	4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,
//
//	4
//	40 0 0 12
//	...
//
// Numbers are unsigned decimal (no sign, no hex); within a group they are
// separated by spaces or tabs, and spaces, tabs and carriage returns around
// separators are ignored. Separators may trail the last group, but an empty
// group elsewhere is an error. The count must match the number of groups
// and be at most MaxInstructions. A count of 0 with no groups gives an
// empty program: whether a program is acceptable is not this parser's
// business (see package bpfcheck). Errors are *SyntaxError.
func ParseDecimal(s string) ([]bpf.RawInstruction, error) {
	// Trailing separators are allowed (tcpdump -ddd | tr '\n' ',').
	s = strings.TrimRight(s, ",\n \t\r")

	head, rest, more := cutSeparator(s)
	head = trimBlank(head)
	if head == "" {
		return nil, &SyntaxError{-1, "missing instruction count"}
	}
	count, err := strconv.ParseUint(head, 10, 64)
	if err != nil {
		if errors.Is(err, strconv.ErrRange) {
			return nil, &SyntaxError{-1, fmt.Sprintf("instruction count %s is too large; the limit is %d", head, MaxInstructions)}
		}
		return nil, &SyntaxError{-1, fmt.Sprintf("instruction count %q is not an unsigned decimal number", head)}
	}
	if count > MaxInstructions {
		return nil, &SyntaxError{-1, fmt.Sprintf("program has %d instructions; the limit is %d", count, MaxInstructions)}
	}

	prog := make([]bpf.RawInstruction, 0, count)
	for more {
		var group string
		group, rest, more = cutSeparator(rest)
		i := len(prog)
		if uint64(i) == count {
			return nil, &SyntaxError{-1, fmt.Sprintf("count says %d instructions but more follow", count)}
		}
		ins, err := parseGroup(trimBlank(group))
		if err != nil {
			return nil, &SyntaxError{i, err.Error()}
		}
		prog = append(prog, ins)
	}
	if uint64(len(prog)) != count {
		return nil, &SyntaxError{-1, fmt.Sprintf("count says %d instructions but %d follow", count, len(prog))}
	}
	return prog, nil
}

// cutSeparator splits s at its first comma or newline.
func cutSeparator(s string) (before, after string, found bool) {
	if i := strings.IndexAny(s, ",\n"); i >= 0 {
		return s[:i], s[i+1:], true
	}
	return s, "", false
}

// trimBlank removes the blanks allowed around separators.
func trimBlank(s string) string {
	return strings.Trim(s, " \t\r")
}

// decimalFields names the four numbers of a group and their limits.
var decimalFields = [4]struct {
	name string
	bits int
}{{"code", 16}, {"jt", 8}, {"jf", 8}, {"k", 32}}

// parseGroup parses "code jt jf k".
func parseGroup(group string) (bpf.RawInstruction, error) {
	if group == "" {
		return bpf.RawInstruction{}, errors.New("empty instruction")
	}
	var vals [4]uint64
	n := 0
	for field := range strings.FieldsFuncSeq(group, isBlank) {
		if n == len(vals) {
			return bpf.RawInstruction{}, fmt.Errorf("want 4 numbers (code jt jf k), got more in %q", group)
		}
		f := decimalFields[n]
		v, err := strconv.ParseUint(field, 10, f.bits)
		if err != nil {
			if errors.Is(err, strconv.ErrRange) {
				return bpf.RawInstruction{}, fmt.Errorf("%s %s is out of range (0..%d)", f.name, field, uint64(1)<<f.bits-1)
			}
			return bpf.RawInstruction{}, fmt.Errorf("%s %q is not an unsigned decimal number", f.name, field)
		}
		vals[n] = v
		n++
	}
	if n != len(vals) {
		return bpf.RawInstruction{}, fmt.Errorf("want 4 numbers (code jt jf k), got %d in %q", n, group)
	}
	return bpf.RawInstruction{Op: uint16(vals[0]), Jt: uint8(vals[1]), Jf: uint8(vals[2]), K: uint32(vals[3])}, nil
}

// isBlank reports the characters that separate numbers within a group.
func isBlank(r rune) bool {
	return r == ' ' || r == '\t' || r == '\r'
}
