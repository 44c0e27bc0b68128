//go:build libpcapbench

package libpcapbench

import (
	"flag"
	"testing"

	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/linktype"
)

var libpcapBig = flag.Bool("libpcap-big", false, "also time libpcap on the big filters (hosts-1000 takes minutes)")

// BenchmarkCorpusEN10MB compiles, per operation, every EN10MB expression of
// the libpcap corpus that both compilers accept, with the optimizer on.
// µs/expr is the mean per expression.
func BenchmarkCorpusEN10MB(b *testing.B) {
	cases, err := CorpusCases(testcorpus.Dir(b, "libpcap"), "EN10MB")
	if err != nil {
		b.Fatal(err)
	}
	cases, _, err = BothCompile(cases, true)
	if err != nil {
		b.Fatal(err)
	}
	perExpr := func(b *testing.B) {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(cases))/1e3, "µs/expr")
	}
	b.Run("gocapdump", func(b *testing.B) {
		for b.Loop() {
			for _, c := range cases {
				if _, err := compiler.Compile(c.Expr, c.Options(true)); err != nil {
					b.Fatal(err)
				}
			}
		}
		perExpr(b)
	})
	b.Run("libpcap", func(b *testing.B) {
		h := handles{}
		defer h.close()
		for b.Loop() {
			for _, c := range cases {
				l, err := h.get(c)
				if err == nil {
					_, err = l.Compile(c.Expr, true, c.Netmask)
				}
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		perExpr(b)
	})
}

// BenchmarkBig compiles each big block-list filter, optimized. libpcap's
// runs are opt-in (-libpcap-big): it cannot be stopped mid-compile, and it
// takes minutes on hosts-1000. cmd/compilebench runs it in a child process
// with a time limit instead.
func BenchmarkBig(b *testing.B) {
	filters, err := BigFilters(testcorpus.Dir(b, "big"))
	if err != nil {
		b.Fatal(err)
	}
	for _, f := range filters {
		b.Run(f.Name+"/gocapdump", func(b *testing.B) {
			for b.Loop() {
				if _, err := compiler.Compile(f.Expr, compiler.Options{LinkType: linktype.Ethernet}); err != nil {
					b.Fatal(err)
				}
			}
		})
		if !*libpcapBig {
			continue
		}
		b.Run(f.Name+"/libpcap", func(b *testing.B) {
			l, err := OpenLibpcap(int(linktype.Ethernet), compiler.DefaultSnaplen)
			if err != nil {
				b.Fatal(err)
			}
			defer l.Close()
			for b.Loop() {
				if _, err := l.Compile(f.Expr, true, compiler.NetmaskUnknown); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
