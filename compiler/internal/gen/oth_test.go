package gen

import (
	"strings"
	"testing"
)

// othLinkTypes are the link types of this family: the libpcap corpus
// cases on them must compile exactly (unoptimized) or fail with the same
// error.
var othLinkTypes = map[string]bool{
	"IEEE802_11": true, "IEEE802_11_RADIO": true, "IEEE802_11_RADIO_AVS": true,
	"PRISM_HEADER": true, "PPI": true, "PFLOG": true, "SUNATM": true,
	"MTP2": true, "MTP2_WITH_PHDR": true, "ERF": true,
}

// othCompile compiles expr with the real parser and returns the
// unoptimized listing; a netmask left zero is unknown.
func othCompile(cfg Config, expr string) (string, error) {
	if cfg.Netmask == 0 {
		cfg.Netmask = NetmaskUnknown
	}
	return compileExpr(cfg, expr)
}

// othFamily is this family's share of the corpus: every case on its link
// types, with the corpus's name databases.
var othFamily = familyCheck{linkTypes: othLinkTypes, compile: othCompile, withNames: true, grammar: true}

func TestOtherFamiliesCorpusAccept(t *testing.T) { othFamily.checkAccept(t) }

func TestOtherFamiliesCorpusReject(t *testing.T) { othFamily.checkReject(t) }

// The errors of this family's primitives, on link types the corpus has
// few cases for.
func TestOtherFamiliesErrors(t *testing.T) {
	checkErrors(t, othCompile, sameText, []errorCase{
		{dltEN10MB, "ifname eth0", "'ifname' supported only on PFLOG linktype"},
		{dltPFLog, "ifname abcdefghijklmnop", "ifname interface names can only be 15 characters"},
		{dltPFLog, "ruleset abcdefghijklmnop", "ruleset names can only be 15 characters"},
		{dltEN10MB, "vpi 1", "'vpi' supported only on SUNATM"},
		{dltSunATM, "vpi 256", "VPI 256 greater than maximum 255"},
		{dltSunATM, "vci 65536", "VCI 65536 greater than maximum 65535"},
		{dltSunATM, "lane and vpi 1", "'vpi' supported only on SUNATM"},
		{dltJuniperATM1, "oam", "'oam' supported only on SUNATM"},
		{dltEN10MB, "fisu", "'fisu' supported only on SS7"},
		{dltMTP2, "dpc 16384", "dpc 16384 greater than maximum 16383"},
		{dltMTP2WithPHdr, "hopc 16384", "hopc 16384 greater than maximum 16383"},
		{dltERF, "sls 16", "sls 16 greater than maximum 15"},
		{dltMTP2, "sio 256", "sio 256 greater than maximum 255"},
		{dltEN10MB, "type mgt", "'type/subtype' not supported on DLT_EN10MB (Ethernet)"},
		{dltEN10MB, "dir tods", "'dir' not supported on DLT_EN10MB (Ethernet)"},
	})
}

// Nothing is computed at the start of the program when no primitive
// needed a run-time offset.
func TestOtherFamiliesNoVarOffsets(t *testing.T) {
	for _, dlt := range []int{dltIEEE802_11, dltIEEE802_11Radio, dltPrismHeader, dltPPI, dltPFLog} {
		got, err := othCompile(Config{LinkType: dlt}, "greater 100")
		if err != nil {
			t.Fatalf("%d: %v", dlt, err)
		}
		if strings.Contains(got, "st ") {
			t.Errorf("%d: offsets computed though unused:\n%s", dlt, got)
		}
	}
}
