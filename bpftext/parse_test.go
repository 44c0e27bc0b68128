package bpftext

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"golang.org/x/net/bpf"
)

func TestParseDecimal(t *testing.T) {
	arp := []bpf.RawInstruction{
		{Op: 40, K: 12}, {Op: 21, Jt: 0, Jf: 1, K: 2054}, {Op: 6, K: 4294967295}, {Op: 6},
	}
	tests := []struct {
		name string
		in   string
		want []bpf.RawInstruction
	}{
		{"bpf_asm", "4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,", arp},
		{"bpf_asm no trailing comma", "4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0", arp},
		{"tcpdump -ddd", "4\n40 0 0 12\n21 0 1 2054\n6 0 0 4294967295\n6 0 0 0\n", arp},
		{"CRLF", "4\r\n40 0 0 12\r\n21 0 1 2054\r\n6 0 0 4294967295\r\n6 0 0 0\r\n", arp},
		{"tr newline comma", "4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,\n", arp},
		{"blanks", " 4 ,\t40  0 0\t12 , 21 0 1 2054,6 0 0 4294967295 ,6 0 0 0 ,, \n", arp},
		{"mixed separators", "4,40 0 0 12\n21 0 1 2054,6 0 0 4294967295\n6 0 0 0", arp},
		{"limits", "1,65535 255 255 4294967295", []bpf.RawInstruction{{Op: 65535, Jt: 255, Jf: 255, K: 4294967295}}},
		{"leading zeros", "01,006 0 0 010", []bpf.RawInstruction{{Op: 6, K: 10}}},
		{"empty program", "0", []bpf.RawInstruction{}},
		{"empty program comma", "0,", []bpf.RawInstruction{}},
	}
	for _, tt := range tests {
		got, err := ParseDecimal(tt.in)
		if err != nil {
			t.Errorf("%s: ParseDecimal(%q): %v", tt.name, tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: ParseDecimal(%q) = %v, want %v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestParseDecimalErrors(t *testing.T) {
	tests := []struct {
		in      string
		index   int    // SyntaxError.Instruction
		message string // substring of the error text
	}{
		{"", -1, "missing instruction count"},
		{",6 0 0 0", -1, "missing instruction count"},
		{"x,6 0 0 0", -1, `instruction count "x" is not an unsigned decimal number`},
		{"-1,6 0 0 0", -1, "not an unsigned decimal number"},
		{"2 6 0 0 0", -1, "not an unsigned decimal number"},
		{"4097", -1, "program has 4097 instructions; the limit is 4096"},
		{"99999999999999999999999,6 0 0 0", -1, "too large"},
		{"2,6 0 0 0", -1, "count says 2 instructions but 1 follow"},
		{"1,6 0 0 0,6 0 0 0", -1, "count says 1 instructions but more follow"},
		{"0,6 0 0 0", -1, "count says 0 instructions but more follow"},
		{"3,6 0 0 0,,6 0 0 0", 1, "empty instruction"},
		{"1,6 0 0", 0, "want 4 numbers (code jt jf k), got 3"},
		{"1,6 0 0 0 0", 0, "got more"},
		{"1,65536 0 0 0", 0, "code 65536 is out of range (0..65535)"},
		{"2,6 0 0 0,21 256 0 0", 1, "jt 256 is out of range (0..255)"},
		{"1,21 0 300 0", 0, "jf 300 is out of range"},
		{"1,6 0 0 4294967296", 0, "k 4294967296 is out of range (0..4294967295)"},
		{"1,6 0 0 -1", 0, `k "-1" is not an unsigned decimal number`},
		{"1,0x28 0 0 12", 0, `code "0x28" is not an unsigned decimal number`},
		{"1,{ 0x28, 0, 0, 0x0000000c },", 0, "is not an unsigned decimal number"},
	}
	for _, tt := range tests {
		prog, err := ParseDecimal(tt.in)
		var se *SyntaxError
		if !errors.As(err, &se) {
			t.Errorf("ParseDecimal(%q) = %v, %v; want a *SyntaxError", tt.in, prog, err)
			continue
		}
		if se.Instruction != tt.index || !strings.Contains(err.Error(), tt.message) {
			t.Errorf("ParseDecimal(%q): error %q (instruction %d), want instruction %d and %q",
				tt.in, err, se.Instruction, tt.index, tt.message)
		}
	}
}

func TestParseDecimalMax(t *testing.T) {
	var sb strings.Builder
	sb.WriteString("4096\n")
	for range 4096 {
		sb.WriteString("6 0 0 0\n")
	}
	prog, err := ParseDecimal(sb.String())
	if err != nil || len(prog) != 4096 {
		t.Fatalf("4096 instructions: len %d, err %v", len(prog), err)
	}
}

func TestSyntaxErrorText(t *testing.T) {
	if got := (&SyntaxError{Instruction: 3, Msg: "empty instruction"}).Error(); got != "bpftext: instruction 3: empty instruction" {
		t.Errorf("got %q", got)
	}
	if got := (&SyntaxError{Instruction: -1, Msg: "missing instruction count"}).Error(); got != "bpftext: missing instruction count" {
		t.Errorf("got %q", got)
	}
}

// FuzzParseDecimal checks that ParseDecimal never panics, and that whatever
// it accepts survives a round trip through Dump(Decimal).
func FuzzParseDecimal(f *testing.F) {
	f.Add("4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,")
	f.Add("1\n6 0 0 262144\n")
	f.Add("0")
	f.Add("2,6 0 0 0,,")
	f.Add("1,65536 0 0 0")
	f.Fuzz(func(t *testing.T, in string) {
		prog, err := ParseDecimal(in)
		if err != nil {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			return
		}
		if len(prog) > MaxInstructions {
			t.Fatalf("accepted %d instructions", len(prog))
		}
		var buf bytes.Buffer
		if err := Dump(&buf, prog, Decimal); err != nil {
			t.Fatal(err)
		}
		again, err := ParseDecimal(buf.String())
		if err != nil {
			t.Fatalf("re-parsing the dump %q: %v", buf.String(), err)
		}
		if !reflect.DeepEqual(prog, again) {
			t.Fatalf("round trip changed the program: %v -> %v", prog, again)
		}
	})
}
