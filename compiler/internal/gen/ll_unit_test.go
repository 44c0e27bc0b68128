package gen

import (
	"strings"
	"testing"
)

// A few link-layer programs spelled out, so the behaviour is pinned down
// even without the shared corpus.
func TestLinkLayerPrograms(t *testing.T) {
	checkPrograms(t, llCompile, []programCase{
		{dltEN10MB, "ip", `
(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 3
(002) ret      #262144
(003) ret      #0`},
		{dltRaw, "ip6", `
(000) ldb      [0]
(001) and      #0xf0
(002) jeq      #0x60            jt 3	jf 4
(003) ret      #262144
(004) ret      #0`},
		// 6 is the IP SAP, so DSAP and SSAP are both checked.
		{dltLinuxSLL, "link proto 6", `
(000) ldh      [14]
(001) jeq      #0x4             jt 2	jf 5
(002) ldh      [16]
(003) jeq      #0x606           jt 4	jf 5
(004) ret      #262144
(005) ret      #0`},
		{dltIPv4, "byte 8 & 5", `
(000) ldb      [8]
(001) and      #0x5
(002) jeq      #0x0             jt 3	jf 4
(003) ret      #0
(004) ret      #262144`},
		{dltPPP, "link proto \\ip6", `
(000) ldh      [2]
(001) jeq      #0x57            jt 2	jf 3
(002) ret      #262144
(003) ret      #0`},
	})
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
