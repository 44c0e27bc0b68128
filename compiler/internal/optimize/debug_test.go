package optimize

import (
	"testing"

	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

func TestDebugCounts(t *testing.T) {
	dir := testcorpus.Dir(t, "big")
	for _, name := range []string{"hosts-200", "nets-500", "ports-500"} {
		expr, _, _ := readBig(t, dir, name)
		res, _ := gen.Generate(bigConfig(), func(p parse.Builder) error { return parse.Parse(expr, p) })
		o, _ := newOptimizer(res.Root)
		o.debug = &debugCounts{}
		o.loop(false)
		o.loop(true)
		t.Logf("%s: blocks %d, %+v", name, len(o.blocks), *o.debug)
	}
}
