package printer

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
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
// file lists a key twice, the first line wins. The files are read once,
// at the first lookup. A SystemResolver is safe for concurrent use.
type SystemResolver struct {
	cfg SystemResolverConfig

	load     sync.Once
	hosts    map[netip.Addr]string
	services map[serviceKey]string
	ethers   map[[6]byte]string

	mu          sync.Mutex
	dnsIdleTill time.Time // no DNS queries before this time
}

type serviceKey struct {
	proto string
	port  uint16
}

// NewSystemResolver returns a resolver reading the files cfg names.
func NewSystemResolver(cfg SystemResolverConfig) *SystemResolver {
	if cfg.HostsFile == "" {
		cfg.HostsFile = "/etc/hosts"
	}
	if cfg.ServicesFile == "" {
		cfg.ServicesFile = "/etc/services"
	}
	if cfg.EthersFile == "" {
		cfg.EthersFile = "/etc/ethers"
	}
	if cfg.DNS == nil {
		cfg.DNS = &net.Resolver{PreferGo: true}
	}
	if cfg.DNSBackoff <= 0 {
		cfg.DNSBackoff = 30 * time.Second
	}
	return &SystemResolver{cfg: cfg}
}

func (r *SystemResolver) loadFiles() {
	r.load.Do(func() {
		r.hosts = readTable(r.cfg.HostsFile, parseHosts)
		r.services = readTable(r.cfg.ServicesFile, parseServices)
		r.ethers = readTable(r.cfg.EthersFile, parseEthers)
	})
}

// readTable parses a file, or returns nil if it cannot be read: a missing
// file means no names, not an error, as for tcpdump.
func readTable[M any](path string, parse func(io.Reader) (M, error)) M {
	f, err := os.Open(path)
	if err != nil {
		var zero M
		return zero
	}
	defer f.Close()
	m, _ := parse(f)
	return m
}

// errNoName is what a SystemResolver returns when it knows no name.
var errNoName = errors.New("no name")

// errDNSBackoff says DNS was not asked because it timed out recently. The
// printer does not remember this failure: the address is tried again once
// DNS may be back.
var errDNSBackoff = errors.New("DNS skipped after a timeout")

// HostName implements Resolver: the hosts file first, then a reverse DNS
// query (PTR), without the trailing dot of the DNS answer.
func (r *SystemResolver) HostName(ctx context.Context, addr netip.Addr) (string, error) {
	r.loadFiles()
	if name, ok := r.hosts[addr]; ok {
		return name, nil
	}
	if r.cfg.NoDNS {
		return "", errNoName
	}
	r.mu.Lock()
	idle := time.Now().Before(r.dnsIdleTill)
	r.mu.Unlock()
	if idle {
		return "", fmt.Errorf("reverse lookup of %s: %w", addr, errDNSBackoff)
	}
	names, err := r.cfg.DNS.LookupAddr(ctx, addr.String())
	if err != nil {
		if ctx.Err() != nil || isTimeout(err) {
			r.mu.Lock()
			r.dnsIdleTill = time.Now().Add(r.cfg.DNSBackoff)
			r.mu.Unlock()
		}
		return "", fmt.Errorf("reverse lookup of %s: %w", addr, err)
	}
	for _, name := range names {
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
	r.loadFiles()
	if name, ok := r.services[serviceKey{proto, port}]; ok {
		return name, nil
	}
	return "", errNoName
}

// EtherName implements Resolver from the ethers file.
func (r *SystemResolver) EtherName(ctx context.Context, mac [6]byte) (string, error) {
	r.loadFiles()
	if name, ok := r.ethers[mac]; ok {
		return name, nil
	}
	return "", errNoName
}

// File parsers. Each reads the whole file, skips lines it cannot parse as
// the C library does, and keeps the first line for a key. The only errors
// are read errors, returned with what was parsed before them.

// maxLine bounds one line of a name file; longer lines are an error.
const maxLine = 64 * 1024

// fields splits a line into whitespace-separated fields, dropping a
// comment that starts with '#'.
func fields(line string) []string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	return strings.Fields(line)
}

func scanLines(r io.Reader, each func(f []string)) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 4096), maxLine)
	for sc.Scan() {
		if f := fields(sc.Text()); len(f) > 0 {
			each(f)
		}
	}
	return sc.Err()
}

// parseHosts reads a hosts(5) file and returns the name gethostbyaddr
// gives each address: the first name of the first line listing it.
// Addresses with a zone (fe80::1%eth0) are skipped, as glibc skips them.
func parseHosts(r io.Reader) (map[netip.Addr]string, error) {
	m := map[netip.Addr]string{}
	err := scanLines(r, func(f []string) {
		if len(f) < 2 {
			return
		}
		addr, err := netip.ParseAddr(f[0])
		if err != nil || addr.Zone() != "" {
			return
		}
		if _, dup := m[addr]; !dup {
			m[addr] = f[1]
		}
	})
	if err != nil {
		return m, fmt.Errorf("hosts file: %w", err)
	}
	return m, nil
}

// parseServices reads a services(5) file and returns the name of each
// port and protocol: the first name of the first line listing them.
func parseServices(r io.Reader) (map[serviceKey]string, error) {
	m := map[serviceKey]string{}
	err := scanLines(r, func(f []string) {
		if len(f) < 2 {
			return
		}
		num, proto, ok := strings.Cut(f[1], "/")
		if !ok || proto == "" {
			return
		}
		port, err := strconv.ParseUint(num, 10, 16)
		if err != nil {
			return
		}
		k := serviceKey{proto, uint16(port)}
		if _, dup := m[k]; !dup {
			m[k] = f[0]
		}
	})
	if err != nil {
		return m, fmt.Errorf("services file: %w", err)
	}
	return m, nil
}

// parseEthers reads an ethers(5) file and returns the name of each MAC-48
// address: the first line's. Addresses are six groups of one or two hex
// digits separated by colons.
func parseEthers(r io.Reader) (map[[6]byte]string, error) {
	m := map[[6]byte]string{}
	err := scanLines(r, func(f []string) {
		if len(f) < 2 {
			return
		}
		mac, ok := parseMAC(f[0])
		if !ok {
			return
		}
		if _, dup := m[mac]; !dup {
			m[mac] = f[1]
		}
	})
	if err != nil {
		return m, fmt.Errorf("ethers file: %w", err)
	}
	return m, nil
}

func parseMAC(s string) ([6]byte, bool) {
	var mac [6]byte
	parts := strings.Split(s, ":")
	if len(parts) != 6 {
		return mac, false
	}
	for i, p := range parts {
		if len(p) < 1 || len(p) > 2 {
			return mac, false
		}
		v, err := strconv.ParseUint(p, 16, 8)
		if err != nil {
			return mac, false
		}
		mac[i] = byte(v)
	}
	return mac, true
}
