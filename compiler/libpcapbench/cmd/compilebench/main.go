//go:build libpcapbench

// Command compilebench times gocapdump's filter compiler against libpcap's
// pcap_compile and prints the figures as Markdown tables: the mean compile
// time per expression over the libpcap corpus's EN10MB expressions, and the
// time and peak memory of each big block-list filter.
//
// Each big filter is compiled in a child process (this program again, with
// -child), so that its peak resident memory is that compile's alone and a
// libpcap compile that runs for minutes can be stopped at -libpcap-timeout.
//
//	go run -tags libpcapbench ./compiler/libpcapbench/cmd/compilebench [-shared ../shared]
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/compiler/libpcapbench"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/linktype"
)

func main() {
	var (
		shared         = flag.String("shared", "", "the shared directory (default: ../shared beside the module root)")
		rounds         = flag.Int("rounds", 20, "rounds over the corpus expressions")
		libpcapTimeout = flag.Duration("libpcap-timeout", 60*time.Second, "stop a libpcap big-filter compile after this long")
		oursTimeout    = flag.Duration("gocapdump-timeout", 5*time.Minute, "stop a gocapdump big-filter compile after this long")
		childImpl      = flag.String("child", "", "internal: compile the big filter -filter with this compiler (gocapdump, libpcap) and report")
		childFilter    = flag.String("filter", "", "internal: the big filter file for -child; empty measures an idle process")
	)
	flag.Parse()
	if *childImpl != "" {
		if err := child(*childImpl, *childFilter); err != nil {
			fmt.Fprintln(os.Stderr, "compilebench:", err)
			os.Exit(1)
		}
		return
	}
	if *shared == "" {
		p, err := testcorpus.Lookup(".")
		if err != nil {
			fmt.Fprintln(os.Stderr, "compilebench: ../shared not found; pass -shared:", err)
			os.Exit(1)
		}
		*shared = p
	}
	ctx := context.Background()
	if err := run(ctx, os.Stdout, *shared, *rounds, *oursTimeout, *libpcapTimeout); err != nil {
		fmt.Fprintln(os.Stderr, "compilebench:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, w io.Writer, shared string, rounds int, oursTimeout, libpcapTimeout time.Duration) error {
	fmt.Fprintf(w, "gocapdump compiler vs %s; %s, %d CPUs, load average %s at start\n\n",
		libpcapbench.LibpcapVersion(), runtime.Version(), runtime.NumCPU(), loadAverage())

	cases, err := libpcapbench.CorpusCases(filepath.Join(shared, "corpus", "libpcap"), "EN10MB")
	if err != nil {
		return err
	}
	rep, err := libpcapbench.MeasureCorpus(ctx, cases, true, rounds)
	if err != nil {
		return err
	}
	printCorpus(w, rep, len(cases))

	filters, err := libpcapbench.BigFilters(filepath.Join(shared, "corpus", "big"))
	if err != nil {
		return err
	}
	return runBig(ctx, w, filters, filepath.Join(shared, "corpus", "big"), oursTimeout, libpcapTimeout)
}

func printCorpus(w io.Writer, rep *libpcapbench.CorpusReport, total int) {
	fmt.Fprintf(w, "## Compile time per expression: libpcap corpus, EN10MB, optimized\n\n")
	fmt.Fprintf(w, "%d expressions (accept.json aliases, non-skipped, neither Linux extensions nor savefile byte order); %d compile with both and are timed: %d rounds, each expression by gocapdump then libpcap; an expression's time is its median over the rounds.\n\n",
		total, len(rep.Timed), rep.Rounds)
	fmt.Fprintf(w, "| | gocapdump | libpcap | libpcap ÷ gocapdump |\n|---|---|---|---|\n")
	fmt.Fprintf(w, "| mean µs per expression | %.1f | %.1f | %.2f |\n", us(rep.Ours), us(rep.Libpcap), float64(rep.Libpcap)/float64(rep.Ours))
	fmt.Fprintf(w, "| geometric mean of per-expression ratios | | | %.2f |\n\n", rep.GeoMeanRatio)

	slow := slices.Clone(rep.Timed)
	slices.SortFunc(slow, func(a, b libpcapbench.CaseTiming) int { return int(b.Ours - a.Ours) })
	fmt.Fprintf(w, "Slowest for gocapdump:\n\n| case | expression | gocapdump µs | libpcap µs |\n|---|---|---|---|\n")
	for _, t := range slow[:min(5, len(slow))] {
		fmt.Fprintf(w, "| %s | `%s` | %.1f | %.1f |\n", t.Name, abbreviate(t.Expr, 50), us(t.Ours), us(t.Libpcap))
	}
	if len(rep.Dropped) > 0 {
		fmt.Fprintf(w, "\nNot timed (refused by a compiler):\n\n")
		for _, d := range rep.Dropped {
			fmt.Fprintf(w, "- %s `%s`: gocapdump: %s; libpcap: %s\n", d.Name, abbreviate(d.Expr, 50), errText(d.OursErr), errText(d.LibpcapErr))
		}
	}
	fmt.Fprintln(w)
}

// bigResult is what a child reports on its standard output.
type bigResult struct {
	Len     int           `json:"len"`
	Runs    int           `json:"runs"`
	Median  time.Duration `json:"median_ns"`
	Err     string        `json:"err,omitempty"`
	MaxRSS  int64         `json:"-"` // from the parent's rusage, in KiB
	Timeout bool          `json:"-"`
}

func runBig(ctx context.Context, w io.Writer, filters []libpcapbench.BigFilter, dir string, oursTimeout, libpcapTimeout time.Duration) error {
	idle, err := runChild(ctx, "gocapdump", "", time.Minute)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "## Big filters: EN10MB, optimized\n\n")
	fmt.Fprintf(w, "Each compile runs in its own child process; time is the median of up to 5 compiles in it (fewer when they take over 2 s together; one for the slow ones), memory the child's peak RSS (an idle child: %.1f MB). libpcap is stopped after %s.\n\n",
		mb(idle.MaxRSS), libpcapTimeout)
	fmt.Fprintf(w, "| filter | gocapdump insns (libpcap dev) | gocapdump time | gocapdump peak RSS | libpcap insns | libpcap time | libpcap peak RSS | libpcap ÷ gocapdump |\n|---|---|---|---|---|---|---|---|\n")
	for _, f := range filters {
		path := filepath.Join(dir, f.Name+".flt")
		ours, err := runChild(ctx, "gocapdump", path, oursTimeout)
		if err != nil {
			return err
		}
		theirs, err := runChild(ctx, "libpcap", path, libpcapTimeout)
		if err != nil {
			return err
		}
		want := "none"
		if f.WantLen > 0 {
			want = fmt.Sprint(f.WantLen)
		}
		ratio := "–"
		if ours.Err == "" && !ours.Timeout && ours.Median > 0 {
			switch {
			case theirs.Timeout:
				ratio = fmt.Sprintf("> %.0f", float64(libpcapTimeout)/float64(ours.Median))
			case theirs.Err == "":
				ratio = fmt.Sprintf("%.1f", float64(theirs.Median)/float64(ours.Median))
			}
		}
		fmt.Fprintf(w, "| %s | %s (%s) | %s | %.1f MB | %s | %s | %.1f MB | %s |\n",
			f.Name, insns(ours), want, duration(ours, oursTimeout), mb(ours.MaxRSS),
			insns(theirs), duration(theirs, libpcapTimeout), mb(theirs.MaxRSS), ratio)
	}
	return nil
}

// runChild runs this program as a child compiling one big filter.
func runChild(ctx context.Context, impl, path string, limit time.Duration) (bigResult, error) {
	exe, err := os.Executable()
	if err != nil {
		return bigResult{}, fmt.Errorf("finding this program: %w", err)
	}
	cctx, cancel := context.WithTimeout(ctx, limit)
	defer cancel()
	cmd := exec.CommandContext(cctx, exe, "-child", impl, "-filter", path)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	runErr := cmd.Run()
	var r bigResult
	if ps := cmd.ProcessState; ps != nil {
		if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
			r.MaxRSS = ru.Maxrss
		}
	}
	if cctx.Err() != nil && ctx.Err() == nil {
		r.Timeout = true
		return r, nil
	}
	if runErr != nil {
		return r, fmt.Errorf("%s %s: %w: %s", impl, filepath.Base(path), runErr, strings.TrimSpace(stderr.String()))
	}
	rss := r.MaxRSS
	if err := json.Unmarshal(stdout.Bytes(), &r); err != nil {
		return r, fmt.Errorf("%s %s: child said %q: %w", impl, filepath.Base(path), stdout.String(), err)
	}
	r.MaxRSS = rss
	return r, nil
}

