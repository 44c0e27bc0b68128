package printer

import (
	"context"
	"errors"
	"net/netip"
	"testing"
	"time"
)

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
