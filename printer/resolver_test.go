package printer

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestParseHosts(t *testing.T) {
	m, err := parseHosts(strings.NewReader("127.0.0.1 localhost loopback\n" +
		"  10.0.0.1\tfirst # the first line wins\n" +
		"10.0.0.1 second\n" +
		"#10.0.0.2 commented\n" +
		"10.0.0.3\n" +
		"fe80::1%eth0 zoned\n" +
		"::1 ip6-localhost\n" +
		"not-an-address name\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"127.0.0.1": "localhost", "10.0.0.1": "first", "::1": "ip6-localhost"}
	if len(m) != len(want) {
		t.Errorf("parsed %d addresses, want %d: %v", len(m), len(want), m)
	}
	for a, n := range want {
		if got := m[netip.MustParseAddr(a)]; got != n {
			t.Errorf("%s: got %q, want %q", a, got, n)
		}
	}
}

func TestParseServices(t *testing.T) {
	m, err := parseServices(strings.NewReader("http 80/tcp www # WorldWideWeb\n" +
		"www-alt 80/tcp\n" +
		"domain 53/udp\n" +
		"nope 70000/tcp\n" +
		"bad x/tcp\n" +
		"noslash 99\n" +
		"echo 4/ddp\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[serviceKey]string{{"tcp", 80}: "http", {"udp", 53}: "domain", {"ddp", 4}: "echo"}
	if len(m) != len(want) {
		t.Errorf("parsed %v, want %v", m, want)
	}
	for k, n := range want {
		if m[k] != n {
			t.Errorf("%v: got %q, want %q", k, m[k], n)
		}
	}
}

func TestParseEthers(t *testing.T) {
	m, err := parseEthers(strings.NewReader("8:0:20:1:2:3 sun\n" +
		"08:00:20:01:02:03 dup\n" +
		"00:11:22:33:44 short\n" +
		"001:11:22:33:44:55 long\n" +
		"aa:bb:cc:dd:ee:ff\n" +
		"AA:BB:CC:DD:EE:0F upper # comment\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := map[[6]byte]string{{8, 0, 0x20, 1, 2, 3}: "sun", {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x0f}: "upper"}
	if len(m) != len(want) {
		t.Errorf("parsed %v, want %v", m, want)
	}
	for k, n := range want {
		if m[k] != n {
			t.Errorf("%x: got %q, want %q", k, m[k], n)
		}
	}
}

// TestSystemResolverMissingFiles checks that missing files mean no names,
// not errors, as for tcpdump.
func TestSystemResolverMissingFiles(t *testing.T) {
	dir := t.TempDir()
	r := NewSystemResolver(SystemResolverConfig{NoDNS: true, HostsFile: dir + "/none", ServicesFile: dir + "/none", EthersFile: dir + "/none"})
	ctx := context.Background()
	if n, err := r.HostName(ctx, hostLocal); n != "" || err == nil {
		t.Errorf("HostName = %q, %v; want no name and an error", n, err)
	}
	if n, _ := r.ServiceName(ctx, "tcp", 80); n != "" {
		t.Errorf("ServiceName = %q, want none", n)
	}
	if n, _ := r.EtherName(ctx, macNamed); n != "" {
		t.Errorf("EtherName = %q, want none", n)
	}
}

// TestSystemResolverDNSBackoff checks that after a DNS timeout the
// resolver leaves DNS alone for a while instead of waiting again.
func TestSystemResolverDNSBackoff(t *testing.T) {
	dir := t.TempDir()
	r := NewSystemResolver(SystemResolverConfig{HostsFile: dir + "/none", ServicesFile: dir + "/none", EthersFile: dir + "/none", DNSBackoff: time.Hour})
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the lookup ends at once, as if it had timed out
	if _, err := r.HostName(ctx, netip.MustParseAddr("192.0.2.1")); err == nil {
		t.Fatal("lookup with a done context succeeded")
	}
	r.mu.Lock()
	idle := time.Until(r.dnsIdleTill)
	r.mu.Unlock()
	if idle <= 0 {
		t.Fatal("no backoff after a timed-out DNS lookup")
	}
	start := time.Now()
	if _, err := r.HostName(context.Background(), netip.MustParseAddr("192.0.2.2")); !errors.Is(err, errDNSBackoff) {
		t.Errorf("lookup during backoff: err = %v, want errDNSBackoff", err)
	}
	if time.Since(start) > time.Second {
		t.Error("lookup during backoff waited")
	}
}

// FuzzNameFiles feeds arbitrary text to the hosts, services and ethers
// parsers: they must not panic, and every key they return must come from
// the text.
func FuzzNameFiles(f *testing.F) {
	f.Add("127.0.0.1 localhost\n::1 ip6-localhost ip6-loopback\n")
	f.Add("http 80/tcp www # comment\ndomain 53/udp\n")
	f.Add("8:0:20:1:2:3 sun\naa:bb:cc:dd:ee:ff name # c\n")
	f.Add("fe80::1%lo x\n\x00\t#\n 1/ 2/tcp\n:::::: a\n")
	f.Fuzz(func(t *testing.T, text string) {
		hosts, _ := parseHosts(strings.NewReader(text))
		for a, n := range hosts {
			if n == "" || !a.IsValid() || strings.ContainsAny(n, " \t#") {
				t.Errorf("hosts: bad entry %v %q", a, n)
			}
		}
		services, _ := parseServices(strings.NewReader(text))
		for k, n := range services {
			if n == "" || k.proto == "" {
				t.Errorf("services: bad entry %v %q", k, n)
			}
		}
		ethers, _ := parseEthers(strings.NewReader(text))
		for _, n := range ethers {
			if n == "" {
				t.Error("ethers: empty name")
			}
		}
	})
}

// backoffResolver answers every host lookup with the DNS backoff error.
type backoffResolver struct{ fakeResolver }

func (b *backoffResolver) HostName(ctx context.Context, a netip.Addr) (string, error) {
	b.asked++
	return "", errDNSBackoff
}

// TestNamesBackoffNotRemembered checks that an address skipped while DNS
// backs off is asked about again later.
func TestNamesBackoffNotRemembered(t *testing.T) {
	r := &backoffResolver{}
	p := New(nil, LinkEthernet, Options{ResolveNames: true, Resolver: r})
	p.names.hostName(hostNamed)
	p.names.hostName(hostNamed)
	if r.asked != 2 {
		t.Errorf("asked %d times, want 2", r.asked)
	}
}
