package pcapfile

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// readAll reads every packet of a file with both read calls and checks
// that they agree. It returns the number of packets and the final error
// (nil at a clean end of file).
func readAll(t *testing.T, path string, opt ReaderOptions) (int, error) {
	t.Helper()
	if opt.BufferSize == 0 {
		opt.BufferSize = 16 << 10
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := NewReaderOptions(f, opt)
	if err != nil {
		return 0, err
	}
	f2, _ := os.Open(path)
	defer f2.Close()
	r2, err := NewReaderOptions(f2, opt)
	if err != nil {
		t.Fatalf("second open failed: %v", err)
	}
	// And a third, memory-mapped, which must agree to the error text.
	f3, _ := os.Open(path)
	defer f3.Close()
	r3, err := NewFileReader(f3, opt)
	if err != nil {
		t.Fatalf("mapped open failed: %v", err)
	}
	defer r3.Close()
	n := 0
	for {
		data, ci, err := r.ZeroCopyReadPacketData()
		data2, ci2, err2 := r2.ReadPacketData()
		if (err == nil) != (err2 == nil) || ci != ci2 || string(data) != string(data2) {
			t.Fatalf("%s packet %d: zero-copy and copying reads differ: %v / %v", path, n+1, err, err2)
		}
		data3, ci3, err3 := r3.ZeroCopyReadPacketData()
		if fmt.Sprint(err) != fmt.Sprint(err3) || ci != ci3 || string(data) != string(data3) {
			t.Fatalf("%s packet %d: buffered and mapped reads differ: %v / %v", path, n+1, err, err3)
		}
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if len(data) != ci.CaptureLength {
			t.Fatalf("%s packet %d: %d bytes but CaptureLength %d", path, n+1, len(data), ci.CaptureLength)
		}
		if uint64(ci.CaptureLength) > uint64(r.Interfaces()[ci.InterfaceIndex].snapshot) {
			t.Fatalf("%s packet %d: caplen %d above the snapshot length", path, n+1, ci.CaptureLength)
		}
		n++
	}
}

// Savefiles that libpcap itself refuses; the texts are libpcap 1.11's.
var expectedFileErrors = map[string]string{
	// Its IDB's trailer is part of an oversized SHB option.
	"shb-option-too-long.pcapng": "block total length in header 32 and trailer 808464432 don't match",
	// Only versions 1.0 and 1.2 are read (not in reject.json, which has
	// only the 0.1 case).
	"pcapng-invalid-vers-2.pcapng": "unsupported pcapng savefile version 1.1",
}

func TestCorpusSavefiles(t *testing.T) {
	corpus := testcorpus.Path(t, "corpus")
	var files []string
	for _, g := range []string{"tcpdump/*.pcap", "tcpdump/*.pcapng", "libpcap/savefiles/*.pcap*", "libpcap/savefiles/filter/*"} {
		m, err := filepath.Glob(filepath.Join(corpus, g))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	rejects := loadRejects(t, corpus)
	if len(files) < 800 {
		t.Fatalf("only %d savefiles found", len(files))
	}
	var formats [3]int
	for _, path := range files {
		base := filepath.Base(path)
		want, bad := expectedFileErrors[base]
		if w, ok := rejects[base]; ok {
			want, bad = w, true
		}
		_, err := readAll(t, path, ReaderOptions{})
		switch {
		case bad && err == nil:
			t.Errorf("%s: read without error, want %q", base, want)
		case bad && !strings.Contains(err.Error(), want):
			t.Errorf("%s: error %q, want %q", base, err, want)
		case !bad && err != nil:
			t.Errorf("%s: %v", base, err)
		}
		if !bad {
			f, _ := os.Open(path)
			r, err := NewReader(f)
			if err == nil {
				formats[r.Format()]++
			}
			f.Close()
		}
	}
	t.Logf("%d files: %d pcap, %d pcapng read to the end", len(files), formats[FormatPcap], formats[FormatPcapNG])
}

// loadRejects returns the savefile cases of reject.json: file name to the
// error text libpcap gives when opening it (without filtertest's
// "Failed opening: " prefix).
func loadRejects(t *testing.T, corpus string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(corpus, "libpcap/reject.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name, Savefile, Errstr string
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, c := range cases {
		if c.Savefile != "" {
			out[c.Savefile] = strings.TrimPrefix(c.Errstr, "Failed opening: ")
		}
	}
	return out
}

func TestRejectSavefiles(t *testing.T) {
	corpus := testcorpus.Path(t, "corpus")
	rejects := loadRejects(t, corpus)
	if len(rejects) == 0 {
		t.Fatal("no savefile cases in reject.json")
	}
	for name, want := range rejects {
		f, err := os.Open(filepath.Join(corpus, "libpcap/savefiles", name))
		if err != nil {
			t.Fatal(err)
		}
		_, err = NewReader(f)
		f.Close()
		var fe *FormatError
		if !errors.As(err, &fe) {
			t.Errorf("%s: got %v, want a FormatError %q", name, err, want)
			continue
		}
		// Opening errors are libpcap's text exactly.
		if fe.Text != want || err.Error() != want {
			t.Errorf("%s: got %q, want %q", name, err, want)
		}
	}
}

// TestApplyPacketCounts checks the number of packets in each savefile
// against the per-packet results of libpcap's apply cases.
func TestApplyPacketCounts(t *testing.T) {
	corpus := testcorpus.Path(t, "corpus")
	b, err := os.ReadFile(filepath.Join(corpus, "libpcap/apply.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Savefile string
		Results  []uint32
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	checked := map[string]bool{}
	for _, c := range cases {
		if checked[c.Savefile] {
			continue
		}
		checked[c.Savefile] = true
		n, err := readAll(t, filepath.Join(corpus, "libpcap/savefiles/filter", c.Savefile), ReaderOptions{})
		if err != nil {
			t.Errorf("%s: %v", c.Savefile, err)
		} else if n != len(c.Results) {
			t.Errorf("%s: %d packets, want %d", c.Savefile, n, len(c.Results))
		}
	}
	t.Logf("%d savefiles", len(checked))
}
