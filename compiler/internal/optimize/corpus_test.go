package optimize

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/linktype"
)

// The libpcap corpus gives the optimized program for every accepted
// expression. The optimizer is held to it for the expressions whose
// unoptimized program the generator already gets right (for the others
// the graph the optimizer starts from is not libpcap's).

var failsFile = flag.String("fails", "", "write every optimizer mismatch to this file")

// generatorIssues are cases where the generator's graph, although it
// lists right unoptimized, is not libpcap's in a way that matters to the
// optimizer; they are reported, not failed.
var generatorIssues = map[string]string{
	"radio_index_PRISM_HEADER": "the generator does not set NoOptimize for the Prism header length load (libpcap's gen_load_prism_llprefixlen sets no_optimize)",
}

var coreDLTs = []string{"EN10MB", "RAW", "IPV4", "IPV6", "LINUX_SLL", "LINUX_SLL2", "NULL", "LOOP"}

type acceptBlock struct {
	Name     string   `json:"name"`
	DLT      string   `json:"DLT"`
	Aliases  []string `json:"aliases"`
	Snaplen  *uint32  `json:"snaplen"`
	Netmask  string   `json:"netmask"`
	LinuxExt int      `json:"linuxext"`
	Offline  string   `json:"generate_offline_filter"`
	Skip     string   `json:"skip"`
	OptUnopt *string  `json:"optunopt"`
	Opt      *string  `json:"opt"`
	Unopt    *string  `json:"unopt"`
	raw      map[string]json.RawMessage
}

func loadJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// expectedListing keeps the lines of a corpus program that count.
func expectedListing(text string) string {
	var sb strings.Builder
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimLeft(line, "\t ")
		if strings.HasPrefix(line, "(") {
			sb.WriteString(line)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// corpusResolver resolves names from the system's files with the corpus's
// extra lines appended, and never asks the DNS.
func corpusResolver(t *testing.T, corpus string) *names.Resolver {
	t.Helper()
	dir := t.TempDir()
	join := func(name string) string {
		sys, _ := os.ReadFile(filepath.Join("/etc", name))
		extra, _ := os.ReadFile(filepath.Join(corpus, "etc", name))
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, append(append(sys, '\n'), extra...), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return &names.Resolver{
		HostsFile:    join("hosts"),
		EthersFile:   join("ethers"),
		NetworksFile: join("networks"),
		NoDNS:        true,
	}
}

func parseNetmask(s string) uint32 {
	if s == "" {
		return 0xffffffff
	}
	var a, b, c, d uint32
	fmt.Sscanf(s, "%d.%d.%d.%d", &a, &b, &c, &d)
	return a<<24 | b<<16 | c<<8 | d
}

func listing(t testing.TB, root *ir.Block) string {
	prog, err := ir.Linearize(root)
	if err != nil {
		return "linearize: " + err.Error()
	}
	var sb strings.Builder
	if err := bpftext.Dump(&sb, prog, bpftext.Listing); err != nil {
		t.Fatal(err)
	}
	return sb.String()
}

// compileOpt mirrors pcap_compile with the optimizer on: it returns the
// listing, or the error text.
func compileOpt(t testing.TB, cfg gen.Config, expr string) (unopt, opt string, err error) {
	res, err := gen.Generate(cfg, func(b parse.Builder) error { return parse.Parse(expr, b) })
	if err != nil {
		return "", "", err
	}
	unopt = listing(t, res.Root)
	if res.NoOptimize {
		return unopt, unopt, nil
	}
	root, err := Optimize(res.Root)
	if err != nil {
		return unopt, "", err
	}
	if root.IsReturn() && root.Jump.K == 0 && root.Jump.Code == ir.RET|ir.K {
		return unopt, "", fmt.Errorf("expression rejects all packets")
	}
	return unopt, listing(t, root), nil
}

func TestCorpusAccept(t *testing.T) {
	corpus := testcorpus.Dir(t, "libpcap")
	res := corpusResolver(t, corpus)
	var blocks []acceptBlock
	loadJSON(t, filepath.Join(corpus, "accept.json"), &blocks)
	var raws []map[string]json.RawMessage
	loadJSON(t, filepath.Join(corpus, "accept.json"), &raws)

	type tally struct{ pass, fail, genWrong int }
	var core, all tally
	var fails strings.Builder
	for bi, b := range blocks {
		if b.Skip != "" || b.Name == "bpf_image" {
			continue
		}
		wantUnopt, wantOpt := b.Unopt, b.Opt
		if b.OptUnopt != nil {
			wantUnopt, wantOpt = b.OptUnopt, b.OptUnopt
		}
		_, hasOpt := raws[bi]["opt"]
		if wantUnopt == nil || (wantOpt == nil && !hasOpt) {
			continue
		}
		dlt, err := linktype.Parse(b.DLT)
		if err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		cfg := gen.Config{
			LinkType: int(dlt),
			Snaplen:  262144,
			Netmask:  parseNetmask(b.Netmask),
			LinuxExt: b.LinuxExt == 1,
			Offline:  b.Offline != "",
			Swapped:  b.Offline == "swapped",
			Names:    res,
		}
		if b.Snaplen != nil {
			cfg.Snaplen = *b.Snaplen
		}
		isCore := slices.Contains(coreDLTs, b.DLT)
		for i, expr := range b.Aliases {
			unopt, opt, err := compileOpt(t, cfg, expr)
			if unopt != expectedListing(*wantUnopt) {
				all.genWrong++
				if isCore {
					core.genWrong++
				}
				continue
			}
			ok := false
			var got string
			if wantOpt == nil {
				ok = err != nil && err.Error() == "expression rejects all packets"
				got = fmt.Sprint(err)
			} else if err != nil {
				got = "error: " + err.Error()
			} else {
				ok = opt == expectedListing(*wantOpt)
				got = opt
			}
			if ok {
				all.pass++
				if isCore {
					core.pass++
				}
				continue
			}
			if why, ok := generatorIssues[b.Name]; ok {
				t.Logf("%s_%d: known generator issue: %s", b.Name, i, why)
				continue
			}
			all.fail++
			if isCore {
				core.fail++
			}
			want := "expression rejects all packets\n"
			if wantOpt != nil {
				want = expectedListing(*wantOpt)
			}
			fmt.Fprintf(&fails, "=== %s_%d %s %q\n--- want\n%s--- got\n%s", b.Name, i, b.DLT, expr, want, got)
			t.Errorf("%s_%d %s %q: optimized program differs", b.Name, i, b.DLT, expr)
		}
	}
	t.Logf("core link types: %d pass, %d fail (%d more skipped: generator differs)", core.pass, core.fail, core.genWrong)
	t.Logf("all link types: %d pass, %d fail (%d more skipped: generator differs)", all.pass, all.fail, all.genWrong)
	if *failsFile != "" {
		if err := os.WriteFile(*failsFile, []byte(fails.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCorpusRejectsAll runs the corpus's "expression rejects all packets"
// cases: the optimizer reduces them to "ret #0".
func TestCorpusRejectsAll(t *testing.T) {
	corpus := testcorpus.Dir(t, "libpcap")
	var cases []struct {
		Name   string  `json:"name"`
		DLT    string  `json:"DLT"`
		Expr   *string `json:"expr"`
		Errstr string  `json:"errstr"`
		Skip   string  `json:"skip"`
	}
	loadJSON(t, filepath.Join(corpus, "reject.json"), &cases)
	n := 0
	for _, c := range cases {
		if c.Skip != "" || c.Expr == nil || c.Errstr != "expression rejects all packets" {
			continue
		}
		dlt, err := linktype.Parse(c.DLT)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		cfg := gen.Config{LinkType: int(dlt), Snaplen: 262144, Netmask: 0xffffffff}
		_, _, err = compileOpt(t, cfg, *c.Expr)
		if err == nil || err.Error() != c.Errstr {
			t.Errorf("%s: %s %q: got %v, want %q", c.Name, c.DLT, *c.Expr, err, c.Errstr)
		}
		n++
	}
	t.Logf("%d cases", n)
}
