package dbg

import (
	"io"
	"io/fs"
	"slices"
	"testing"
	"testing/fstest"

	"golang.org/x/net/bpf"
)

func TestDisasmDbg(t *testing.T) {
	for _, tt := range []struct {
		ins  bpf.RawInstruction
		pc   int
		want string
	}{
		{bpf.RawInstruction{Op: 0x28, K: 12}, 0, "l0:\tldh [12]"},
		{bpf.RawInstruction{Op: 0x15, Jt: 0, Jf: 3, K: 0x800}, 1, "l1:\tjeq #0x800, l2, l5"},
		{bpf.RawInstruction{Op: 0x1d, Jt: 1, Jf: 2}, 42, "l42:\tjeq x, l44, l45"},
		{bpf.RawInstruction{Op: 0x06, K: 0}, 5, "l5:\tret #0"},
		{bpf.RawInstruction{Op: 0x06, K: 0xffff}, 5, "l5:\tret #0xffff"},
		{bpf.RawInstruction{Op: 0x16}, 5, "l5:\tret a"},
		{bpf.RawInstruction{Op: 0x0e}, 5, "l5:\tret x"},
		{bpf.RawInstruction{Op: 0x07}, 3, "l3:\ttax"},
		{bpf.RawInstruction{Op: 0x87}, 3, "l3:\ttxa"},
		{bpf.RawInstruction{Op: 0x84}, 3, "l3:\tneg"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff000}, 0, "l0:\tld #proto"},
		{bpf.RawInstruction{Op: 0x30, K: 0xfffff030}, 0, "l0:\tldb #vlan_avail"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff040}, 0, "l0:\tld [-4032]"},
		{bpf.RawInstruction{Op: 0x30, K: 0xfff00009}, 0, "l0:\tldb [-1048567]"},
		{bpf.RawInstruction{Op: 0x48, K: 4}, 0, "l0:\tldh [x+4]"},
		{bpf.RawInstruction{Op: 0x80}, 0, "l0:\tld #len"},
		{bpf.RawInstruction{Op: 0x81}, 0, "l0:\tldx #len"},
		{bpf.RawInstruction{Op: 0x00, K: 0}, 0, "l0:\tld #0"},
		{bpf.RawInstruction{Op: 0x01, K: 0x14}, 0, "l0:\tldx #0x14"},
		{bpf.RawInstruction{Op: 0xb1, K: 14}, 0, "l0:\tldxb 4*([14]&0xf)"},
		{bpf.RawInstruction{Op: 0x60, K: 3}, 0, "l0:\tld M[3]"},
		{bpf.RawInstruction{Op: 0x03, K: 15}, 0, "l0:\tstx M[15]"},
		{bpf.RawInstruction{Op: 0x05, K: 19}, 20, "l20:\tja 40"},
		{bpf.RawInstruction{Op: 0x05, K: 0xfffffff1}, 18, "l18:\tja 4"},
		{bpf.RawInstruction{Op: 0x04, K: 0xffffffff}, 0, "l0:\tadd #-1"},
		{bpf.RawInstruction{Op: 0x54, K: 0xf}, 0, "l0:\tand #0xf"},
		{bpf.RawInstruction{Op: 0x9c}, 0, "l0:\tmod x"},
		{bpf.RawInstruction{Op: 0xff}, 0, "l0:\tnosup 0xff"},
	} {
		if got := disasmDbg(tt.ins, tt.pc); got != tt.want {
			t.Errorf("disasmDbg(%+v, %d) = %q, want %q", tt.ins, tt.pc, got, tt.want)
		}
	}
}

// TestDisasmAllOpcodes makes sure every opcode the kernel accepts has a
// mnemonic in bpf_dbg syntax.
func TestDisasmAllOpcodes(t *testing.T) {
	for op := range 0x100 {
		d, ok := dbgOpcodes[uint16(op)]
		if ok && d.op == "" {
			t.Errorf("opcode %#x has no mnemonic", op)
		}
	}
	if len(dbgOpcodes) != 50 { // the kernel's 49 plus ret x
		t.Errorf("%d opcodes in the table, want 50", len(dbgOpcodes))
	}
}

func TestRegHex(t *testing.T) {
	for v, want := range map[uint32]string{0: "0x000000", 0x806: "0x000806", 0xffffffff: "0xffffffff"} {
		if got := regHex(v); got != want {
			t.Errorf("regHex(%#x) = %q, want %q", v, got, want)
		}
	}
}

func TestParseUint(t *testing.T) {
	for _, tt := range []struct {
		in   string
		max  uint64
		want uint64
		ok   bool
	}{
		{"12", 100, 12, true}, {"0x1F", 100, 31, true}, {"+3", 10, 3, true},
		{"101", 100, 0, false}, {"-1", 100, 0, false}, {"abc", 100, 0, false},
		{"0x", 100, 0, false}, {"", 100, 0, false}, {"1 2", 100, 0, false},
	} {
		got, err := parseUint(tt.in, tt.max)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("parseUint(%q, %d) = %d, %v; want %d, ok %v", tt.in, tt.max, got, err, tt.want, tt.ok)
		}
	}
}

func TestComplete(t *testing.T) {
	fsys := fstest.MapFS{
		"caps/a.pcap":  {},
		"caps/ab.pcap": {},
		"caps/sub/x":   {},
		"other":        {},
	}
	s := New(io.Discard, &Options{
		ReadDir: func(name string) ([]fs.DirEntry, error) { return fs.ReadDir(fsys, name) },
	})
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"br", []string{"breakpoint "}},
		{"d", []string{"disassemble ", "dump "}},
		{"  q", []string{"  quit "}},
		{"load f", []string{"load filter "}},
		{"load pcap caps/a", []string{"load pcap caps/a.pcap ", "load pcap caps/ab.pcap "}},
		{"load pcap caps/s", []string{"load pcap caps/sub/"}},
		{"load pcap ", []string{"load pcap caps/", "load pcap other "}},
		{"breakpoint r", []string{"breakpoint reset "}},
		{"set all if", []string{"set all ifidx ", "set all ifindex "}},
		{"mode li", []string{"mode libpcap ", "mode linux "}},
		{"linktype EN10", []string{"linktype EN10MB "}},
		{"help sy", []string{"help syntax "}},
		{"zzz ", nil},
		{"step ", nil},
	} {
		if got := s.Complete(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Complete(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
