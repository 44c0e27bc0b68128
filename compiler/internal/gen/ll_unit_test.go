package gen

import (
	"strings"
	"testing"
)

// A few link-layer programs spelled out, so the behaviour is pinned down
// even without the shared corpus.
func TestLinkLayerPrograms(t *testing.T) {
	tests := []struct {
		dlt  int
		expr string
		want []string
	}{
		{dltEN10MB, "ip", []string{
			"(000) ldh      [12]",
			"(001) jeq      #0x800           jt 2\tjf 3",
			"(002) ret      #262144",
			"(003) ret      #0",
		}},
		{dltRaw, "ip6", []string{
			"(000) ldb      [0]",
			"(001) and      #0xf0",
			"(002) jeq      #0x60            jt 3\tjf 4",
			"(003) ret      #262144",
			"(004) ret      #0",
		}},
		// 6 is the IP SAP, so DSAP and SSAP are both checked.
		{dltLinuxSLL, "link proto 6", []string{
			"(000) ldh      [14]",
			"(001) jeq      #0x4             jt 2\tjf 5",
			"(002) ldh      [16]",
			"(003) jeq      #0x606           jt 4\tjf 5",
			"(004) ret      #262144",
			"(005) ret      #0",
		}},
		{dltIPv4, "byte 8 & 5", []string{
			"(000) ldb      [8]",
			"(001) and      #0x5",
			"(002) jeq      #0x0             jt 3\tjf 4",
			"(003) ret      #0",
			"(004) ret      #262144",
		}},
		{dltPPP, "link proto \\ip6", []string{
			"(000) ldh      [2]",
			"(001) jeq      #0x57            jt 2\tjf 3",
			"(002) ret      #262144",
			"(003) ret      #0",
		}},
	}
	for _, tc := range tests {
		got, err := llCompile(Config{LinkType: tc.dlt, Netmask: NetmaskUnknown}, tc.expr)
		if err != nil {
			t.Errorf("%d %q: %v", tc.dlt, tc.expr, err)
			continue
		}
		if want := strings.Join(tc.want, "\n"); programText(got) != want {
			t.Errorf("%d %q:\ngot:\n%s\nwant:\n%s", tc.dlt, tc.expr, programText(got), want)
		}
	}
}

func TestLinkLayerErrors(t *testing.T) {
	checkErrors(t, llCompile, strings.Contains, []errorCase{
		{dltEN10MB, "link proto 1500", "LLC DSAP 1500 greater than maximum 255"},
		{dltPPP, "link proto 65536", "PPP protocol 65536 greater than maximum 65535"},
		{dltMTP2, "ip", "link-layer type filtering not implemented for DLT_MTP2"},
		{dltRaw, "llc", "'llc' not supported on DLT_RAW"},
		{dltEN10MB, "ip broadcast", "netmask not known, so 'ip broadcast' not supported"},
		{dltIPv4, "byte 1 = 256", "byte argument 256 greater than maximum 255"},
	})
}
