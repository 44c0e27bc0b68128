package bpfcheck

import (
	"bufio"
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"golang.org/x/net/bpf"
)

// Shorthands for building test programs.
func ins(op uint16, jt, jf uint8, k uint32) bpf.RawInstruction {
	return bpf.RawInstruction{Op: op, Jt: jt, Jf: jf, K: k}
}

var (
	retK  = ins(0x06, 0, 0, 1)
	retA  = ins(0x16, 0, 0, 0)
	ldImm = ins(0x00, 0, 0, 1)
)

func TestCheckRules(t *testing.T) {
	tests := []struct {
		name  string
		prog  []bpf.RawInstruction
		index int  // Error.Index, when rule != 0
		rule  Rule // 0: accepted
		text  string
	}{
		{"minimal ret k", []bpf.RawInstruction{retK}, 0, 0, ""},
		{"minimal ret a", []bpf.RawInstruction{retA}, 0, 0, ""},

		// Length.
		{"empty", nil, -1, RuleLength, "program has no instructions; the kernel requires at least 1"},
		{"4097", repeat(retK, 4097), -1, RuleLength, "program has 4097 instructions; the kernel allows at most 4096"},
		{"4096", repeat(retK, 4096), 0, 0, ""},

		// Opcode whitelist.
		{"ret x", []bpf.RawInstruction{ins(0x0e, 0, 0, 0)}, 0, RuleOpcode, "instruction 0: opcode 0xe is not a Linux classic BPF instruction"},
		{"ldh #k", []bpf.RawInstruction{ldImm, ins(0x08, 0, 0, 1), retA}, 1, RuleOpcode, "opcode 0x8"},
		{"ldx [k]", []bpf.RawInstruction{ins(0x21, 0, 0, 1), retA}, 0, RuleOpcode, ""},
		{"ldxh msh", []bpf.RawInstruction{ins(0xa9, 0, 0, 1), retA}, 0, RuleOpcode, ""},
		{"bad alu op", []bpf.RawInstruction{ins(0xc4, 0, 0, 1), retA}, 0, RuleOpcode, ""},
		{"bad misc", []bpf.RawInstruction{ins(0x0f, 0, 0, 0), retA}, 0, RuleOpcode, ""},
		{"ja x", []bpf.RawInstruction{ins(0x0d, 0, 0, 0), retA}, 0, RuleOpcode, ""},
		{"high bits", []bpf.RawInstruction{ins(0x106, 0, 0, 0), retA}, 0, RuleOpcode, "opcode 0x106"},
		{"ldx len", []bpf.RawInstruction{ins(0x81, 0, 0, 0), retA}, 0, 0, ""},

		// Division and shifts by constant.
		{"div #0", []bpf.RawInstruction{ins(0x34, 0, 0, 0), retA}, 0, RuleDivideByZero, "instruction 0: division by constant zero"},
		{"mod #0", []bpf.RawInstruction{ldImm, ins(0x94, 0, 0, 0), retA}, 1, RuleDivideByZero, "modulo by constant zero"},
		{"div #1", []bpf.RawInstruction{ins(0x34, 0, 0, 1), retA}, 0, 0, ""},
		{"div x", []bpf.RawInstruction{ins(0x3c, 0, 0, 0), ins(0x9c, 0, 0, 0), retA}, 0, 0, ""},
		{"lsh #32", []bpf.RawInstruction{ins(0x64, 0, 0, 32), retA}, 0, RuleShift, "shift by constant 32; it must be below 32"},
		{"rsh #huge", []bpf.RawInstruction{ins(0x74, 0, 0, 0xffffffff), retA}, 0, RuleShift, ""},
		{"lsh #31 rsh #31", []bpf.RawInstruction{ins(0x64, 0, 0, 31), ins(0x74, 0, 0, 31), retA}, 0, 0, ""},
		{"lsh x", []bpf.RawInstruction{ins(0x01, 0, 0, 40), ins(0x6c, 0, 0, 0), retA}, 0, 0, ""},

		// Scratch memory index.
		{"st M[16]", []bpf.RawInstruction{ins(0x02, 0, 0, 16), retA}, 0, RuleMemIndex, "scratch memory index 16 out of range; slots are M[0] to M[15]"},
		{"stx M[16]", []bpf.RawInstruction{ins(0x03, 0, 0, 16), retA}, 0, RuleMemIndex, ""},
		{"ld M[16]", []bpf.RawInstruction{ins(0x02, 0, 0, 15), ins(0x60, 0, 0, 16), retA}, 1, RuleMemIndex, ""},
		{"ldx M[huge]", []bpf.RawInstruction{ins(0x61, 0, 0, 1<<31), retA}, 0, RuleMemIndex, ""},
		{"M[15]", []bpf.RawInstruction{ins(0x03, 0, 0, 15), ins(0x60, 0, 0, 15), retA}, 0, 0, ""},

		// Jumps.
		{"ja to last", []bpf.RawInstruction{ins(0x05, 0, 0, 1), retK, retK}, 0, 0, ""},
		{"ja past end", []bpf.RawInstruction{ins(0x05, 0, 0, 1), retK}, 0, RuleJump, "instruction 0: jump target out of range: ja goes to instruction 2, but the program ends at 1"},
		{"ja backward", []bpf.RawInstruction{retK, ins(0x05, 0, 0, 0xfffffffd), retK}, 1, RuleJump, "ja -3 goes backward to instruction -1"},
		{"ja -1", []bpf.RawInstruction{retK, ins(0x05, 0, 0, 0xffffffff), retK}, 1, RuleJump, ""},
		{"ja 0 at end", []bpf.RawInstruction{ins(0x05, 0, 0, 0)}, 0, RuleJump, ""},
		{"jt past end", []bpf.RawInstruction{ins(0x15, 2, 0, 0), retK, retK}, 0, RuleJump, "instruction 0: jump target out of range: jt goes to instruction 3, but the program ends at 2"},
		{"jf past end", []bpf.RawInstruction{ins(0x15, 0, 2, 0), retK, retK}, 0, RuleJump, "jf goes to instruction 3"},
		{"jset x past end", []bpf.RawInstruction{retK, ins(0x4d, 0, 255, 0), retK}, 1, RuleJump, ""},
		{"jump to last", []bpf.RawInstruction{ins(0x25, 1, 0, 0), retK, retA}, 0, 0, ""},
		{"no-op branch", []bpf.RawInstruction{ins(0x35, 0, 0, 0), retA}, 0, 0, ""},
		{"jump max 255", append(append([]bpf.RawInstruction{ins(0x45, 255, 0, 1)}, repeat(ldImm, 255)...), retA), 0, 0, ""},
		{"jt/jf ignored elsewhere", []bpf.RawInstruction{ins(0x28, 2, 1, 12), retA}, 0, 0, ""},

		// Ancillary offsets.
		{"anc proto", []bpf.RawInstruction{ins(0x20, 0, 0, 0xfffff000), retA}, 0, 0, ""},
		{"anc vlan_tpid ldb", []bpf.RawInstruction{ins(0x30, 0, 0, 0xfffff03c), retA}, 0, 0, ""},
		{"anc max", []bpf.RawInstruction{ins(0x28, 0, 0, 0xfffff040), retA}, 0, RuleAncillary, "load from 0xfffff040 (SKF_AD_OFF+64) is not a known ancillary data offset"},
		{"anc misaligned", []bpf.RawInstruction{ins(0x20, 0, 0, 0xfffff002), retA}, 0, RuleAncillary, "SKF_AD_OFF+2"},
		{"anc top", []bpf.RawInstruction{ins(0x30, 0, 0, 0xffffffff), retA}, 0, RuleAncillary, ""},
		{"net off", []bpf.RawInstruction{ins(0x30, 0, 0, 0xfff00009), retA}, 0, 0, ""},
		{"below anc", []bpf.RawInstruction{ins(0x30, 0, 0, 0xffffefff), retA}, 0, 0, ""},
		{"ind in anc band", []bpf.RawInstruction{ins(0x40, 0, 0, 0xfffff002), retA}, 0, 0, ""},
		{"msh in anc band", []bpf.RawInstruction{ins(0xb1, 0, 0, 0xfffff002), retA}, 0, 0, ""},
		{"imm in anc band", []bpf.RawInstruction{ins(0x00, 0, 0, 0xfffff002), retA}, 0, 0, ""},

		// Last instruction.
		{"no ret", []bpf.RawInstruction{ldImm}, 0, RuleLastReturn, "instruction 0: the last instruction must be ret #k or ret a"},
		{"ret then ld", []bpf.RawInstruction{retK, ldImm}, 1, RuleLastReturn, ""},
		{"ret in middle", []bpf.RawInstruction{retK, ldImm, retA}, 0, 0, ""},

		// Per-instruction checks come before the final ret, in order.
		{"first bad wins", []bpf.RawInstruction{ins(0x64, 0, 0, 40), ins(0x34, 0, 0, 0), ldImm}, 0, RuleShift, ""},
		{"instruction before last", []bpf.RawInstruction{ldImm, ins(0x34, 0, 0, 0)}, 1, RuleDivideByZero, ""},
		// ... and before the scratch memory pass.
		{"mem after bad jump", []bpf.RawInstruction{ins(0x60, 0, 0, 0), ins(0x05, 0, 0, 5), retA}, 1, RuleJump, ""},

		// Scratch memory initialisation.
		{"mem uninit", []bpf.RawInstruction{ins(0x60, 0, 0, 0), retA}, 0, RuleMemInit, "instruction 0: reads M[0] that is not written on every path"},
		{"ldx uninit", []bpf.RawInstruction{ins(0x02, 0, 0, 1), ins(0x61, 0, 0, 2), retA}, 1, RuleMemInit, "reads M[2]"},
		{"mem written", []bpf.RawInstruction{ins(0x02, 0, 0, 3), ins(0x60, 0, 0, 3), retA}, 0, 0, ""},
		{"stx counts", []bpf.RawInstruction{ins(0x03, 0, 0, 3), ins(0x61, 0, 0, 3), retA}, 0, 0, ""},
		// jeq: jt skips the store, so the read is reached without it.
		{"mem one path", []bpf.RawInstruction{
			ins(0x15, 1, 0, 5), // 0: jeq #5 jt 2 jf 1
			ins(0x02, 0, 0, 1), // 1: st M[1]
			ins(0x60, 0, 0, 1), // 2: ld M[1]
			retA,
		}, 2, RuleMemInit, "reads M[1]"},
		{"mem both paths", []bpf.RawInstruction{
			ins(0x15, 0, 2, 5), // 0: jeq #5 jt 1 jf 3
			ins(0x02, 0, 0, 1), // 1: st M[1]
			ins(0x05, 0, 0, 1), // 2: ja 4
			ins(0x03, 0, 0, 1), // 3: stx M[1]
			ins(0x60, 0, 0, 1), // 4: ld M[1]
			retA,
		}, 0, 0, ""},
		{"mem written before branch", []bpf.RawInstruction{
			ins(0x02, 0, 0, 7), // 0: st M[7]
			ins(0x15, 1, 0, 5), // 1: jeq #5 jt 3 jf 2
			ldImm,              // 2
			ins(0x60, 0, 0, 7), // 3: ld M[7]
			retA,
		}, 0, 0, ""},
		{"ja skips store", []bpf.RawInstruction{
			ins(0x05, 0, 0, 1), // 0: ja 2
			ins(0x02, 0, 0, 0), // 1: st M[0] (unreachable)
			ins(0x60, 0, 0, 0), // 2: ld M[0]
			retA,
		}, 2, RuleMemInit, ""},
		// After a jump the kernel resets the fall-through state to "all
		// written", so an unreachable read right after ja passes.
		{"unreachable after ja", []bpf.RawInstruction{
			ins(0x05, 0, 0, 1), // 0: ja 2
			ins(0x60, 0, 0, 9), // 1: ld M[9], unreachable
			retA,
		}, 0, 0, ""},
		// ... and so does a read that only a later store "covers", when
		// both are after a jump and only the fall-through reaches them.
		{"unreachable after ret", []bpf.RawInstruction{
			retK,
			ins(0x60, 0, 0, 9), // unreachable, but ret is not a jump
			retA,
		}, 1, RuleMemInit, ""},
		{"mem ok then lost at target", []bpf.RawInstruction{
			ins(0x25, 2, 0, 1), // 0: jgt #1 jt 3 jf 1
			ins(0x02, 0, 0, 4), // 1: st M[4]
			ins(0x60, 0, 0, 4), // 2: ld M[4] (fine: only reached from 1)
			ins(0x60, 0, 0, 4), // 3: ld M[4] (jt path lacks the store)
			retA,
		}, 3, RuleMemInit, ""},
	}
	for _, tt := range tests {
		err := Check(tt.prog)
		if tt.rule == 0 {
			if err != nil {
				t.Errorf("%s: Check = %v, want nil", tt.name, err)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("%s: Check = %v, want an *Error", tt.name, err)
			continue
		}
		if e.Index != tt.index || e.Rule != tt.rule || !strings.Contains(err.Error(), tt.text) {
			t.Errorf("%s: Check = %q (index %d, rule %v), want index %d, rule %v, text containing %q",
				tt.name, err, e.Index, e.Rule, tt.index, tt.rule, tt.text)
		}
	}
}

func repeat(in bpf.RawInstruction, n int) []bpf.RawInstruction {
	prog := make([]bpf.RawInstruction, n)
	for i := range prog {
		prog[i] = in
	}
	return prog
}

// TestAllowed pins the whitelist: the 49 opcodes of the kernel's
// chk_code_allowed and nothing else.
func TestAllowed(t *testing.T) {
	want := []uint16{
		0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x0c, 0x14, 0x15, 0x16,
		0x1c, 0x1d, 0x20, 0x24, 0x25, 0x28, 0x2c, 0x2d, 0x30, 0x34, 0x35, 0x3c,
		0x3d, 0x40, 0x44, 0x45, 0x48, 0x4c, 0x4d, 0x50, 0x54, 0x5c, 0x60, 0x61,
		0x64, 0x6c, 0x74, 0x7c, 0x80, 0x81, 0x84, 0x87, 0x94, 0x9c, 0xa4, 0xac,
		0xb1,
	}
	var got []uint16
	for code := range 1 << 16 {
		if Allowed(uint16(code)) {
			got = append(got, uint16(code))
		}
	}
	if len(got) != len(want) {
		t.Fatalf("Allowed accepts %d codes %#x, want %d", len(got), got, len(want))
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("Allowed codes = %#x, want %#x", got, want)
		}
	}
}

