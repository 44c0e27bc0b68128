package optimize

import (
	"encoding/binary"
	"flag"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/internal/libpcapcorpus"
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
	res := libpcapcorpus.Resolver(t, corpus)
	blocks := libpcapcorpus.LoadAccept(t, corpus)

	type tally struct{ pass, fail, genWrong int }
	var core, all tally
	var fails strings.Builder
	for _, b := range blocks {
		if b.Skip != "" || b.Name == "bpf_image" {
			continue
		}
		wantUnopt, wantOpt := b.Unopt, b.Opt
		if b.OptUnopt != nil {
			wantUnopt, wantOpt = b.OptUnopt, b.OptUnopt
		}
		hasOpt := b.HasOpt
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
			Netmask:  netmask(b.Netmask),
			LinuxExt: b.LinuxExt == 1,
			Offline:  b.Offline != "",
			Swapped:  b.Offline == "swapped",
			Names:    res,
		}
		if b.Snaplen != nil {
			cfg.Snaplen = *b.Snaplen
		}
		isCore := slices.Contains(libpcapcorpus.CoreDLTs, b.DLT)
		for i, expr := range b.Aliases {
			unopt, opt, err := compileOpt(t, cfg, expr)
			if unopt != libpcapcorpus.Listing(*wantUnopt) {
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
				ok = opt == libpcapcorpus.Listing(*wantOpt)
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
				want = libpcapcorpus.Listing(*wantOpt)
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
	cases := libpcapcorpus.LoadReject(t, corpus)
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

// netmask is a case's netmask as the generator takes it.
func netmask(s string) uint32 {
	if m := libpcapcorpus.Netmask(s); m != nil {
		return binary.BigEndian.Uint32(m)
	}
	return gen.NetmaskUnknown
}
