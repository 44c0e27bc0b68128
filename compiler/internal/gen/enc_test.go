package gen

import (
	"regexp"
	"strings"
	"testing"
)

// encKeywords picks the corpus cases of the encapsulation and Linux
// extension primitives.
var encKeywords = regexp.MustCompile(`\b(vlan|mpls|pppoed|pppoes|geneve|vxlan|inbound|outbound|ifindex)\b`)

// encFamily is the encapsulation primitives' share of the corpus: the
// expressions that use one of encKeywords, on every link type.
var encFamily = familyCheck{
	grammar: true,
	compile: func(cfg Config, expr string) (string, error) {
		if !encKeywords.MatchString(expr) {
			return "", errNotMine
		}
		return compileExpr(cfg, expr)
	},
}

func TestEncapCorpusAccept(t *testing.T) { encFamily.checkAccept(t) }

func TestEncapCorpusReject(t *testing.T) { encFamily.checkReject(t) }

// An encapsulation changes the layout for everything compiled after it,
// as in libpcap. These programs were worked out from libpcap's code
// generator by hand.
func TestEncapLayoutPersists(t *testing.T) {
	checkPrograms(t, compileExpr, []programCase{
		{dltEN10MB, "pppoes and ip", `
(000) ldh      [12]
(001) jeq      #0x8864          jt 2	jf 5
(002) ldh      [20]
(003) jeq      #0x21            jt 4	jf 5
(004) ret      #262144
(005) ret      #0`},
		{dltEN10MB, "mpls and mpls 5 and ip", `
(000) ldh      [12]
(001) jeq      #0x8847          jt 2	jf 13
(002) ldb      [16]
(003) jset     #0x1             jt 13	jf 4
(004) ld       [18]
(005) and      #0xfffff000
(006) jeq      #0x5000          jt 7	jf 13
(007) ldb      [20]
(008) jset     #0x1             jt 9	jf 13
(009) ldb      [22]
(010) and      #0xf0
(011) jeq      #0x40            jt 12	jf 13
(012) ret      #262144
(013) ret      #0`},
		{dltEN10MB, "vlan 10 and ip", `
(000) ldh      [12]
(001) jeq      #0x8100          jt 6	jf 2
(002) ldh      [12]
(003) jeq      #0x88a8          jt 6	jf 4
(004) ldh      [12]
(005) jeq      #0x9100          jt 6	jf 12
(006) ldh      [14]
(007) and      #0xfff
(008) jeq      #0xa             jt 9	jf 12
(009) ldh      [16]
(010) jeq      #0x800           jt 11	jf 12
(011) ret      #262144
(012) ret      #0`},
		{dltEN10MB, "vxlan and ip", `
(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 15
(002) ldb      [23]
(003) jeq      #0x11            jt 4	jf 15
(004) ldh      [20]
(005) jset     #0x1fff          jt 15	jf 6
(006) ldxb     4*([14]&0xf)
(007) ldh      [x + 16]
(008) jeq      #0x12b5          jt 9	jf 15
(009) ldxb     4*([14]&0xf)
(010) ldb      [x + 22]
(011) jeq      #0x8             jt 12	jf 15
(012) ldxb     4*([14]&0xf)
(013) txa
(014) jeq      x                jt 26	jf 15
(015) ldh      [12]
(016) jeq      #0x86dd          jt 17	jf 40
(017) ldb      [20]
(018) jeq      #0x11            jt 19	jf 40
(019) ldh      [56]
(020) jeq      #0x12b5          jt 21	jf 40
(021) ldb      [62]
(022) jeq      #0x8             jt 23	jf 40
(023) ld       #0x28
(024) tax
(025) jeq      x                jt 26	jf 40
(026) add      #22
(027) add      #8
(028) st       M[0]
(029) add      #12
(030) st       M[1]
(031) add      #2
(032) tax
(033) stx      M[2]
(034) ld       #0x0
(035) jeq      #0x0             jt 36	jf 40
(036) ldx      M[1]
(037) ldh      [x + 0]
(038) jeq      #0x800           jt 39	jf 40
(039) ret      #262144
(040) ret      #0`},
	})
}

func TestEncapErrors(t *testing.T) {
	checkErrors(t, compileExpr, strings.Contains, []errorCase{
		{dltEN10MB, "mpls and vlan", "no VLAN match after MPLS"},
		{dltEN10MB, "pppoes and vlan", "'vlan' not supported on DLT_PPP"},
		{dltEN10MB, "inbound", "not a live capture, 'inbound' not supported on DLT_EN10MB (Ethernet)"},
		{dltEN10MB, "pppoes and ifindex 3", "not a live capture, 'ifindex' not supported on DLT_PPP"},
		{dltRaw, "mpls", "'mpls' not supported on DLT_RAW"},
		{dltEN10MB, "vxlan 16777216", "VXLAN VNI 16777216 greater than maximum 16777215"},
	})
}
