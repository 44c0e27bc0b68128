package optimize

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/internal/libpcapcorpus"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// bigConfig is how the big filters' programs were made: Ethernet, snaplen
// 262144, names from the system.
func bigConfig() gen.Config {
	return gen.Config{LinkType: 1, Snaplen: 262144, Netmask: 0xffffffff}
}

func readBig(t testing.TB, dir, name string) (expr, unopt, opt string) {
	t.Helper()
	read := func(file string) string {
		data, err := os.ReadFile(filepath.Join(dir, file))
		if err != nil {
			if os.IsNotExist(err) {
				return ""
			}
			t.Fatal(err)
		}
		return string(data)
	}
	return strings.TrimSpace(read(name + ".flt")), read(name + ".unopt.txt"), read(name + ".opt.txt")
}

var bigFlag = flag.Bool("big", false, "also run the biggest block-list filters (seconds each)")

// TestBigFilters checks the block-list filters libpcap optimizes slowly.
func TestBigFilters(t *testing.T) {
	dir := testcorpus.Dir(t, "big")
	for _, name := range []string{"hosts-200", "notpairs-100", "notpairs-300", "ports-500", "nets-500", "hosts-1000", "hosts-3000"} {
		t.Run(name, func(t *testing.T) {
			small := name == "hosts-200" || name == "notpairs-100" || name == "notpairs-300"
			if !small && !*bigFlag || testing.Short() && name != "notpairs-100" {
				t.Skip("big filter; run with -big")
			}
			expr, wantUnopt, wantOpt := readBig(t, dir, name)
			unopt, opt, err := compileOpt(t, bigConfig(), expr)
			if err != nil {
				t.Fatal(err)
			}
			if wantUnopt != "" && unopt != libpcapcorpus.Listing(wantUnopt) {
				t.Skip("the generator's unoptimized program differs from libpcap's")
			}
			if wantOpt != "" && opt != libpcapcorpus.Listing(wantOpt) {
				t.Errorf("optimized program differs from libpcap's")
			}
		})
	}
}
