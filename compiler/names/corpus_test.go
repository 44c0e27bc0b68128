package names

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// The corpus's test names describe what they resolve to:
// "eth-ipv4x4-noipv6.host357.libpcap.test" has an ethers entry, four IPv4
// and no IPv6 addresses; "net-10-20-0-0.libpcap.test" is network 10.20.0.0.
var (
	corpusHostRE = regexp.MustCompile(`\b(no)?eth-(no)?ipv4(x4)?-(no)?ipv6(x2)?\.host\d+\.libpcap\.test\b`)
	corpusNetRE  = regexp.MustCompile(`\bnet-(\d+)-(\d+)-(\d+)-(\d+)\.libpcap\.test\b`)
)

// TestCorpusNames resolves every test name the libpcap corpus uses against
// the corpus's own etc files, which the corpus expects in /etc.
func TestCorpusNames(t *testing.T) {
	dir := testcorpus.Dir(t, "libpcap")
	etc := filepath.Join(dir, "etc")
	r := &Resolver{
		HostsFile:    filepath.Join(etc, "hosts"),
		EthersFile:   filepath.Join(etc, "ethers"),
		NetworksFile: filepath.Join(etc, "networks"),
		NoDNS:        true,
	}
	// Collect the filter expressions that mention test names; matching the
	// regular expressions against whole files would be slow.
	var text strings.Builder
	for _, f := range []string{"accept.json", "reject.json"} {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		var cases []struct {
			Expr    string   `json:"expr"`
			Aliases []string `json:"aliases"`
		}
		if err := json.Unmarshal(data, &cases); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, c := range cases {
			for _, e := range append(c.Aliases, c.Expr) {
				if strings.Contains(e, ".libpcap.test") {
					text.WriteString(e)
					text.WriteByte('\n')
				}
			}
		}
	}

	hosts := corpusHostRE.FindAllStringSubmatch(text.String(), -1)
	if len(hosts) == 0 {
		t.Fatal("no host names found in the corpus")
	}
	checked := map[string]bool{}
	for _, m := range hosts {
		name := m[0]
		if checked[name] {
			continue
		}
		checked[name] = true
		hasEth := m[1] == ""
		want4, want6 := 0, 0
		if m[2] == "" {
			want4 = 1
			if m[3] != "" {
				want4 = 4
			}
		}
		if m[4] == "" {
			want6 = 1
			if m[5] != "" {
				want6 = 2
			}
		}

		_, err := r.LookupEthers(name)
		if hasEth && err != nil {
			t.Errorf("LookupEthers(%q): %v", name, err)
		} else if !hasEth && !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupEthers(%q): %v; want ErrNotFound", name, err)
		}

		addrs, err := r.LookupHost(context.Background(), name)
		if want4+want6 == 0 {
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("LookupHost(%q) = %v, %v; want ErrNotFound", name, addrs, err)
			}
			continue
		}
		n4, n6 := 0, 0
		for _, a := range addrs {
			if a.Is4() {
				n4++
			} else {
				n6++
			}
		}
		if err != nil || n4 != want4 || n6 != want6 {
			t.Errorf("LookupHost(%q) = %v, %v; want %d IPv4 and %d IPv6", name, addrs, err, want4, want6)
		}
	}

	// The corpus used 10 distinct host names when this test was written.
	if len(checked) < 10 {
		t.Errorf("only %d host names found in the corpus", len(checked))
	}

	// The corpus's expected program for this host compares these, sorted.
	addrs, err := r.LookupHost(context.Background(), "eth-ipv4x4-ipv6x2.host357.libpcap.test")
	if err != nil {
		t.Fatal(err)
	}
	var v4 []string
	for _, a := range addrs {
		if a.Is4() {
			b := a.As4()
			v4 = append(v4, fmt.Sprintf("%#x", uint32(b[0])<<24|uint32(b[1])<<16|uint32(b[2])<<8|uint32(b[3])))
		}
	}
	slices.Sort(v4)
	if want := []string{"0xc0a8f103", "0xc0a8f204", "0xc0a8f301", "0xc0a8f402"}; !slices.Equal(v4, want) {
		t.Errorf("IPv4 addresses of the x4 host = %v, want %v", v4, want)
	}

	nets := corpusNetRE.FindAllStringSubmatch(text.String(), -1)
	if len(nets) == 0 {
		t.Fatal("no network names found in the corpus")
	}
	for _, m := range nets {
		var want uint32
		for _, part := range m[1:] {
			n, ok := smallDecimal(part, 255)
			if !ok {
				t.Fatalf("bad corpus network name %q", m[0])
			}
			want = want<<8 | uint32(n)
		}
		if got, err := r.LookupNetwork(m[0]); err != nil || got != want {
			t.Errorf("LookupNetwork(%q) = %#x, %v; want %#x", m[0], got, err, want)
		}
	}
}
