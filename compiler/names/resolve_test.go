package names

import (
	"context"
	"errors"
	"net"
	"net/netip"
	"slices"
	"sync"
	"testing"
)

// testResolver reads only the files in testdata and never uses the DNS.
func testResolver() *Resolver {
	return &Resolver{
		HostsFile:     "testdata/hosts",
		ServicesFile:  "testdata/services",
		ProtocolsFile: "testdata/protocols",
		EthersFile:    "testdata/ethers",
		NetworksFile:  "testdata/networks",
		NoDNS:         true,
	}
}

func addrs(ss ...string) []netip.Addr {
	var out []netip.Addr
	for _, s := range ss {
		out = append(out, netip.MustParseAddr(s))
	}
	return out
}

func TestLookupHost(t *testing.T) {
	r := testResolver()
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		want []netip.Addr
	}{
		{"localhost", addrs("127.0.0.1", "::1")},
		{"ip6-localhost", addrs("::1")},
		// Every line naming the host, in file order, duplicates once.
		{"alpha.example.test", addrs("192.0.2.10", "2001:db8::10", "192.0.2.11")},
		{"ALPHA", addrs("192.0.2.10")},
		{"beta", addrs("2001:db8::20")},
		{"gamma.example.test", addrs("198.51.100.7")},
		{"mapped.example.test", addrs("::ffff:192.0.2.99")},
		{"192.0.2.1", addrs("192.0.2.1")},
		{"2001:db8::1", addrs("2001:db8::1")},
	} {
		got, err := r.LookupHost(ctx, tc.name)
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("LookupHost(%q) = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	for _, name := range []string{"", "zoned.example.test", "broken.example.test", "nosuch.example.test", "alpha.example"} {
		if got, err := r.LookupHost(ctx, name); !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupHost(%q) = %v, %v; want ErrNotFound", name, got, err)
		}
	}
	// The result is the caller's to change.
	got, _ := r.LookupHost(ctx, "beta")
	got[0] = netip.Addr{}
	if again, _ := r.LookupHost(ctx, "beta"); !again[0].IsValid() {
		t.Error("modifying a result changed the resolver's table")
	}
}

// failingDNS is a DNS resolver that cannot reach any server.
func failingDNS() *net.Resolver {
	return &net.Resolver{
		PreferGo: true,
		Dial: func(context.Context, string, string) (net.Conn, error) {
			return nil, errors.New("no network in this test")
		},
	}
}

func TestLookupHostDNS(t *testing.T) {
	r := &Resolver{HostsFile: "testdata/hosts", DNS: failingDNS()}
	ctx := context.Background()

	// The hosts file answers before the DNS is asked.
	if got, err := r.LookupHost(ctx, "beta"); err != nil || !slices.Equal(got, addrs("2001:db8::20")) {
		t.Errorf("LookupHost(beta) = %v, %v", got, err)
	}
	// A DNS failure means "unknown host", as for libpcap.
	_, err := r.LookupHost(ctx, "nosuch.example.test")
	if !errors.Is(err, ErrNotFound) {
		t.Errorf("LookupHost with failing DNS: %v; want ErrNotFound", err)
	}
	// RFC 6761 invalid names are not sent to the DNS at all.
	for _, name := range []string{"host.invalid.", "host.INVALID", "invalid"} {
		_, err := r.LookupHost(ctx, name)
		if !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupHost(%q): %v; want ErrNotFound", name, err)
		}
	}
	// Cancellation is reported as such, not as a missing host.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = r.LookupHost(cctx, "nosuch.example.test")
	if !errors.Is(err, context.Canceled) || errors.Is(err, ErrNotFound) {
		t.Errorf("LookupHost with canceled context: %v", err)
	}
}

func TestLookupService(t *testing.T) {
	r := testResolver()
	for _, tc := range []struct {
		name, proto string
		want        uint16
	}{
		{"smtp", "tcp", 25},
		{"mail", "tcp", 25},
		{"domain", "udp", 53},
		{"sctpsvc", "sctp", 3000},
		{"sctpsvc", "tcp", 3001},
		{"25", "tcp", 25},
		{"08", "udp", 8},
		{"65536", "tcp", 0},
		{"70000", "tcp", 4464},
		{"4294967295", "tcp", 0xffff}, // wraps to the int -1: not numeric
	} {
		got, err := r.LookupService(tc.name, tc.proto)
		if tc.name == "4294967295" {
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("LookupService(%q) = %d, %v; want ErrNotFound", tc.name, got, err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("LookupService(%q, %q) = %d, %v; want %d", tc.name, tc.proto, got, err, tc.want)
		}
	}
	for _, tc := range [][2]string{
		{"smtp", "udp"}, {"SMTP", "tcp"}, {"bad", "tcp"}, {"bad2", ""}, {"bad3", "tcp"},
		{"nosuch", "tcp"}, {"", "tcp"}, {"sctpsvc", "udp"},
	} {
		if got, err := r.LookupService(tc[0], tc[1]); !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupService(%q, %q) = %d, %v; want ErrNotFound", tc[0], tc[1], got, err)
		}
	}
}

