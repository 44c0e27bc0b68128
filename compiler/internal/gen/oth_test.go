package gen

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/linktype"
)

// othLinkTypes are the link types of this family: the libpcap corpus
// cases on them must compile exactly (unoptimized) or fail with the same
// error.
var othLinkTypes = map[string]bool{
	"IEEE802_11": true, "IEEE802_11_RADIO": true, "IEEE802_11_RADIO_AVS": true,
	"PRISM_HEADER": true, "PPI": true, "PFLOG": true, "SUNATM": true,
	"MTP2": true, "MTP2_WITH_PHDR": true, "ERF": true,
}

// othCompile compiles expr with the real parser and returns the
// unoptimized listing.
func othCompile(cfg Config, expr string) (string, error) {
	if cfg.Snaplen == 0 {
		cfg.Snaplen = 262144
	}
	if cfg.Netmask == 0 {
		cfg.Netmask = NetmaskUnknown
	}
	res, err := Generate(cfg, func(b parse.Builder) error { return parse.Parse(expr, b) })
	if err != nil {
		return "", err
	}
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

// othProgram keeps the instruction lines of a listing, without indentation.
func othProgram(s string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimLeft(l, "\t "); strings.HasPrefix(l, "(") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// othResolver reads the name databases that come with the corpus
// (hosts, ethers, networks); services and protocols are the system's.
func othResolver(dir string) *names.Resolver {
	etc := filepath.Join(dir, "etc")
	return &names.Resolver{
		HostsFile:    filepath.Join(etc, "hosts"),
		EthersFile:   filepath.Join(etc, "ethers"),
		NetworksFile: filepath.Join(etc, "networks"),
		NoDNS:        true,
	}
}

func othDLT(t *testing.T, name string) int {
	t.Helper()
	lt, err := linktype.Parse(name)
	if err != nil {
		t.Fatalf("link type %s: %v", name, err)
	}
	return int(lt)
}

func TestOtherFamiliesCorpusAccept(t *testing.T) {
	dir := testcorpus.Dir(t, "libpcap")
	data, err := os.ReadFile(filepath.Join(dir, "accept.json"))
	if err != nil {
		t.Fatal(err)
	}
	var blocks []struct {
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
	if err := json.Unmarshal(data, &blocks); err != nil {
		t.Fatal(err)
	}
	res := othResolver(dir)
	ran := 0
	for _, c := range blocks {
		want := c.Unopt
		if want == nil {
			want = c.OptUnopt
		}
		if c.Skip != "" || want == nil || !othLinkTypes[c.DLT] {
			continue
		}
		cfg := Config{LinkType: othDLT(t, c.DLT), Snaplen: c.Snaplen, LinuxExt: c.LinuxExt == 1, Names: res}
		if c.Netmask != "" {
			var a, b, cc, d uint32
			if _, err := fmt.Sscanf(c.Netmask, "%d.%d.%d.%d", &a, &b, &cc, &d); err != nil {
				t.Fatalf("%s: netmask %q", c.Name, c.Netmask)
			}
			cfg.Netmask = a<<24 | b<<16 | cc<<8 | d
		}
		cfg.Offline = c.Offline != ""
		cfg.Swapped = c.Offline == "swapped"
		for _, expr := range c.Aliases {
			got, err := othCompile(cfg, expr)
			ran++
			if err != nil {
				t.Errorf("%s (%s) %q: %v", c.Name, c.DLT, expr, err)
				continue
			}
			if g, w := othProgram(got), othProgram(*want); g != w {
				t.Errorf("%s (%s) %q:\ngot\n%s\nwant\n%s", c.Name, c.DLT, expr, g, w)
			}
		}
	}
	if ran == 0 {
		t.Fatal("no corpus case on this family's link types")
	}
}

func TestOtherFamiliesCorpusReject(t *testing.T) {
	dir := testcorpus.Dir(t, "libpcap")
	data, err := os.ReadFile(filepath.Join(dir, "reject.json"))
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Name    string  `json:"name"`
		DLT     *string `json:"DLT"`
		Expr    *string `json:"expr"`
		Netmask string  `json:"netmask"`
		Skip    string  `json:"skip"`
		ErrStr  string  `json:"errstr"`
	}
	if err := json.Unmarshal(data, &cases); err != nil {
		t.Fatal(err)
	}
	res := othResolver(dir)
	ran := 0
	for _, c := range cases {
		if c.Skip != "" || c.DLT == nil || c.Expr == nil || !othLinkTypes[*c.DLT] {
			continue
		}
		// Reported by the optimizer, which is not part of the generator.
		if c.ErrStr == "expression rejects all packets" {
			continue
		}
		cfg := Config{LinkType: othDLT(t, *c.DLT), Names: res}
		_, err := othCompile(cfg, *c.Expr)
		ran++
		if err == nil || !strings.Contains(err.Error(), c.ErrStr) {
			t.Errorf("%s (%s) %q: got error %v, want %q", c.Name, *c.DLT, *c.Expr, err, c.ErrStr)
		}
	}
	if ran == 0 {
		t.Fatal("no corpus case on this family's link types")
	}
}

// The errors of this family's primitives, on link types the corpus has
// few cases for.
func TestOtherFamiliesErrors(t *testing.T) {
	cases := []struct {
		dlt        int
		expr, want string
	}{
		{dltEN10MB, "ifname eth0", "'ifname' supported only on PFLOG linktype"},
		{dltPFLog, "ifname abcdefghijklmnop", "ifname interface names can only be 15 characters"},
		{dltPFLog, "ruleset abcdefghijklmnop", "ruleset names can only be 15 characters"},
		{dltEN10MB, "vpi 1", "'vpi' supported only on SUNATM"},
		{dltSunATM, "vpi 256", "VPI 256 greater than maximum 255"},
		{dltSunATM, "vci 65536", "VCI 65536 greater than maximum 65535"},
		{dltSunATM, "lane and vpi 1", "'vpi' supported only on SUNATM"},
		{dltJuniperATM1, "oam", "'oam' supported only on SUNATM"},
		{dltEN10MB, "fisu", "'fisu' supported only on SS7"},
		{dltMTP2, "dpc 16384", "dpc 16384 greater than maximum 16383"},
		{dltMTP2WithPHdr, "hopc 16384", "hopc 16384 greater than maximum 16383"},
		{dltERF, "sls 16", "sls 16 greater than maximum 15"},
		{dltMTP2, "sio 256", "sio 256 greater than maximum 255"},
		{dltEN10MB, "type mgt", "'type/subtype' not supported on DLT_EN10MB (Ethernet)"},
		{dltEN10MB, "dir tods", "'dir' not supported on DLT_EN10MB (Ethernet)"},
	}
	for _, c := range cases {
		_, err := othCompile(Config{LinkType: c.dlt}, c.expr)
		if err == nil || err.Error() != c.want {
			t.Errorf("%d %q: got %v, want %q", c.dlt, c.expr, err, c.want)
		}
	}
}

// Nothing is computed at the start of the program when no primitive
// needed a run-time offset.
func TestOtherFamiliesNoVarOffsets(t *testing.T) {
	for _, dlt := range []int{dltIEEE802_11, dltIEEE802_11Radio, dltPrismHeader, dltPPI, dltPFLog} {
		got, err := othCompile(Config{LinkType: dlt}, "greater 100")
		if err != nil {
			t.Fatalf("%d: %v", dlt, err)
		}
		if strings.Contains(got, "st ") {
			t.Errorf("%d: offsets computed though unused:\n%s", dlt, got)
		}
	}
}
