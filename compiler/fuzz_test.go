package compiler

import (
	"errors"
	"testing"

	"golang.org/x/net/bpf"

	"github.com/gocapdump/gocapdump/bpfcheck"
	"github.com/gocapdump/gocapdump/compiler/names"
	"github.com/gocapdump/gocapdump/linktype"
)

// FuzzCompile feeds arbitrary expressions to the compiler for several link
// types. It must never panic, and every program it emits must pass the
// kernel's checker but for the two refusals libpcap's own programs meet
// (see Program.Check). Seeds are in testdata/fuzz/FuzzCompile.
func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		"", "ip", "tcp port 80", "host 10.0.0.1 and not port 22", "ip6 net fe80::/10",
		"ether host 01:02:03:04:05:06", "vlan 10 and udp", "tcp[tcpflags] & tcp-syn != 0",
		"len > 100 or ip[2:2] * 4 < 1000", "icmp[icmptype] == icmp-echo", "portrange 1-1024",
	} {
		f.Add(s, uint8(0), false)
	}
	// Names must not depend on the machine, nor wait for the DNS.
	dir := f.TempDir()
	res := &names.Resolver{
		HostsFile: dir + "/hosts", ServicesFile: dir + "/services", ProtocolsFile: dir + "/protocols",
		EthersFile: dir + "/ethers", NetworksFile: dir + "/networks", NoDNS: true,
	}
	dlts := []linktype.Type{linktype.Ethernet, linktype.Raw, linktype.LinuxSLL, linktype.LinuxSLL2,
		linktype.Null, linktype.Loop, linktype.IPv4, linktype.IPv6}
	f.Fuzz(func(t *testing.T, expr string, dlt uint8, optimize bool) {
		opts := Options{
			LinkType:   dlts[int(dlt)%len(dlts)],
			NoOptimize: !optimize,
			Resolver:   res,
		}
		prog, err := Compile(expr, opts)
		if err != nil {
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("%q: error of type %T: %v", expr, err, err)
			}
			return
		}
		if err := prog.Check(); err != nil && !libpcapToo(prog.insns, err) {
			t.Fatalf("%q: kernel checker refuses the program: %v\n%s", expr, err, prog)
		}
	})
}

// libpcapToo reports whether a checker refusal is one libpcap's programs
// meet as well: a backward jump (protochain) or a program too long.
func libpcapToo(insns []bpf.RawInstruction, err error) bool {
	var ce *bpfcheck.Error
	if !errors.As(err, &ce) {
		return false
	}
	switch ce.Rule {
	case bpfcheck.RuleLength:
		return true
	case bpfcheck.RuleJump:
		in := insns[ce.Index]
		return in.Op == 0x05 && int32(in.K) < 0
	}
	return false
}
