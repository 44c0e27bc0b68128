package optimize

import (
	"testing"

	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// BenchmarkBig times the optimizer alone on the big block-list filters
// (the graph is regenerated outside the timer for each run).
func BenchmarkBig(b *testing.B) {
	dir := testcorpus.Dir(b, "big")
	for _, name := range []string{"hosts-200", "notpairs-300", "ports-500", "nets-500", "hosts-1000", "hosts-3000"} {
		b.Run(name, func(b *testing.B) {
			expr, _, _ := readBig(b, dir, name)
			for b.Loop() {
				b.StopTimer()
				res, err := gen.Generate(bigConfig(), func(p parse.Builder) error { return parse.Parse(expr, p) })
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if _, err := Optimize(res.Root); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