// TestCheckTcpdump checks programs tcpdump 4.99.3 compiles: the ordinary
// ones load, and ip6 protochain's backward ja is the kernel's complaint
// (libpcap then filters in userland).
func TestCheckTcpdump(t *testing.T) {
	tests := []struct {
		name, ddd string
		index     int
	}{
		{"tcp port 22", "20,40 0 0 12,21 0 6 34525,48 0 0 20,21 0 15 6,40 0 0 54,21 12 0 22,40 0 0 56,21 10 11 22,21 0 10 2048,48 0 0 23,21 0 8 6,40 0 0 20,69 6 0 8191,177 0 0 14,72 0 0 14,21 2 0 22,72 0 0 16,21 0 1 22,6 0 0 262144,6 0 0 0,", -1},
		{"vlan 100 and inbound (live)", "17,48 0 0 4294963248,21 4 0 1,40 0 0 12,21 2 0 33024,21 1 0 34984,21 0 10 37120,48 0 0 4294963248,21 0 2 1,48 0 0 4294963244,5 0 0 1,40 0 0 14,84 0 0 4095,21 0 3 100,40 0 0 4294963204,21 1 0 4,6 0 0 262144,6 0 0 0,", -1},
		{"ip[2:2] = ip[4:2]", "10,40 0 0 12,21 0 7 2048,40 0 0 16,2 0 0 1,40 0 0 18,7 0 0 3,96 0 0 1,29 0 1 0,6 0 0 262144,6 0 0 0", -1},
		{"ip6 protochain 6", "36,40 0 0 12,21 0 33 34525,48 0 0 20,1 0 0 40,21 27 0 6,21 26 0 59,21 3 0 0,21 2 0 60,21 1 0 43,21 0 9 44,80 0 0 14,2 0 0 0,80 0 0 15,4 0 0 1,36 0 0 8,12 0 0 0,7 0 0 0,96 0 0 0,5 0 0 4294967281,21 0 12 51,135 0 0 0,80 0 0 14,2 0 0 0,135 0 0 0,4 0 0 1,7 0 0 0,80 0 0 14,4 0 0 2,36 0 0 4,7 0 0 0,96 0 0 0,5 0 0 4294967268,4 0 0 0,21 0 1 6,6 0 0 262144,6 0 0 0,", 18},
	}
	for _, tt := range tests {
		prog, err := bpftext.ParseDecimal(tt.ddd)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		err = Check(prog)
		var e *Error
		switch {
		case tt.index < 0 && err != nil:
			t.Errorf("%s: Check = %v, want nil", tt.name, err)
		case tt.index >= 0 && (!errors.As(err, &e) || e.Index != tt.index || e.Rule != RuleJump):
			t.Errorf("%s: Check = %v, want a jump error at instruction %d", tt.name, err, tt.index)
		}
	}
}

