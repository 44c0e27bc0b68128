package printer

import (
	"context"
	"errors"
	"net/netip"
	"time"
)

// Name resolution: what tcpdump prints without -n.
//
// tcpdump turns IPv4 and IPv6 addresses into host names (gethostbyaddr),
// TCP and UDP ports into service names (/etc/services), MAC-48 addresses
// into /etc/ethers names or "xx:xx:xx:xx:xx:xx (oui Vendor)", and the
// protocol of an IP payload it has no printer for into its IANA keyword.
// It remembers every answer forever, in hash tables that grow without
// bound and get slower as they fill. The printer keeps the same "ask once"
// behaviour in caches of bounded size, and bounds every lookup with a
// timeout, so a silent DNS server can delay the output but not stop it.

// Resolver supplies the names printed when Options.ResolveNames is set.
// A method that finds no name returns "" or an error; the printer then
// prints the number, as tcpdump does when a lookup fails. Every method is
// called at most once per key while the answer stays in the printer's
// cache, with a context that expires after Options.LookupTimeout;
// implementations must give up when it is done. A Resolver shared by
// several printers must be safe for concurrent use.
type Resolver interface {
	// HostName returns the name of the host with address addr, as
	// gethostbyaddr does from /etc/hosts and reverse DNS.
	HostName(ctx context.Context, addr netip.Addr) (string, error)
	// ServiceName returns the name of port for proto "tcp" or "udp", as
	// listed in /etc/services.
	ServiceName(ctx context.Context, proto string, port uint16) (string, error)
	// EtherName returns the host name of a MAC-48 address, as
	// ether_ntohost does from /etc/ethers.
	EtherName(ctx context.Context, mac [6]byte) (string, error)
}

// DefaultLookupTimeout bounds one name lookup when Options.LookupTimeout
// is zero. glibc would wait 5 s per DNS server and try twice; a printer
// that stalls that long per new address is of little use on a live link.
const DefaultLookupTimeout = 2 * time.Second

// DefaultNameCacheSize is how many answers of each kind (hosts, ports,
// Ethernet addresses) a printer remembers when Options.NameCacheSize is
// zero.
const DefaultNameCacheSize = 8192

// PrintContext is Print with a context that bounds the name lookups made
// for this packet, in addition to Options.LookupTimeout: when ctx is done,
// names not yet known print as numbers.
func (p *Printer) PrintContext(ctx context.Context, ci CaptureInfo, data []byte) error {
	if p.names == nil {
		return p.Print(ci, data)
	}
	p.names.ctx = ctx
	defer func() { p.names.ctx = nil }()
	return p.Print(ci, data)
}

// nameState is a printer's resolution state: the resolver, the caches of
// its answers and the options that shape what is printed.
type nameState struct {
	r       Resolver
	timeout time.Duration
	local   netip.Prefix // -f: IPv4 names only inside this network
	short   bool         // -N: host names without their domain
	ctx     context.Context

	hosts  nameCache[netip.Addr]
	ports  nameCache[uint32] // proto<<16 | port
	ethers nameCache[[6]byte]
}

func newNameState(opt Options) *nameState {
	n := &nameState{
		r:       opt.Resolver,
		timeout: opt.LookupTimeout,
		local:   opt.LocalNet,
		short:   opt.ShortHostNames,
	}
	if n.r == nil {
		n.r = NewSystemResolver(SystemResolverConfig{})
	}
	if n.timeout <= 0 {
		n.timeout = DefaultLookupTimeout
	}
	size := opt.NameCacheSize
	if size <= 0 {
		size = DefaultNameCacheSize
	}
	n.hosts.init(size)
	n.ports.init(size)
	n.ethers.init(size)
	return n
}

// lookupCtx returns the context for one lookup.
func (n *nameState) lookupCtx() (context.Context, context.CancelFunc) {
	parent := n.ctx
	if parent == nil {
		parent = context.Background()
	}
	return context.WithTimeout(parent, n.timeout)
}

// lookup returns the cached answer for key or asks ask and remembers the
// answer, "" included: a failed or timed-out lookup is not repeated, as in
// tcpdump. Not remembered are a failure because the caller's context
// ended and a SystemResolver's "DNS is backing off" answer.
func lookup[K comparable](n *nameState, c *nameCache[K], key K, ask func(context.Context) (string, error)) string {
	if name, ok := c.get(key); ok {
		return name
	}
	ctx, cancel := n.lookupCtx()
	name, err := ask(ctx)
	cancel()
	if err != nil {
		if errors.Is(err, errDNSBackoff) || n.ctx != nil && n.ctx.Err() != nil {
			return ""
		}
		name = ""
	}
	c.put(key, name)
	return name
}

// hostName returns the name to print for addr, or "" for the number.
func (n *nameState) hostName(addr netip.Addr) string {
	if addr.Is4() && n.local.IsValid() && n.local.Addr().Is4() && !n.local.Contains(addr) {
		return ""
	}
	name := lookup(n, &n.hosts, addr, func(ctx context.Context) (string, error) {
		return n.r.HostName(ctx, addr)
	})
	if n.short {
		// -N keeps what comes before the first dot, even if that is
		// nothing.
		for i := 0; i < len(name); i++ {
			if name[i] == '.' {
				return name[:i]
			}
		}
	}
	return name
}

