package bpfvm

import (
	"bufio"
	"encoding/hex"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"golang.org/x/net/bpf"
)

type corpusCase struct {
	name    string
	pkt     []byte
	wireLen int
	expect  string // a number or REJECT
	libpcap string // "" when the same as expect
	prog    []bpf.RawInstruction
}

// loadCorpus parses bpf_asm_corpus.txt: a "# NAME: pkt=... expect=..."
// metadata line, then the program in tcpdump -ddd form.
func loadCorpus(t *testing.T) []corpusCase {
	t.Helper()
	f, err := os.Open(testcorpus.Path(t, "research/bpf_asm_corpus.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var cases []corpusCase
	var cur *corpusCase
	left := -1 // instructions still to read; -1 before the count line
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(text, "#"):
			meta := strings.TrimSpace(strings.TrimPrefix(text, "#"))
			name, rest, ok := strings.Cut(meta, ": pkt=")
			if !ok || strings.ContainsAny(name, " \t") {
				continue
			}
			c := corpusCase{name: name}
			fields, _, _ := strings.Cut("pkt="+rest, " -- ")
			for _, fld := range strings.Fields(fields) {
				key, val, _ := strings.Cut(fld, "=")
				switch key {
				case "pkt":
					if c.pkt, err = hex.DecodeString(val); err != nil {
						t.Fatalf("line %d: %v", line, err)
					}
				case "wirelen":
					c.wireLen, _ = strconv.Atoi(val)
				case "expect":
					c.expect = val
				case "libpcap":
					c.libpcap = val
				}
			}
			if c.wireLen == 0 {
				c.wireLen = len(c.pkt)
			}
			cases = append(cases, c)
			cur, left = &cases[len(cases)-1], -1
		case text == "" || cur == nil:
		case left == -1:
			n, err := strconv.Atoi(text)
			if err != nil {
				t.Fatalf("line %d: count %q", line, text)
			}
			left = n
			cur.prog = []bpf.RawInstruction{}
		case left > 0:
			var v [4]uint64
			parts := strings.Fields(text)
			if len(parts) != 4 {
				t.Fatalf("line %d: %q", line, text)
			}
			for i, p := range parts {
				if v[i], err = strconv.ParseUint(p, 10, 32); err != nil {
					t.Fatalf("line %d: %v", line, err)
				}
			}
			cur.prog = append(cur.prog, bpf.RawInstruction{Op: uint16(v[0]), Jt: uint8(v[1]), Jf: uint8(v[2]), K: uint32(v[3])})
			left--
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return cases
}

// The corpus packet is Ethernet, sent over lo (ifindex 1, ARPHRD_LOOPBACK).
func corpusMetadata(pkt []byte) *Metadata {
	md := MetadataFor(1, pkt)
	md.IfIndex = 1
	md.HAType = arphrdLoopback
	return &md
}

func TestCorpusLinux(t *testing.T) {
	cases := loadCorpus(t)
	if len(cases) < 90 {
		t.Fatalf("only %d corpus programs", len(cases))
	}
	ran, rejected := 0, 0
	for _, c := range cases {
		if c.expect == "REJECT" {
			rejected++
			continue // the kernel's loader: package bpfcheck's job
		}
		want, err := strconv.ParseUint(c.expect, 10, 32)
		if err != nil {
			t.Fatalf("%s: expect=%q", c.name, c.expect)
		}
		p, err := New(c.prog, Linux)
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		if got := p.Run(c.pkt, c.wireLen, corpusMetadata(c.pkt)); got != uint32(want) {
			t.Errorf("%s: got %d, want %d", c.name, got, want)
		}
		ran++
	}
	t.Logf("Linux: %d programs give their expect= value, %d REJECT skipped", ran, rejected)
}

func TestCorpusLibpcap(t *testing.T) {
	ran, refused, skipped := 0, 0, 0
	for _, c := range loadCorpus(t) {
		want := c.libpcap
		if want == "" {
			want = c.expect
		}
		p, err := New(c.prog, Libpcap)
		switch want {
		case "UNDEFINED":
			skipped++
			continue
		case "REJECT", "ABORT":
			if err == nil {
				t.Errorf("%s: libpcap=%s but New accepted it", c.name, want)
			}
			refused++
			continue
		}
		if c.libpcap == "" && c.expect == "REJECT" {
			// The kernel refuses it and the corpus says libpcap agrees.
			if err == nil {
				t.Errorf("%s: REJECT but New accepted it", c.name)
			}
			refused++
			continue
		}
		n, perr := strconv.ParseUint(want, 10, 32)
		if perr != nil {
			t.Fatalf("%s: %q", c.name, want)
		}
		if err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		// bpf_filter gets no metadata when filtering savefiles.
		if got := p.Run(c.pkt, c.wireLen, nil); got != uint32(n) {
			t.Errorf("%s: got %d, want %d", c.name, got, n)
		}
		ran++
	}
	t.Logf("libpcap: %d programs give their value, %d refused as expected, %d UNDEFINED skipped", ran, refused, skipped)
}

// TestCorpusStepping runs every corpus program one instruction at a time
// and checks that the Machine agrees with Run.
func TestCorpusStepping(t *testing.T) {
	for _, c := range loadCorpus(t) {
		for _, mode := range []Mode{Linux, Libpcap} {
			p, err := New(c.prog, mode)
			if err != nil {
				continue
			}
			md := corpusMetadata(c.pkt)
			want := p.Run(c.pkt, c.wireLen, md)
			m := p.NewMachine()
			m.Reset(c.pkt, c.wireLen, md)
			for i := 0; ; i++ {
				if i > 10000 {
					t.Fatalf("%s: does not end", c.name)
				}
				if _, stop := m.Step(); stop != StopNone {
					break
				}
			}
			if _, got, _ := m.Done(); got != want {
				t.Errorf("%s (%v): stepping gives %d, Run %d", c.name, mode, got, want)
			}
		}
	}
}