func TestLookupPort(t *testing.T) {
	r := testResolver()
	for _, tc := range []struct {
		name string
		want Port
	}{
		{"smtp", Port{25, TCP}},
		{"domain", Port{53, AnyProto}},
		{"echo", Port{7, AnyProto}},
		{"bootps", Port{67, UDP}},
		{"onlyudp", Port{2000, UDP}},
		{"split", Port{1000, TCP}}, // TCP wins when the numbers differ
		{"sctpsvc", Port{3001, TCP}},
		{"08", Port{8, AnyProto}},
	} {
		got, err := r.LookupPort(tc.name)
		if err != nil || got != tc.want {
			t.Errorf("LookupPort(%q) = %+v, %v; want %+v", tc.name, got, err, tc.want)
		}
	}
	if got, err := r.LookupPort("nosuch"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LookupPort(nosuch) = %+v, %v", got, err)
	}
}

func TestLookupPortRange(t *testing.T) {
	r := testResolver()
	for _, tc := range []struct {
		in   string
		want PortRange
	}{
		{"smtp-http", PortRange{25, 80, TCP}},
		{"bootps-bootpc", PortRange{67, 68, UDP}},
		{"bootpc-bootps", PortRange{68, 67, UDP}},
		{"domain-domain", PortRange{53, 53, AnyProto}},
		{"smtp-domain", PortRange{25, 53, AnyProto}},
		{"domain-smtp", PortRange{53, 25, AnyProto}},
		{"25-smtp", PortRange{25, 25, AnyProto}},
		{"smtp-bootps", PortRange{25, 67, AnyProto}},
	} {
		got, err := r.LookupPortRange(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("LookupPortRange(%q) = %+v, %v; want %+v", tc.in, got, err, tc.want)
		}
	}
	if _, err := r.LookupPortRange("smtp"); !errors.Is(err, ErrSyntax) {
		t.Errorf("LookupPortRange(smtp): %v; want ErrSyntax", err)
	}
	for _, in := range []string{"smtp-nosuch", "nosuch-smtp", "-smtp", "smtp-", "smtp-http-25"} {
		if got, err := r.LookupPortRange(in); !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupPortRange(%q) = %+v, %v; want ErrNotFound", in, got, err)
		}
	}
}

func TestLookupProtocol(t *testing.T) {
	r := testResolver()
	for _, tc := range []struct {
		name string
		want int
	}{
		{"ip", 0}, {"tcp", 6}, {"TCP", 6}, {"udp", 17}, {"icmp6", 58}, {"sctp", 132}, {"mptcp", 262},
	} {
		got, err := r.LookupProtocol(tc.name)
		if err != nil || got != tc.want {
			t.Errorf("LookupProtocol(%q) = %d, %v; want %d", tc.name, got, err, tc.want)
		}
	}
	for _, name := range []string{"Tcp", "bogus", "gre", ""} {
		if got, err := r.LookupProtocol(name); !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupProtocol(%q) = %d, %v; want ErrNotFound", name, got, err)
		}
	}

	// Without a protocols file the usual table stands in.
	r = &Resolver{ProtocolsFile: "testdata/does-not-exist"}
	for name, want := range map[string]int{"tcp": 6, "UDP": 17, "gre": 47, "ipv6-icmp": 58, "ospf": 89, "OSPFIGP": 89} {
		if got, err := r.LookupProtocol(name); err != nil || got != want {
			t.Errorf("built-in LookupProtocol(%q) = %d, %v; want %d", name, got, err, want)
		}
	}
}

func TestLookupEthers(t *testing.T) {
	r := testResolver()
	for _, tc := range []struct {
		name string
		want MAC
	}{
		{"alpha.example.test", MAC{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}},
		{"Alpha.Example.Test", MAC{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}},
		{"short.example.test", MAC{0, 1, 2, 0xa, 0xb, 0xc}},
		{"upper.example.test", MAC{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}},
	} {
		got, err := r.LookupEthers(tc.name)
		if err != nil || got != tc.want {
			t.Errorf("LookupEthers(%q) = %v, %v; want %v", tc.name, got, err, tc.want)
		}
	}
	for _, name := range []string{"broken.example.test", "nosuch", ""} {
		if got, err := r.LookupEthers(name); !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupEthers(%q) = %v, %v; want ErrNotFound", name, got, err)
		}
	}
	r = &Resolver{EthersFile: "testdata/does-not-exist"}
	if _, err := r.LookupEthers("alpha.example.test"); !errors.Is(err, ErrNotFound) {
		t.Errorf("LookupEthers without a file: %v; want ErrNotFound", err)
	}
}

