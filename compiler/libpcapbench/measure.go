//go:build libpcapbench

package libpcapbench

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/gocapdump/gocapdump/compiler"
)

// CaseTiming is one expression's compile time with each compiler: the
// median over the rounds, so that a round in which a busy machine
// preempted the process does not count.
type CaseTiming struct {
	Case
	Ours, Libpcap time.Duration
}

// Dropped is an expression left out of the timing because one of the
// compilers refused it (libpcap 1.10.3 lacks some of the development
// branch's primitives, and a name may not resolve on this host).
type Dropped struct {
	Case
	OursErr, LibpcapErr error
}

// CorpusReport is what MeasureCorpus found.
type CorpusReport struct {
	Optimize bool
	Rounds   int
	Timed    []CaseTiming
	Dropped  []Dropped
	// Ours and Libpcap are the mean over Timed of the per-expression
	// (median) compile times.
	Ours, Libpcap time.Duration
	// GeoMeanRatio is the geometric mean over Timed of libpcap's time
	// divided by ours: how many times faster gocapdump is on a typical
	// expression, whatever the few slow ones do to the means.
	GeoMeanRatio float64
}

// handles keeps one libpcap handle per link type and snapshot length.
type handles map[[2]int]*Libpcap

func (h handles) get(c Case) (*Libpcap, error) {
	key := [2]int{int(c.LinkType), int(c.Snaplen)}
	if l := h[key]; l != nil {
		return l, nil
	}
	l, err := OpenLibpcap(key[0], key[1])
	if err != nil {
		return nil, err
	}
	h[key] = l
	return l, nil
}

func (h handles) close() {
	for _, l := range h {
		l.Close()
	}
}

// BothCompile splits cases into those both compilers accept and those at
// least one refuses.
func BothCompile(cases []Case, optimize bool) (ok []Case, dropped []Dropped, err error) {
	h := handles{}
	defer h.close()
	return bothCompile(h, cases, optimize)
}

func bothCompile(h handles, cases []Case, optimize bool) (ok []Case, dropped []Dropped, err error) {
	for _, c := range cases {
		l, err := h.get(c)
		if err != nil {
			return nil, nil, err
		}
		_, oerr := compiler.Compile(c.Expr, c.Options(optimize))
		_, lerr := l.Compile(c.Expr, optimize, c.Netmask)
		if oerr != nil || lerr != nil {
			dropped = append(dropped, Dropped{Case: c, OursErr: oerr, LibpcapErr: lerr})
			continue
		}
		ok = append(ok, c)
	}
	return ok, dropped, nil
}

// MeasureCorpus compiles every case once with each compiler, drops those
// either refuses, then times the rest for the given number of rounds.
// Within a round each expression is compiled by gocapdump and then by
// libpcap, so load on a shared machine falls on both alike.
func MeasureCorpus(ctx context.Context, cases []Case, optimize bool, rounds int) (*CorpusReport, error) {
	if rounds < 1 {
		return nil, fmt.Errorf("rounds = %d, want at least 1", rounds)
	}
	h := handles{}
	defer h.close()
	rep := &CorpusReport{Optimize: optimize, Rounds: rounds}
	type timed struct {
		c       Case
		l       *Libpcap
		samples [2][]time.Duration
	}
	ok, dropped, err := bothCompile(h, cases, optimize)
	if err != nil {
		return nil, err
	}
	rep.Dropped = dropped
	if len(ok) == 0 {
		return nil, fmt.Errorf("no expression compiles with both compilers")
	}
	ts := make([]*timed, len(ok))
	for i, c := range ok {
		l, err := h.get(c)
		if err != nil {
			return nil, err
		}
		ts[i] = &timed{c: c, l: l}
	}
	for range rounds {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for _, t := range ts {
			opts := t.c.Options(optimize)
			start := time.Now()
			_, err := compiler.Compile(t.c.Expr, opts)
			mid := time.Now()
			_, lerr := t.l.Compile(t.c.Expr, optimize, t.c.Netmask)
			end := time.Now()
			if err != nil || lerr != nil {
				return nil, fmt.Errorf("%s %q: compiled once, then failed: %v / %v", t.c.Name, t.c.Expr, err, lerr)
			}
			t.samples[0] = append(t.samples[0], mid.Sub(start))
			t.samples[1] = append(t.samples[1], end.Sub(mid))
		}
	}
	var total [2]time.Duration
	logRatio := 0.0
	for _, t := range ts {
		ct := CaseTiming{Case: t.c, Ours: median(t.samples[0]), Libpcap: median(t.samples[1])}
		rep.Timed = append(rep.Timed, ct)
		total[0] += ct.Ours
		total[1] += ct.Libpcap
		logRatio += math.Log(float64(max(ct.Libpcap, 1)) / float64(max(ct.Ours, 1)))
	}
	n := time.Duration(len(ts))
	rep.Ours, rep.Libpcap = total[0]/n, total[1]/n
	rep.GeoMeanRatio = math.Exp(logRatio / float64(len(ts)))
	return rep, nil
}

// median of samples (which it reorders).
func median(samples []time.Duration) time.Duration {
	slices.Sort(samples)
	n := len(samples)
	if n%2 == 1 {
		return samples[n/2]
	}
	return (samples[n/2-1] + samples[n/2]) / 2
}