// serviceName returns the name of a TCP or UDP port, or "".
func (n *nameState) serviceName(proto uint8, port uint16) string {
	var ps string
	switch proto {
	case protoTCP:
		ps = "tcp"
	case protoUDP:
		ps = "udp"
	default:
		return ""
	}
	return lookup(n, &n.ports, uint32(proto)<<16|uint32(port), func(ctx context.Context) (string, error) {
		return n.r.ServiceName(ctx, ps, port)
	})
}

// etherName returns the /etc/ethers name of mac, or "".
func (n *nameState) etherName(mac [6]byte) string {
	return lookup(n, &n.ethers, mac, func(ctx context.Context) (string, error) {
		return n.r.EtherName(ctx, mac)
	})
}

// nameCache remembers up to 2*max answers. It keeps two generations: new
// answers go into young; when young is full it becomes old and the
// previous old generation is dropped; a hit in old is copied to young. So
// names in use stay, memory is bounded, and no access costs more than two
// map lookups, whatever the traffic (tcpdump's tables, by contrast, slow
// down as they grow).
type nameCache[K comparable] struct {
	young, old map[K]string
	max        int
}

func (c *nameCache[K]) init(max int) {
	c.max = max
	c.young = make(map[K]string)
}

func (c *nameCache[K]) get(k K) (string, bool) {
	if v, ok := c.young[k]; ok {
		return v, true
	}
	if v, ok := c.old[k]; ok {
		c.put(k, v)
		return v, true
	}
	return "", false
}

func (c *nameCache[K]) put(k K, v string) {
	if len(c.young) >= c.max {
		c.old = c.young
		c.young = make(map[K]string, c.max/4)
	}
	c.young[k] = v
}

func (c *nameCache[K]) len() int { return len(c.young) + len(c.old) }

// Printing helpers used by the protocol printers.

// ipv4Name prints the IPv4 address a (4 bytes) as a name if it has one.
func (p *Printer) ipv4Name(a []byte) {
	if name := p.names.hostName(netip.AddrFrom4([4]byte(a))); name != "" {
		p.str(name)
		return
	}
	p.out = appendIPv4(p.out, a)
}

// ipv6Name prints the IPv6 address a (16 bytes) as a name if it has one.
func (p *Printer) ipv6Name(a []byte) {
	if name := p.names.hostName(netip.AddrFrom16([16]byte(a))); name != "" {
		p.str(name)
		return
	}
	p.out = appendIPv6(p.out, a)
}

// ipv6Bytes prints an IPv6 address held outside the packet the way an
// address in the packet is printed (tcpdump's ip6addr_string on a local
// buffer).
func (p *Printer) ipv6Bytes(a []byte) {
	if p.names != nil {
		p.ipv6Name(a)
		return
	}
	p.out = appendIPv6(p.out, a)
}

// ipv4Numeric and ipv6Numeric print an address as a number whatever the
// options: tcpdump never resolves the addresses inside DNS records.
func (p *Printer) ipv4Numeric(off int) {
	p.need(off, 4)
	p.out = appendIPv4(p.out, p.pkt[off:off+4])
}

func (p *Printer) ipv6Numeric(off int) {
	p.need(off, 16)
	p.out = appendIPv6(p.out, p.pkt[off:off+16])
}

// macName prints the MAC-48 address at off (6 bytes, already checked) as
// tcpdump's mac48_string does without -n: the /etc/ethers name, else
// "Broadcast" for ff:ff:ff:ff:ff:ff, else the address followed by the
// vendor its OUI belongs to, as far as tcpdump knows vendors.
func (p *Printer) macName(off int) {
	mac := [6]byte(p.pkt[off : off+6])
	if name := p.names.etherName(mac); name != "" {
		p.str(name)
		return
	}
	if mac == [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff} {
		p.str("Broadcast")
		return
	}
	p.macNumeric(off, 6)
	p.str(" (oui ")
	if v, ok := ouiNames[uint32(mac[0])<<16|uint32(mac[1])<<8|uint32(mac[2])]; ok {
		p.str(v)
	} else {
		p.str("Unknown")
	}
	p.ch(')')
}

// ipProtoWord prints the protocol of an IP payload no printer handles:
// its IANA keyword when resolving names, "ip-proto-N" otherwise or when
// the number has no keyword.
func (p *Printer) ipProtoWord(proto uint8) {
	if p.names != nil {
		if s := netdbProtoNames[proto]; s != "" {
			p.str(s)
			return
		}
	}
	p.str("ip-proto-")
	p.dec(uint64(proto))
}

// port prints a port of the given IP protocol: its service name for TCP
// and UDP when resolving names, else the number. (tcpdump prints SCTP
// and DCCP ports as numbers even without -n.)
func (p *Printer) port(proto uint8, v uint16) {
	if p.names != nil {
		if name := p.names.serviceName(proto, v); name != "" {
			p.str(name)
			return
		}
	}
	p.dec(uint64(v))
}
