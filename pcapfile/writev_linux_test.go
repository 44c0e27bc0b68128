package pcapfile

import (
	"os"
	"testing"
)

// TestRawWrites checks which outputs are written with raw system calls:
// regular files and /dev/null, not pipes (whose reader may stall them).
func TestRawWrites(t *testing.T) {
	f, err := os.Create(t.TempDir() + "/x.pcap")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer null.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for _, tc := range []struct {
		f    *os.File
		want bool
	}{{f, true}, {null, true}, {w, false}} {
		if got := newOutput(tc.f, 4096).raw; got != tc.want {
			t.Errorf("%s: raw writes %v, want %v", tc.f.Name(), got, tc.want)
		}
	}
}
