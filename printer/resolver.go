package printer

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"

	"github.com/gocapdump/gocapdump/compiler/names"
)

// SystemResolverConfig says where a SystemResolver finds its answers. The
// zero value reads the usual files and asks DNS.
type SystemResolverConfig struct {
	// HostsFile, ServicesFile and EthersFile name the files to read;
	// "" means /etc/hosts, /etc/services and /etc/ethers. A file that
	// cannot be read contributes no names, as with tcpdump.
	HostsFile, ServicesFile, EthersFile string

	// NoDNS limits host names to the hosts file.
	NoDNS bool
	// DNS answers reverse lookups the hosts file cannot; nil means a
	// net.Resolver using Go's own DNS client.
	DNS *net.Resolver
	// DNSBackoff is how long DNS is left alone after a reverse lookup
	// timed out, so that traffic from many new addresses is not delayed
	// one timeout each while the DNS server is unreachable; 0 means 30
	// seconds.
	DNSBackoff time.Duration
}

// A SystemResolver answers name lookups the way glibc answers tcpdump's:
// host names from the hosts file, then from reverse DNS; service names
// from the services file; Ethernet names from the ethers file. Where a
// file lists a key twice, the first line wins. Each file is read once, at
// the first lookup that needs it. A SystemResolver is safe for concurrent
// use.
//
// The files are read and searched by package names, which also serves the
// filter compiler; see its documentation for the one difference from
// glibc (MAC address notations in the ethers file).
type SystemResolver struct {
	cfg   SystemResolverConfig
	files *names.Resolver

	mu          sync.Mutex
	dnsIdleTill time.Time // no DNS queries before this time
}

// NewSystemResolver returns a resolver reading the files cfg names.
func NewSystemResolver(cfg SystemResolverConfig) *SystemResolver {
	if cfg.DNS == nil {
		cfg.DNS = &net.Resolver{PreferGo: true}
	}
	if cfg.DNSBackoff <= 0 {
		cfg.DNSBackoff = 30 * time.Second
	}
	return &SystemResolver{
		cfg: cfg,
		// names' defaults for "" are the same /etc paths. Its Resolver
		// never asks DNS for reverse lookups; the backoff below is ours.
		files: &names.Resolver{
			HostsFile:    cfg.HostsFile,
			ServicesFile: cfg.ServicesFile,
			EthersFile:   cfg.EthersFile,
			NoDNS:        true,
		},
	}
}

// errNoName is what a SystemResolver returns when it knows no name.
var errNoName = errors.New("no name")

// errDNSBackoff says DNS was not asked because it timed out recently. The
// printer does not remember this failure: the address is tried again once
// DNS may be back.
var errDNSBackoff = errors.New("DNS skipped after a timeout")

// HostName implements Resolver: the hosts file first, then a reverse DNS
// query (PTR), without the trailing dot of the DNS answer. A hosts file
// that cannot be read is passed over, as tcpdump passes it over.
func (r *SystemResolver) HostName(ctx context.Context, addr netip.Addr) (string, error) {
	name, err := r.files.HostName(addr)
	if err == nil {
		return name, nil
	}
	if r.cfg.NoDNS {
		return "", err
	}
	r.mu.Lock()
	idle := time.Now().Before(r.dnsIdleTill)
	r.mu.Unlock()
	if idle {
		return "", fmt.Errorf("reverse lookup of %s: %w", addr, errDNSBackoff)
	}
	ptrs, err := r.cfg.DNS.LookupAddr(ctx, addr.String())
	if err != nil {
		if ctx.Err() != nil || isTimeout(err) {
			r.mu.Lock()
			r.dnsIdleTill = time.Now().Add(r.cfg.DNSBackoff)
			r.mu.Unlock()
		}
		return "", fmt.Errorf("reverse lookup of %s: %w", addr, err)
	}
	for _, name := range ptrs {
		if name = strings.TrimSuffix(name, "."); name != "" {
			return name, nil
		}
	}
	return "", errNoName
}

func isTimeout(err error) bool {
	var te interface{ Timeout() bool }
	return errors.As(err, &te) && te.Timeout()
}

// ServiceName implements Resolver from the services file.
func (r *SystemResolver) ServiceName(ctx context.Context, proto string, port uint16) (string, error) {
	return r.files.ServiceName(port, proto)
}

// EtherName implements Resolver from the ethers file.
func (r *SystemResolver) EtherName(ctx context.Context, mac [6]byte) (string, error) {
	return r.files.EtherName(names.MAC(mac))
}
