package dbg

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// TestScripts runs each testdata/*.script through a session and compares
// the output with the .golden file beside it. Run with -update to rewrite
// the golden files after a deliberate change.
func TestScripts(t *testing.T) {
	scripts, err := filepath.Glob("testdata/*.script")
	if err != nil {
		t.Fatal(err)
	}
	if len(scripts) == 0 {
		t.Fatal("no scripts in testdata")
	}
	for _, script := range scripts {
		name := strings.TrimSuffix(filepath.Base(script), ".script")
		t.Run(name, func(t *testing.T) {
			in, err := os.ReadFile(script)
			if err != nil {
				t.Fatal(err)
			}
			var out bytes.Buffer
			s := New(&out, &Options{NoOptimize: true, Open: testOpen(t)})
			if err := s.Run(context.Background(), bytes.NewReader(in)); err != nil && !errors.Is(err, ErrQuit) {
				t.Fatalf("Run: %v", err)
			}
			golden := strings.TrimSuffix(script, ".script") + ".golden"
			if *update {
				if err := os.WriteFile(golden, out.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if got := out.String(); got != string(want) {
				t.Errorf("output differs from %s:\n%s", golden, diff(string(want), got))
			}
		})
	}
}

// diff shows the first differing line of two texts with some context.
func diff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\nwant: " + wl + "\ngot:  " + gl
		}
	}
	return "(same lines)"
}

func TestExecResults(t *testing.T) {
	var out bytes.Buffer
	s := New(&out, &Options{Open: testOpen(t)})
	if err := s.Exec("quit"); !errors.Is(err, ErrQuit) {
		t.Errorf("quit: got %v, want ErrQuit", err)
	}
	var ce *CommandError
	if err := s.Exec("run"); !errors.As(err, &ce) || ce.Msg != "no bpf program loaded!" {
		t.Errorf("run without program: got %v", err)
	}
	if err := s.Exec("  # a comment"); err != nil {
		t.Errorf("comment: %v", err)
	}
	if err := s.Exec("bogus"); !errors.As(err, &ce) {
		t.Errorf("unknown command: got %v", err)
	}
	if err := s.Exec("load pcap test.pcap"); err != nil {
		t.Errorf("load pcap: %v", err)
	}
}
