package gen

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/linktype"
)

// The test harness shared by the primitive families' tests: compiling to
// a listing, loading libpcap's accept and reject corpora, and checking a
// family's share of them.

// generateListing runs the generator with calls, as the parser would
// make them, and returns the unoptimized program in tcpdump -d form.
func generateListing(cfg Config, calls func(b parse.Builder) error) (string, error) {
	if cfg.Snaplen == 0 {
		cfg.Snaplen = 262144
	}
	res, err := Generate(cfg, calls)
	if err != nil {
		return "", err
	}
	return dumpListing(res)
}

// dumpListing linearizes a generated program and lists it.
func dumpListing(res *Result) (string, error) {
	prog, err := ir.Linearize(res.Root)
	if err != nil {
		return "", err
	}
	var sb strings.Builder
	if err := bpftext.Dump(&sb, prog, bpftext.Listing); err != nil {
		return "", err
	}
	return sb.String(), nil
}

// compileExpr compiles a whole expression with the real parser.
func compileExpr(cfg Config, expr string) (string, error) {
	return generateListing(cfg, func(b parse.Builder) error { return parse.Parse(expr, b) })
}

// programText keeps only the instruction lines of a listing, untabbed.
func programText(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		l = strings.TrimLeft(l, "\t ")
		if strings.HasPrefix(l, "(") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// errNotMine marks an expression outside what a test covers.
var errNotMine = errors.New("not covered by this test")

// acceptCase is one case of the corpus's accept.json.
type acceptCase struct {
	Name     string   `json:"name"`
	DLT      string   `json:"DLT"`
	Aliases  []string `json:"aliases"`
	Snaplen  uint32   `json:"snaplen"`
	Netmask  string   `json:"netmask"`
	LinuxExt int      `json:"linuxext"`
	Offline  string   `json:"generate_offline_filter"`
	Skip     string   `json:"skip"`
	Unopt    *string  `json:"unopt"`
	OptUnopt *string  `json:"optunopt"`
}

// unopt returns the unoptimized program the case expects, or nil.
func (c *acceptCase) unopt() *string {
	if c.Unopt != nil {
		return c.Unopt
	}
	return c.OptUnopt
}

// config returns the generator's configuration for the case, as
// filtertest would set it up; false for a link type we do not know.
func (c *acceptCase) config(t *testing.T) (Config, bool) {
	lt, err := linktype.Parse(c.DLT)
	if err != nil {
		return Config{}, false
	}
	cfg := Config{LinkType: int(lt), Snaplen: c.Snaplen, Netmask: NetmaskUnknown, LinuxExt: c.LinuxExt == 1}
	if c.Netmask != "" {
		var a, b, cc, dd uint32
		if _, err := fmt.Sscanf(c.Netmask, "%d.%d.%d.%d", &a, &b, &cc, &dd); err != nil {
			t.Fatalf("%s: netmask %q", c.Name, c.Netmask)
		}
		cfg.Netmask = a<<24 | b<<16 | cc<<8 | dd
	}
	switch c.Offline {
	case "unswapped":
		cfg.Offline = true
	case "swapped":
		cfg.Offline, cfg.Swapped = true, true
	}
	return cfg, true
}

// rejectCase is one case of the corpus's reject.json; savefile cases have
// no expression.
type rejectCase struct {
	Name    string  `json:"name"`
	DLT     string  `json:"DLT"`
	Expr    *string `json:"expr"`
	Errstr  string  `json:"errstr"`
	Skip    string  `json:"skip"`
	Netmask string  `json:"netmask"`
}

var (
	corpusOnce    sync.Once
	corpusAccept  []acceptCase
	corpusReject  []rejectCase
	corpusLoadErr error
)

// loadCorpus returns the corpus directory and its accept and reject
// cases, read once for the whole test binary.
func loadCorpus(t *testing.T) (dir string, accept []acceptCase, reject []rejectCase) {
	t.Helper()
	dir = testcorpus.Dir(t, "libpcap")
	corpusOnce.Do(func() {
		read := func(name string, v any) {
			data, err := os.ReadFile(filepath.Join(dir, name))
			if err == nil {
				err = json.Unmarshal(data, v)
			}
			if err != nil && corpusLoadErr == nil {
				corpusLoadErr = fmt.Errorf("%s: %w", name, err)
			}
		}
		read("accept.json", &corpusAccept)
		read("reject.json", &corpusReject)
	})
	if corpusLoadErr != nil {
		t.Fatal(corpusLoadErr)
	}
	return dir, corpusAccept, corpusReject
}

// corpusUnopt returns the unoptimized program the corpus expects for the
// named accept case, and the case's snapshot length.
func corpusUnopt(t *testing.T, name string) (string, uint32) {
	t.Helper()
	_, accept, _ := loadCorpus(t)
	for i := range accept {
		if c := &accept[i]; c.Name == name {
			if c.unopt() == nil {
				t.Fatalf("corpus case %q has no unoptimized program", name)
			}
			return programText(*c.unopt()), c.Snaplen
		}
	}
	t.Fatalf("no corpus case %q", name)
	return "", 0
}

// corpusResolver reads the name databases that come with the corpus
// (hosts, ethers, networks); services and protocols are the system's.
func corpusResolver(dir string) *names.Resolver {
	etc := filepath.Join(dir, "etc")
	return &names.Resolver{
		HostsFile:    filepath.Join(etc, "hosts"),
		EthersFile:   filepath.Join(etc, "ethers"),
		NetworksFile: filepath.Join(etc, "networks"),
		NoDNS:        true,
	}
}

// programCase is an expression on a link type and the unoptimized
// program it must compile to, in tcpdump -d form.
type programCase struct {
	dlt  int
	expr string
	want string
}

// checkPrograms compiles each case with compile, the netmask unknown, and
// compares the instruction lines with the case's.
func checkPrograms(t *testing.T, compile func(Config, string) (string, error), cases []programCase) {
	t.Helper()
	for _, tc := range cases {
		got, err := compile(Config{LinkType: tc.dlt, Netmask: NetmaskUnknown}, tc.expr)
		if err != nil {
			t.Errorf("%d %q: %v", tc.dlt, tc.expr, err)
			continue
		}
		if g, w := programText(got), programText(tc.want); g != w {
			t.Errorf("%d %q:\ngot:\n%s\nwant:\n%s", tc.dlt, tc.expr, g, w)
		}
	}
}

// errorCase is an expression that must not compile on a link type, and
// the error it must give.
type errorCase struct {
	dlt  int
	expr string
	want string
}

// checkErrors compiles each case with compile, the netmask unknown, and
// checks that match(error text, want) holds.
func checkErrors(t *testing.T, compile func(Config, string) (string, error), match func(got, want string) bool, cases []errorCase) {
	t.Helper()
	for _, tc := range cases {
		_, err := compile(Config{LinkType: tc.dlt, Netmask: NetmaskUnknown}, tc.expr)
		if err == nil || !match(err.Error(), tc.want) {
			t.Errorf("%d %q: got %v, want %q", tc.dlt, tc.expr, err, tc.want)
		}
	}
}

// sameText is the match of checkErrors for an exact error text.
func sameText(got, want string) bool { return got == want }

// familyCheck describes one family's share of the corpus.
type familyCheck struct {
	// linkTypes limits the check to cases on these link types; nil
	// means every link type.
	linkTypes map[string]bool
	// compile compiles one expression; errNotMine means the family's
	// test does not cover it.
	compile func(cfg Config, expr string) (string, error)
	// withNames gives the generator the corpus's name databases.
	withNames bool
	// grammar says compile runs the real parser, so that the corpus's
	// syntax errors are the test's to check.
	grammar bool
}

// resolver returns the name resolver the family's corpus cases compile
// with: the corpus's databases, or none.
func (fc familyCheck) resolver(dir string) *names.Resolver {
	if !fc.withNames {
		return nil
	}
	return corpusResolver(dir)
}

// reportChecked logs how many corpus cases a check compared, and fails
// the test when that is none: a check that compares nothing has lost its
// way through the corpus.
func reportChecked(t *testing.T, n int, what string) {
	t.Helper()
	if n == 0 {
		t.Fatal("no corpus case checked")
	}
	t.Logf("%d %s checked", n, what)
}

// checkAccept compiles every expression of the accept cases the family
// covers and compares the unoptimized programs with the corpus's.
func (fc familyCheck) checkAccept(t *testing.T) {
	t.Helper()
	dir, cases, _ := loadCorpus(t)
	res := fc.resolver(dir)
	ran := 0
	for i := range cases {
		c := &cases[i]
		want := c.unopt()
		if c.Skip != "" || want == nil || (fc.linkTypes != nil && !fc.linkTypes[c.DLT]) {
			continue
		}
		cfg, ok := c.config(t)
		if !ok {
			continue
		}
		cfg.Names = res
		for _, expr := range c.Aliases {
			got, err := fc.compile(cfg, expr)
			if errors.Is(err, errNotMine) {
				continue
			}
			ran++
			if err != nil {
				t.Errorf("%s (%s) %q: %v", c.Name, c.DLT, expr, err)
				continue
			}
			if g, w := programText(got), programText(*want); g != w {
				t.Errorf("%s (%s) %q:\ngot:\n%s\nwant:\n%s", c.Name, c.DLT, expr, g, w)
			}
		}
	}
	reportChecked(t, ran, "expressions")
}

// checkReject compiles every expression of the reject cases the family
// covers and checks that the error contains libpcap's text.
func (fc familyCheck) checkReject(t *testing.T) {
	t.Helper()
	dir, _, cases := loadCorpus(t)
	res := fc.resolver(dir)
	ran := 0
	for i := range cases {
		c := &cases[i]
		if c.Skip != "" || c.Expr == nil || c.Netmask != "" || (fc.linkTypes != nil && !fc.linkTypes[c.DLT]) {
			continue
		}
		// Reported by the optimizer, which is not part of the generator.
		if c.Errstr == "expression rejects all packets" {
			continue
		}
		if !fc.grammar && strings.Contains(c.Errstr, "syntax error") {
			continue
		}
		lt, err := linktype.Parse(c.DLT)
		if err != nil {
			continue
		}
		_, err = fc.compile(Config{LinkType: int(lt), Netmask: NetmaskUnknown, Names: res}, *c.Expr)
		if errors.Is(err, errNotMine) {
			continue
		}
		ran++
		if err == nil || !strings.Contains(err.Error(), c.Errstr) {
			t.Errorf("%s (%s) %q: got %v, want %q", c.Name, c.DLT, *c.Expr, err, c.Errstr)
		}
	}
	reportChecked(t, ran, "rejections")
}
