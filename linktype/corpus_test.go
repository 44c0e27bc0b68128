package linktype

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

// corpusDir locates the shared libpcap corpus: ../shared/corpus/libpcap
// relative to the module root. Without it the test is skipped, unless CI=true.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
	corpus := filepath.Join(dir, "..", "shared", "corpus", "libpcap")
	if _, err := os.Stat(corpus); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("libpcap corpus not found: %v", err)
		}
		t.Skipf("libpcap corpus not found (%v); skipping", err)
	}
	return corpus
}

// TestCorpusDLTNames checks that every link-type name the corpus uses
// resolves, as libpcap's filtertest resolves it with
// pcap_datalink_name_to_val.
func TestCorpusDLTNames(t *testing.T) {
	dir := corpusDir(t)
	for _, file := range []string{"accept.json", "reject.json"} {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			t.Fatal(err)
		}
		var cases []struct {
			Name string `json:"name"`
			DLT  string `json:"DLT"`
		}
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		seen := map[string]bool{}
		for _, c := range cases {
			if c.DLT == "" || seen[c.DLT] {
				continue // savefile cases name no link type
			}
			seen[c.DLT] = true
			got, ok := NameToVal(c.DLT)
			if !ok {
				t.Errorf("%s: case %q: link type %q does not resolve", file, c.Name, c.DLT)
				continue
			}
			if name := got.Name(); name != c.DLT {
				t.Errorf("%s: %q resolves to %d, whose name is %q", file, c.DLT, got, name)
			}
		}
		if len(seen) == 0 {
			t.Errorf("%s: no link-type names found", file)
		}
	}
}