// TestCheckCorpus runs every program of the research corpus: those marked
// expect=REJECT were refused by Linux 6.18 with EINVAL, all others loaded.
func TestCheckCorpus(t *testing.T) {
	path := testcorpus.Path(t, "research/bpf_asm_corpus.txt")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()

	meta := regexp.MustCompile(`^# ([A-Za-z0-9_]+): .*\bexpect=(\S+)`)
	type program struct {
		name   string
		reject bool
		text   strings.Builder
	}
	var progs []*program
	var cur *program
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case meta.MatchString(line):
			m := meta.FindStringSubmatch(line)
			cur = &program{name: m[1], reject: m[2] == "REJECT"}
			progs = append(progs, cur)
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "":
			cur = nil
		case cur != nil:
			cur.text.WriteString(line)
			cur.text.WriteByte('\n')
		default:
			t.Fatalf("program text without a metadata line: %q", line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}

	var rejects, accepts int
	for _, p := range progs {
		prog, err := bpftext.ParseDecimal(p.text.String())
		if err != nil {
			t.Errorf("%s: %v", p.name, err)
			continue
		}
		err = Check(prog)
		switch {
		case p.reject && err == nil:
			t.Errorf("%s: accepted, but the kernel refuses it", p.name)
		case !p.reject && err != nil:
			t.Errorf("%s: refused (%v), but the kernel accepts it", p.name, err)
		case p.reject:
			rejects++
			t.Logf("%s: %v", p.name, err)
		default:
			accepts++
		}
	}
	if rejects == 0 || accepts == 0 {
		t.Errorf("corpus gave %d refused and %d accepted programs; the parser in this test is probably broken", rejects, accepts)
	}
}

