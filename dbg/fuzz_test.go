package dbg

import (
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzCommands feeds arbitrary command lines to a session that has the
// test pcap and a program loaded. No input may make it panic or fail to
// write, and completion must hold for every prefix.
func FuzzCommands(f *testing.F) {
	scripts, _ := filepath.Glob("testdata/*.script")
	for _, name := range scripts {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(string(data))
		}
	}
	for _, s := range []string{
		"step -3\nstep 2\nstep -1",
		"breakpoint 0x3\nrun 0x2\nrun",
		"set all vlan 0x2064\nset vlan none\nset random 7\nset",
		"mode libpcap\nload bpf 8,0 0 0 0,5 0 0 1,22 0 0 0,4 0 0 1,53 0 1 3,5 0 0 4294967292,5 0 0 4294967292,6 0 0 0\nrun -v",
		"select 18446744073709551615\nstep +99999999999\nbreakpoint -1",
		"l f ip or\nd -dd\nhelp s\nsy tcpdump\nlinktype 1\nlinktype auto",
	} {
		f.Add(s)
	}
	open := testOpen(f)
	f.Fuzz(func(t *testing.T, script string) {
		s := New(io.Discard, &Options{
			Open:    open,
			ReadDir: func(string) ([]fs.DirEntry, error) { return nil, nil },
		})
		for _, cmd := range []string{"load pcap test.pcap", "load filter ip"} {
			if err := s.Exec(cmd); err != nil {
				t.Fatalf("%s: %v", cmd, err)
			}
		}
		lines := strings.Split(script, "\n")
		if len(lines) > 50 {
			lines = lines[:50]
		}
		for _, line := range lines {
			for i := range len(line) + 1 {
				s.Complete(line[:i])
			}
		}
		err := s.Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")))
		if err != nil && err != ErrQuit {
			t.Fatalf("Run: %v", err)
		}
	})
}

// FuzzParseUint checks the number parser against its contract: what it
// accepts is within the bound and prints back to the same value.
func FuzzParseUint(f *testing.F) {
	for _, s := range []string{"0", "12", "0x1f", "+3", "0x", "-1", "99999999999999999999", "1x"} {
		f.Add(s, uint64(1<<32))
	}
	f.Fuzz(func(t *testing.T, s string, max uint64) {
		v, err := parseUint(s, max)
		if err != nil {
			return
		}
		if v > max {
			t.Fatalf("parseUint(%q, %d) = %d, above the bound", s, max, v)
		}
		if len(s) == 0 {
			t.Fatalf("parseUint accepted the empty string")
		}
	})
}
