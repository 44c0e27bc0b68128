package bpftext

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"golang.org/x/net/bpf"
)

// goldenPrograms are programs compiled by tcpdump 4.99.3 / libpcap 1.10.3,
// dumped in all three forms by testdata/gen.sh.
var goldenPrograms = []string{"tcp_port_22", "ip6_protochain", "ip_mem", "arith", "vlan_inbound"}

func TestDumpGolden(t *testing.T) {
	for _, name := range goldenPrograms {
		t.Run(name, func(t *testing.T) {
			ddd := readFile(t, filepath.Join("testdata", name+".ddd"))
			prog, err := ParseDecimal(ddd)
			if err != nil {
				t.Fatalf("ParseDecimal: %v", err)
			}
			for _, f := range []Format{Listing, CArray, Decimal} {
				want := readFile(t, filepath.Join("testdata", name+"."+strings.TrimPrefix(f.String(), "-")))
				var buf bytes.Buffer
				if err := Dump(&buf, prog, f); err != nil {
					t.Fatalf("Dump(%s): %v", f, err)
				}
				if got := buf.String(); got != want {
					t.Errorf("Dump(%s) differs from tcpdump.\ngot:\n%s\nwant:\n%s", f, got, want)
				}
			}
		})
	}
}

func TestDumpFormatsOutOfRange(t *testing.T) {
	prog := []bpf.RawInstruction{{Op: 0x06, K: 0x40000}}
	for f, want := range map[Format]string{
		0:  "(000) ret      #262144\n",
		-1: "(000) ret      #262144\n",
		4:  "1\n6 0 0 262144\n",
	} {
		var buf bytes.Buffer
		if err := Dump(&buf, prog, f); err != nil {
			t.Fatal(err)
		}
		if buf.String() != want {
			t.Errorf("Dump(Format(%d)) = %q, want %q", int(f), buf.String(), want)
		}
	}
}

func TestDumpEmpty(t *testing.T) {
	var buf bytes.Buffer
	if err := Dump(&buf, nil, Decimal); err != nil || buf.String() != "0\n" {
		t.Errorf("Dump(nil, Decimal) = %q, %v; want \"0\\n\", nil", buf.String(), err)
	}
	buf.Reset()
	if err := Dump(&buf, nil, Listing); err != nil || buf.Len() != 0 {
		t.Errorf("Dump(nil, Listing) = %q, %v; want empty", buf.String(), err)
	}
}

type failingWriter struct{}

var errBroken = errors.New("broken pipe")

func (failingWriter) Write([]byte) (int, error) { return 0, errBroken }

func TestDumpWriteError(t *testing.T) {
	prog := []bpf.RawInstruction{{Op: 0x06}}
	if err := Dump(failingWriter{}, prog, Listing); !errors.Is(err, errBroken) {
		t.Errorf("Dump to a failing writer: err = %v, want it to wrap %v", err, errBroken)
	}
	if err := WriteEnumeration(failingWriter{}); !errors.Is(err, errBroken) {
		t.Errorf("WriteEnumeration to a failing writer: err = %v, want it to wrap %v", err, errBroken)
	}
}

// TestEnumerationCorpus compares WriteEnumeration with libpcap's own
// expectation for filtertest's "_enumerate_bpf_image" (block "bpf_image"
// of the libpcap accept corpus).
func TestEnumerationCorpus(t *testing.T) {
	corpus := testcorpus.Dir(t, "libpcap")
	data, err := os.ReadFile(filepath.Join(corpus, "accept.json"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []struct {
		Name  string `json:"name"`
		Unopt string `json:"unopt"`
	}
	if err := json.Unmarshal(data, &blocks); err != nil {
		t.Fatalf("accept.json: %v", err)
	}
	var want string
	for _, b := range blocks {
		if b.Name == "bpf_image" {
			want = programLines(b.Unopt)
		}
	}
	if want == "" {
		t.Fatal(`accept.json has no "bpf_image" block with program lines`)
	}

	var buf bytes.Buffer
	if err := WriteEnumeration(&buf); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	if got != want {
		gotLines, wantLines := strings.Split(got, "\n"), strings.Split(want, "\n")
		for i := 0; i < max(len(gotLines), len(wantLines)); i++ {
			var g, w string
			if i < len(gotLines) {
				g = gotLines[i]
			}
			if i < len(wantLines) {
				w = wantLines[i]
			}
			if g != w {
				t.Errorf("line %d:\n got %q\nwant %q", i+1, g, w)
			}
		}
	}
}

// programLines keeps the lines of a corpus program text that count: those
// starting with "(" once leading tabs are removed.
func programLines(text string) string {
	var sb strings.Builder
	for line := range strings.Lines(text) {
		line = strings.TrimLeft(line, "\t")
		if strings.HasPrefix(line, "(") {
			sb.WriteString(strings.TrimSuffix(line, "\n"))
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func BenchmarkDumpListing(b *testing.B) {
	prog, err := ParseDecimal(readFileB(b, "testdata/ip6_protochain.ddd"))
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		Dump(&buf, prog, Listing)
	}
}

func readFileB(b *testing.B, name string) string {
	data, err := os.ReadFile(name)
	if err != nil {
		b.Fatal(err)
	}
	return string(data)
}