func TestLookupNetwork(t *testing.T) {
	r := testResolver()
	for _, tc := range []struct {
		name string
		want uint32
	}{
		{"default", 0},
		{"loopback", 0x7f000000},
		{"net-a", 0x0a140000},
		{"net-a-alias", 0x0a140000},
		{"net-b", 0x0a141e00},
		{"net-octal", 0x0a140000},
		{"net-upper", 0xc0a80100},
		{"NET-UPPER", 0xc0a80100},
	} {
		got, err := r.LookupNetwork(tc.name)
		if err != nil || got != tc.want {
			t.Errorf("LookupNetwork(%q) = %#x, %v; want %#x", tc.name, got, err, tc.want)
		}
	}
	for _, name := range []string{"bad-net", "bad-net2", "nosuch", ""} {
		if got, err := r.LookupNetwork(name); !errors.Is(err, ErrNotFound) {
			t.Errorf("LookupNetwork(%q) = %#x, %v; want ErrNotFound", name, got, err)
		}
	}
}

func TestUnreadableFile(t *testing.T) {
	// A directory cannot be read as a file: that is an error, not an
	// empty database, and it is not ErrNotFound.
	r := &Resolver{HostsFile: "testdata", NoDNS: true}
	_, err := r.LookupHost(context.Background(), "alpha")
	if err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("LookupHost with a directory as hosts file: %v", err)
	}
}

func TestParseNetworkNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint32
		ok   bool
	}{
		{"10", 0x0a000000, true},
		{"10.20.30.40", 0x0a141e28, true},
		{"0x0a.0x14", 0x0a140000, true},
		{"012", 0x0a000000, true},
		{"0", 0, true},
		{"0X1f", 0x1f000000, true},
		{"08", 0, false},
		{"0x", 0, false},
		{"256", 0, false},
		{"1.2.3.4.5", 0, false},
		{"1..2", 0, false},
		{"", 0, false},
		{"-1", 0, false},
	} {
		got, ok := parseNetworkNumber(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("parseNetworkNumber(%q) = %#x, %v; want %#x, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestEtherProtoAndLLC(t *testing.T) {
	for name, want := range map[string]uint16{"ip": 0x800, "ip6": 0x86dd, "arp": 0x806, "rarp": 0x8035, "lldp": 0x88cc, "loopback": 0x9000, "decnet": 0x6003} {
		if got, ok := EtherProto(name); !ok || got != want {
			t.Errorf("EtherProto(%q) = %#x, %v; want %#x", name, got, ok, want)
		}
	}
	if _, ok := EtherProto("IP"); ok {
		t.Error("EtherProto(IP) found; libpcap compares exactly")
	}
	for name, want := range map[string]uint8{"iso": 0xfe, "stp": 0x42, "ipx": 0xe0, "netbeui": 0xf0} {
		if got, ok := LLCSAP(name); !ok || got != want {
			t.Errorf("LLCSAP(%q) = %#x, %v; want %#x", name, got, ok, want)
		}
	}
	if _, ok := LLCSAP("ip"); ok {
		t.Error("LLCSAP(ip) found")
	}
}

func TestConcurrentUse(t *testing.T) {
	r := testResolver()
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			if _, err := r.LookupHost(context.Background(), "alpha"); err != nil {
				t.Error(err)
			}
			if _, err := r.LookupPort("smtp"); err != nil {
				t.Error(err)
			}
			if _, err := r.LookupProtocol("tcp"); err != nil {
				t.Error(err)
			}
			if _, err := r.LookupEthers("alpha.example.test"); err != nil {
				t.Error(err)
			}
			if _, err := r.LookupNetwork("net-a"); err != nil {
				t.Error(err)
			}
			if _, err := r.HostName(netip.MustParseAddr("192.0.2.10")); err != nil {
				t.Error(err)
			}
			if _, err := r.ServiceName(25, "tcp"); err != nil {
				t.Error(err)
			}
			if _, err := r.EtherName(MAC{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
}

func TestProtoString(t *testing.T) {
	for p, want := range map[Proto]string{TCP: "tcp", UDP: "udp", SCTP: "sctp", AnyProto: "any", 99: "Proto(99)"} {
		if got := p.String(); got != want {
			t.Errorf("Proto(%d).String() = %q, want %q", int(p), got, want)
		}
	}
}