func TestCheckAllocs(t *testing.T) {
	prog, err := bpftext.ParseDecimal("10,40 0 0 12,21 0 7 2048,40 0 0 16,2 0 0 1,40 0 0 18,7 0 0 3,96 0 0 1,29 0 1 0,6 0 0 262144,6 0 0 0")
	if err != nil {
		t.Fatal(err)
	}
	if allocs := testing.AllocsPerRun(100, func() { Check(prog) }); allocs != 0 {
		t.Errorf("Check allocates %v times on an accepted program, want 0", allocs)
	}
}

// TestCheckMemInitLong exercises the scratch memory pass on programs
// longer than its short-program array.
func TestCheckMemInitLong(t *testing.T) {
	for _, n := range []int{200, 300, 4096} {
		prog := benchProgram(n)
		if err := Check(prog); err != nil {
			t.Errorf("len %d: Check = %v, want nil", len(prog), err)
		}
		// A ja from the start over everything else, landing on a read
		// that the jump skips the only store for.
		prog[0] = bpf.RawInstruction{Op: 0x05, K: uint32(len(prog) - 3)}
		prog[len(prog)-2] = bpf.RawInstruction{Op: 0x60, K: 0} // ld M[0]
		var e *Error
		if err := Check(prog); !errors.As(err, &e) || e.Rule != RuleMemInit || e.Index != len(prog)-2 {
			t.Errorf("len %d: Check = %v, want a scratch memory error at %d", len(prog), err, len(prog)-2)
		}
	}
}
