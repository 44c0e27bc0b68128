package linktype

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// TestCorpusDLTNames checks that every link-type name the corpus uses
// resolves, as libpcap's filtertest resolves it with
// pcap_datalink_name_to_val.
func TestCorpusDLTNames(t *testing.T) {
	dir := testcorpus.Dir(t, "libpcap")
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
