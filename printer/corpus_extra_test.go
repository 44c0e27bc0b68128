package printer

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// TestCorpusExtra holds on to TESTLIST tests outside the core lists that
// the printer already matches byte for byte (IPv6 mobility, HTTP and
// others whose printers live here): testdata/extra_tests.txt names them,
// and any of them failing is a regression.
//
// With PRINTER_ALL=1 it also runs every TESTLIST test whose options the
// printer understands and logs which ones match, to find new candidates.
func TestCorpusExtra(t *testing.T) {
	dir := testcorpus.Dir(t, "tcpdump")
	all := map[string]corpusTest{}
	var order []string
	for _, ct := range readTestList(t, filepath.Join(dir, "TESTLIST")) {
		all[ct.name] = ct
		order = append(order, ct.name)
	}
	data, err := os.ReadFile(filepath.Join("testdata", "extra_tests.txt"))
	if err != nil {
		t.Fatal(err)
	}
	names := 0
	for _, line := range strings.Split(string(data), "\n") {
		name := strings.TrimSpace(line)
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		names++
		ct, ok := all[name]
		if !ok {
			t.Errorf("%s: not in TESTLIST", name)
			continue
		}
		if got, want, ok := corpusMatch(t, dir, ct); !ok {
			t.Errorf("%s: output differs\n--- got\n%s--- want\n%s", name, got, want)
		}
	}
	t.Logf("extra tests: %d listed", names)

	if os.Getenv("PRINTER_ALL") == "" {
		return
	}
	var pass []string
	for _, name := range order {
		if _, _, ok := corpusMatch(t, dir, all[name]); ok {
			pass = append(pass, name)
		}
	}
	sort.Strings(pass)
	t.Logf("all TESTLIST: %d of %d match:\n%s", len(pass), len(order), strings.Join(pass, "\n"))
}

// corpusMatch runs one TESTLIST test and reports whether its output is
// the expected one.
func corpusMatch(t *testing.T, dir string, ct corpusTest) (got, want []byte, ok bool) {
	got, ran := runCorpusTest(t, dir, ct)
	want, err := os.ReadFile(filepath.Join(dir, ct.output))
	return got, want, ran && err == nil && bytes.Equal(got, want)
}

// TestCorpusOne shows, line by line, where the printer's output for the
// TESTLIST tests named in PRINTER_ONE (comma-separated) differs from the
// expected output. It is a tool for working on the printers and skips
// itself when the variable is unset.
func TestCorpusOne(t *testing.T) {
	names := os.Getenv("PRINTER_ONE")
	if names == "" {
		t.Skip("set PRINTER_ONE to TESTLIST test names")
	}
	dir := testcorpus.Dir(t, "tcpdump")
	all := map[string]corpusTest{}
	for _, ct := range readTestList(t, filepath.Join(dir, "TESTLIST")) {
		all[ct.name] = ct
	}
	for _, name := range strings.Split(names, ",") {
		ct, ok := all[name]
		if !ok {
			t.Errorf("%s: not in TESTLIST", name)
			continue
		}
		got, want, ok := corpusMatch(t, dir, ct)
		if ok {
			t.Logf("%s: match", name)
			continue
		}
		g := strings.Split(string(got), "\n")
		w := strings.Split(string(want), "\n")
		for i := 0; i < len(g) || i < len(w); i++ {
			var a, b string
			if i < len(g) {
				a = g[i]
			}
			if i < len(w) {
				b = w[i]
			}
			if a != b {
				t.Logf("%s line %d\n got: %s\nwant: %s", name, i+1, a, b)
			}
		}
	}
}
