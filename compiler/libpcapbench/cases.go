//go:build libpcapbench

package libpcapbench

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
)

// Case is one expression to compile, with the options of its corpus block.
type Case struct {
	Name     string // corpus block name and alias index
	Expr     string
	LinkType linktype.Type
	Snaplen  uint32 // never zero
	Netmask  uint32 // host byte order; compiler.NetmaskUnknown when unset
}

// corpusBlock is the part of an accept.json block the benchmark reads.
type corpusBlock struct {
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
}

// CorpusCases returns the expressions of the libpcap corpus's accept.json
// (in corpusDir) for the link type named dlt ("EN10MB") that the optimizer
// must accept. Blocks that are skipped on Linux, and blocks that need
// options pcap_open_dead cannot select (Linux extensions, savefile byte
// order), are left out, since libpcap could not compile them the same way.
func CorpusCases(corpusDir, dlt string) ([]Case, error) {
	data, err := os.ReadFile(filepath.Join(corpusDir, "accept.json"))
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var blocks []corpusBlock
	if err := json.Unmarshal(data, &blocks); err != nil {
		return nil, fmt.Errorf("corpus accept.json: %w", err)
	}
	lt, err := linktype.Parse(dlt)
	if err != nil {
		return nil, fmt.Errorf("corpus: %w", err)
	}
	var cases []Case
	for _, b := range blocks {
		optimizes := b.OptUnopt != nil || b.Opt != nil
		if b.DLT != dlt || b.Skip != "" || b.Name == "bpf_image" || !optimizes || b.LinuxExt == 1 || b.Offline != "" {
			continue
		}
		c := Case{LinkType: lt, Snaplen: compiler.DefaultSnaplen, Netmask: compiler.NetmaskUnknown}
		if b.Snaplen != nil {
			c.Snaplen = *b.Snaplen
		}
		if b.Netmask != "" {
			ip := net.ParseIP(b.Netmask).To4()
			if ip == nil {
				return nil, fmt.Errorf("corpus block %s: bad netmask %q", b.Name, b.Netmask)
			}
			c.Netmask = binary.BigEndian.Uint32(ip)
		}
		for i, expr := range b.Aliases {
			c.Name, c.Expr = fmt.Sprintf("%s_%d", b.Name, i), expr
			cases = append(cases, c)
		}
	}
	return cases, nil
}

// Options are the compiler options for the case.
func (c Case) Options(optimize bool) compiler.Options {
	opts := compiler.Options{LinkType: c.LinkType, Snaplen: c.Snaplen, NoOptimize: !optimize}
	if c.Netmask != compiler.NetmaskUnknown {
		opts.Netmask = binary.BigEndian.AppendUint32(nil, c.Netmask)
	}
	return opts
}

// BigFilter is one of the large block-list filters in the shared corpus's
// big directory.
type BigFilter struct {
	Name string
	Expr string
	// WantLen is the length of libpcap's optimized program for it (from
	// NAME.opt.txt), or 0 when the corpus has none.
	WantLen int
}

// BigFilters reads every NAME.flt in dir, smallest first.
func BigFilters(dir string) ([]BigFilter, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.flt"))
	if err != nil {
		return nil, fmt.Errorf("big filters: %w", err)
	}
	var out []BigFilter
	for _, p := range paths {
		expr, err := os.ReadFile(p)
		if err != nil {
			return nil, fmt.Errorf("big filters: %w", err)
		}
		f := BigFilter{Name: strings.TrimSuffix(filepath.Base(p), ".flt"), Expr: strings.TrimSpace(string(expr))}
		if want, err := os.ReadFile(strings.TrimSuffix(p, ".flt") + ".opt.txt"); err == nil {
			for _, line := range strings.Split(string(want), "\n") {
				if strings.HasPrefix(strings.TrimSpace(line), "(") {
					f.WantLen++
				}
			}
		}
		out = append(out, f)
	}
	slices.SortStableFunc(out, func(a, b BigFilter) int { return len(a.Expr) - len(b.Expr) })
	return out, nil
}
