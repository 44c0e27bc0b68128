// Package libpcapcorpus reads libpcap's filter corpus
// (../shared/corpus/libpcap, README there) for the compiler's tests: the
// case types, the expected listings, and a name resolver with the
// corpus's extra host, ether and network names.
package libpcapcorpus

import (
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/compiler/names"
)

// AcceptBlock is one block of accept.json: aliases that compile to the
// same program.
type AcceptBlock struct {
	Name     string   `json:"name"`
	DLT      string   `json:"DLT"`
	Aliases  []string `json:"aliases"`
	Snaplen  *uint32  `json:"snaplen"`
	Netmask  string   `json:"netmask"`
	LinuxExt int      `json:"linuxext"`
	Offline  string   `json:"generate_offline_filter"`
	Skip     string   `json:"skip"`
	OptUnopt *string  `json:"optunopt"`
	Opt      *string  `json:"opt"`
	Unopt    *string  `json:"unopt"`
	// HasOpt tells "opt": null (the optimizer must reject the
	// expression) from a block that has no "opt" key at all.
	HasOpt bool `json:"-"`
}

// RejectCase is one case of reject.json.
type RejectCase struct {
	Name     string  `json:"name"`
	DLT      string  `json:"DLT"`
	Expr     *string `json:"expr"`
	Netmask  string  `json:"netmask"`
	Errstr   string  `json:"errstr"`
	Skip     string  `json:"skip"`
	Savefile string  `json:"savefile"`
}

// CoreDLTs are the link types gocapdump supports in full.
var CoreDLTs = []string{"EN10MB", "RAW", "IPV4", "IPV6", "LINUX_SLL", "LINUX_SLL2", "NULL", "LOOP"}

// LoadAccept reads accept.json from the libpcap corpus directory.
func LoadAccept(t testing.TB, corpus string) []AcceptBlock {
	t.Helper()
	var blocks []AcceptBlock
	loadJSON(t, filepath.Join(corpus, "accept.json"), &blocks)
	var raws []map[string]json.RawMessage
	loadJSON(t, filepath.Join(corpus, "accept.json"), &raws)
	for i := range blocks {
		_, blocks[i].HasOpt = raws[i]["opt"]
	}
	return blocks
}

// LoadReject reads reject.json from the libpcap corpus directory.
func LoadReject(t testing.TB, corpus string) []RejectCase {
	t.Helper()
	var cases []RejectCase
	loadJSON(t, filepath.Join(corpus, "reject.json"), &cases)
	return cases
}

func loadJSON(t testing.TB, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// Listing keeps the lines of a corpus program that count: those that
// start with "(" once leading tabs are removed.
func Listing(text string) string {
	var sb strings.Builder
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimLeft(line, "\t ")
		if strings.HasPrefix(line, "(") {
			sb.WriteString(line)
			sb.WriteByte('\n')
		}
	}
	return sb.String()
}

// Netmask parses a case's dotted netmask; "" is nil (unknown).
func Netmask(s string) net.IPMask {
	if s == "" {
		return nil
	}
	return net.IPMask(net.ParseIP(s).To4())
}

// Resolver resolves names from the system's files with the corpus's
// extra lines appended, as the corpus expects, and never asks the DNS.
func Resolver(t testing.TB, corpus string) *names.Resolver {
	t.Helper()
	dir := t.TempDir()
	join := func(name string) string {
		sys, _ := os.ReadFile(filepath.Join("/etc", name))
		extra, _ := os.ReadFile(filepath.Join(corpus, "etc", name))
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, append(append(sys, '\n'), extra...), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return &names.Resolver{
		HostsFile:    join("hosts"),
		EthersFile:   join("ethers"),
		NetworksFile: join("networks"),
		NoDNS:        true,
	}
}