// child compiles the filter in path with one compiler and writes a
// bigResult as JSON. An empty path compiles nothing, to measure an idle
// process.
func child(impl, path string) error {
	var compile func(expr string) (int, error)
	switch impl {
	case "gocapdump":
		compile = func(expr string) (int, error) {
			p, err := compiler.Compile(expr, compiler.Options{LinkType: linktype.Ethernet})
			if err != nil {
				return 0, err
			}
			return p.Len(), nil
		}
	case "libpcap":
		l, err := libpcapbench.OpenLibpcap(int(linktype.Ethernet), compiler.DefaultSnaplen)
		if err != nil {
			return err
		}
		defer l.Close()
		compile = func(expr string) (int, error) { return l.Compile(expr, true, compiler.NetmaskUnknown) }
	default:
		return fmt.Errorf("unknown compiler %q", impl)
	}
	var r bigResult
	if path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		expr := strings.TrimSpace(string(data))
		var total time.Duration
		var times []time.Duration
		for len(times) < 5 && total < 2*time.Second {
			start := time.Now()
			n, err := compile(expr)
			d := time.Since(start)
			total += d
			times = append(times, d)
			if err != nil {
				r.Err = err.Error()
				break
			}
			r.Len = n
		}
		slices.Sort(times)
		r.Runs, r.Median = len(times), times[(len(times)-1)/2]
	}
	return json.NewEncoder(os.Stdout).Encode(r)
}

func insns(r bigResult) string {
	switch {
	case r.Timeout:
		return "?"
	case r.Err != "":
		return "error: " + r.Err
	}
	return fmt.Sprint(r.Len)
}

func duration(r bigResult, limit time.Duration) string {
	if r.Timeout {
		return "> " + limit.String()
	}
	switch d := r.Median; {
	case d >= time.Second:
		return fmt.Sprintf("%.2f s", d.Seconds())
	default:
		return fmt.Sprintf("%.1f ms", float64(d)/1e6)
	}
}

func us(d time.Duration) float64 { return float64(d) / 1e3 }

func mb(kib int64) float64 { return float64(kib) / 1024 }

func errText(err error) string {
	if err == nil {
		return "ok"
	}
	return err.Error()
}

func abbreviate(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len(s) > n {
		s = s[:n-1] + "…"
	}
	return strings.ReplaceAll(s, "|", `\|`)
}

// loadAverage is /proc/loadavg's first three fields, or "unknown".
func loadAverage() string {
	data, err := os.ReadFile("/proc/loadavg")
	if f := strings.Fields(string(data)); err == nil && len(f) >= 3 {
		return strings.Join(f[:3], " ")
	}
	return "unknown"
}
