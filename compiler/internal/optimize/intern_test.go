package optimize

import (
	"testing"

	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// internRounds is libpcap's intern_blocks as it is written: rounds of
// pairwise comparison (here by hashing) until no block changes. The test
// checks the one-walk internBlocks against it.
func (o *optimizer) internRounds() {
	link := make([]*blk, len(o.blocks))
	seen := make(map[string]*blk)
	ids := make([]int32, len(o.blocks))
	for i := range ids {
		ids[i] = int32(i)
	}
	var key []byte
	for {
		clear(link)
		clear(seen)
		mark := o.markReachable()
		for i := len(o.blocks) - 1; i >= 0; i-- {
			b := o.blocks[i]
			if b.mark != mark {
				continue
			}
			key = b.appendKey(key[:0], ids)
			if j, ok := seen[string(key)]; ok {
				if link[j.id] != nil {
					link[i] = link[j.id]
				} else {
					link[i] = j
				}
			}
			seen[string(key)] = b
		}
		changed := false
		for _, b := range o.blocks {
			if b.succ[0] == nil {
				continue
			}
			for side, c := range b.succ {
				if l := link[c.id]; l != nil {
					b.succ[side] = l
					changed = true
				}
			}
		}
		if !changed {
			return
		}
	}
}

func optimizeWith(t *testing.T, cfg gen.Config, expr string, intern func(*optimizer)) string {
	res, err := gen.Generate(cfg, func(b parse.Builder) error { return parse.Parse(expr, b) })
	if err != nil {
		t.Fatal(err)
	}
	o, err := newOptimizer(res.Root)
	if err != nil {
		t.Fatal(err)
	}
	o.loop(false)
	o.loop(true)
	intern(o)
	o.hoistRoot()
	return listing(t, o.writeBack())
}

func TestInternMatchesRounds(t *testing.T) {
	exprs := []string{
		"host 10.0.0.1 or host 10.0.0.2 or host 10.0.0.3",
		"tcp port 80 or udp port 53 or icmp",
		"not (host 10.2.0.1 and port 1024) and not (host 10.2.0.2 and port 1025)",
		"ip6 and (tcp or udp) and (port 1 or port 2 or port 3)",
		"arp or rarp or (vlan and (arp or rarp))",
	}
	for _, expr := range exprs {
		cfg := gen.Config{LinkType: 1, Snaplen: 262144, Netmask: 0xffffffff}
		a := optimizeWith(t, cfg, expr, (*optimizer).internBlocks)
		b := optimizeWith(t, cfg, expr, (*optimizer).internRounds)
		if a != b {
			t.Errorf("%q: one walk\n%s\nrounds\n%s", expr, a, b)
		}
	}
}

var _ = ir.NOP
