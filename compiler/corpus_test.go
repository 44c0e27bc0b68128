package compiler

import (
	"errors"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/compiler/names"
	"github.com/gocapdump/gocapdump/internal/libpcapcorpus"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/linktype"
)

// The libpcap corpus is the compiler's specification. These tests run its
// cases for the link types gocapdump supports fully. Cases that do not
// pass yet are listed in testdata/corpus-known-failures.txt: the test fails
// when any other case fails, so progress is kept; -update-known rewrites
// the list after an improvement.

var updateKnown = flag.Bool("update-known", false, "rewrite testdata/corpus-known-failures.txt")

type corpusResult struct {
	label string
	ok    bool
	core  bool
	diff  string
}

func runAccept(t *testing.T, corpus string, res *names.Resolver) []corpusResult {
	blocks := libpcapcorpus.LoadAccept(t, corpus)
	var out []corpusResult
	for _, b := range blocks {
		if b.Skip != "" || b.Name == "bpf_image" {
			continue
		}
		variants := map[string]*string{"unopt": b.Unopt, "opt": b.Opt}
		if b.OptUnopt != nil {
			variants = map[string]*string{"unopt": b.OptUnopt, "opt": b.OptUnopt}
		}
		dlt, err := linktype.Parse(b.DLT)
		if err != nil {
			t.Fatalf("%s: %v", b.Name, err)
		}
		opts := Options{
			LinkType:        dlt,
			Netmask:         libpcapcorpus.Netmask(b.Netmask),
			LinuxExtensions: b.LinuxExt == 1,
			Resolver:        res,
		}
		if b.Snaplen != nil {
			opts.Snaplen = *b.Snaplen
		}
		switch b.Offline {
		case "unswapped":
			opts.Savefile = SavefileNative
		case "swapped":
			opts.Savefile = SavefileSwapped
		}
		for _, which := range []string{"unopt", "opt"} {
			want := variants[which]
			if want == nil {
				continue // "opt": null means the optimizer must reject it
			}
			opts.NoOptimize = which == "unopt"
			out = append(out, acceptCases(b, which, libpcapcorpus.Listing(*want), opts)...)
		}
	}
	return out
}

// acceptCases compiles every alias of a block and compares the listing.
func acceptCases(b libpcapcorpus.AcceptBlock, which, exp string, opts Options) []corpusResult {
	var out []corpusResult
	for i, expr := range b.Aliases {
		r := corpusResult{
			label: fmt.Sprintf("accept_%s_%s_%d", b.Name, which, i),
			core:  slices.Contains(libpcapcorpus.CoreDLTs, b.DLT),
		}
		prog, err := Compile(expr, opts)
		switch {
		case err != nil:
			r.diff = fmt.Sprintf("%s %q: error %v", b.DLT, expr, err)
		case prog.String() != exp:
			r.diff = fmt.Sprintf("%s %q:\n--- want\n%s--- got\n%s", b.DLT, expr, exp, prog.String())
		default:
			r.ok = true
		}
		out = append(out, r)
	}
	return out
}

func runReject(t *testing.T, corpus string, res *names.Resolver) []corpusResult {
	cases := libpcapcorpus.LoadReject(t, corpus)
	var out []corpusResult
	for _, c := range cases {
		// Savefile cases belong to pcapfile.
		if c.Skip != "" || c.Expr == nil {
			continue
		}
		dlt, err := linktype.Parse(c.DLT)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		r := corpusResult{label: "reject_" + c.Name, core: slices.Contains(libpcapcorpus.CoreDLTs, c.DLT)}
		_, err = Compile(*c.Expr, Options{LinkType: dlt, Netmask: libpcapcorpus.Netmask(c.Netmask), Resolver: res})
		var ce *Error
		switch {
		case err == nil:
			r.diff = fmt.Sprintf("%s %q: compiled, want error %q", c.DLT, *c.Expr, c.Errstr)
		case !errors.As(err, &ce):
			r.diff = fmt.Sprintf("%s %q: error of type %T: %v", c.DLT, *c.Expr, err, err)
		case !strings.Contains(ce.Msg, c.Errstr):
			r.diff = fmt.Sprintf("%s %q: error %q, want %q", c.DLT, *c.Expr, ce.Msg, c.Errstr)
		default:
			r.ok = true
		}
		out = append(out, r)
	}
	return out
}

func TestCorpus(t *testing.T) {
	corpus := testcorpus.Dir(t, "libpcap")
	res := libpcapcorpus.Resolver(t, corpus)
	results := append(runAccept(t, corpus, res), runReject(t, corpus, res)...)

	knownPath := filepath.Join("testdata", "corpus-known-failures.txt")
	known := map[string]bool{}
	if data, err := os.ReadFile(knownPath); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				known[l] = true
			}
		}
	}
	counts := map[string][2]int{}
	var failing []string
	regressions := 0
	for _, r := range results {
		kind := strings.SplitN(r.label, "_", 2)[0]
		if r.core {
			kind += " (core link types)"
		} else {
			kind += " (other link types)"
		}
		c := counts[kind]
		if r.ok {
			c[0]++
		} else {
			c[1]++
			failing = append(failing, r.label)
			if r.core && !known[r.label] && !*updateKnown {
				regressions++
				if regressions <= 20 {
					t.Errorf("%s: %s", r.label, r.diff)
				}
			}
		}
		counts[kind] = c
	}
	for _, k := range slices.Sorted(maps.Keys(counts)) {
		t.Logf("%s: %d passed, %d failed", k, counts[k][0], counts[k][1])
	}
	if regressions > 20 {
		t.Errorf("... and %d more failures not in %s", regressions-20, knownPath)
	}
	if *updateKnown {
		var core []string
		for _, r := range results {
			if r.core && !r.ok {
				core = append(core, r.label)
			}
		}
		body := "# Corpus cases (core link types) that do not pass yet; see corpus_test.go.\n" + strings.Join(core, "\n") + "\n"
		if err := os.WriteFile(knownPath, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
