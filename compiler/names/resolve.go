package names

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
)

// LookupHost returns the IPv4 and IPv6 addresses of a host name, as libpcap's
// pcap_nametoaddrinfo gets them from getaddrinfo: every address the hosts
// file gives the name (compared without regard to case), in file order; or,
// if the file has none and DNS is allowed, the DNS's answers. A numeric
// address is returned as itself.
//
// The order of the addresses is not significant: glibc's getaddrinfo sorts
// them by its own destination-address rules, and libpcap's code generator
// sorts each family before use. IPv4 addresses are returned in their 4-byte
// form.
func (r *Resolver) LookupHost(ctx context.Context, name string) ([]netip.Addr, error) {
	if a, err := netip.ParseAddr(name); err == nil && a.Zone() == "" {
		return []netip.Addr{a}, nil
	}
	hosts, err := r.loadHosts()
	if err != nil {
		return nil, err
	}
	if addrs := hosts.addrs[foldASCII(name)]; len(addrs) > 0 {
		return append([]netip.Addr(nil), addrs...), nil
	}
	if r.NoDNS || name == "" || isInvalidDomain(name) {
		return nil, notFound("host", name)
	}
	dns := r.DNS
	if dns == nil {
		dns = net.DefaultResolver
	}
	addrs, err := dns.LookupNetIP(ctx, "ip", name)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("names: looking up host %q: %w", name, ctx.Err())
		}
		// getaddrinfo's failures, temporary or not, all make libpcap
		// report an unknown host, so they all count as not found.
		return nil, fmt.Errorf("names: host %q: %w (%w)", name, ErrNotFound, err)
	}
	for i, a := range addrs {
		addrs[i] = a.Unmap()
	}
	if len(addrs) == 0 {
		return nil, notFound("host", name)
	}
	return addrs, nil
}

// isInvalidDomain reports whether name is in the "invalid." domain, which
// RFC 6761 reserves for names that never resolve; there is no point in
// asking the DNS (and libpcap's tests use such names to get a failure).
func isInvalidDomain(name string) bool {
	n := foldASCII(strings.TrimSuffix(name, "."))
	return n == "invalid" || strings.HasSuffix(n, ".invalid")
}

// Proto identifies the transport protocol a port number belongs to.
type Proto int

// Transport protocols, with their IP protocol numbers. AnyProto is libpcap's
// PROTO_UNDEF: the port is the same for TCP and UDP (or the number was
// given numerically), so the filter must check both.
const (
	AnyProto Proto = -1
	TCP      Proto = 6
	UDP      Proto = 17
	SCTP     Proto = 132
)

// String returns "tcp", "udp", "sctp" or "any".
func (p Proto) String() string {
	switch p {
	case TCP:
		return "tcp"
	case UDP:
		return "udp"
	case SCTP:
		return "sctp"
	case AnyProto:
		return "any"
	}
	return fmt.Sprintf("Proto(%d)", int(p))
}

// Port is the result of looking up a service name.
type Port struct {
	Number uint16
	Proto  Proto // TCP, UDP, or AnyProto when both agree
}

// LookupService returns the port number of a service for one protocol
// ("tcp", "udp", "sctp", ...) from the services file, as getaddrinfo does
// for libpcap: names compare exactly, the first entry wins, and a string of
// decimal digits is taken as a port number (truncated to 16 bits, as glibc
// does) without looking at the file.
func (r *Resolver) LookupService(name, proto string) (uint16, error) {
	if n, ok := numericService(name); ok {
		return n, nil
	}
	services, err := r.loadServices()
	if err != nil {
		return 0, err
	}
	if port, ok := services.ports[proto+"/"+name]; ok {
		return port, nil
	}
	return 0, notFound(proto+" service", name)
}

// numericService mirrors glibc getaddrinfo's test for a numeric service: the
// whole string is a decimal number that fits a C int (larger values wrap to
// negative and are then looked up as names).
func numericService(s string) (uint16, bool) {
	if s == "" {
		return 0, false
	}
	var n uint64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
		if n > 1<<32 {
			return 0, false // strtoul saturates; the int is negative
		}
	}
	if int32(uint32(n)) < 0 {
		return 0, false
	}
	return uint16(n), true
}

// LookupPort resolves a service name to a port the way libpcap's
// pcap_nametoport does: it looks the name up for TCP and for UDP; if TCP has
// it, the TCP port wins, and Proto is AnyProto when UDP has the same number,
// TCP otherwise; if only UDP has it, Proto is UDP.
//
// libpcap does not consult SCTP entries: "sctp port NAME" uses the TCP or
// UDP number. Use LookupService for a single protocol.
func (r *Resolver) LookupPort(name string) (Port, error) {
	tcp, errTCP := r.LookupService(name, "tcp")
	if errTCP != nil && !isNotFound(errTCP) {
		return Port{}, errTCP
	}
	udp, errUDP := r.LookupService(name, "udp")
	if errUDP != nil && !isNotFound(errUDP) {
		return Port{}, errUDP
	}
	switch {
	case errTCP == nil && errUDP == nil && tcp == udp:
		return Port{tcp, AnyProto}, nil
	case errTCP == nil:
		return Port{tcp, TCP}, nil
	case errUDP == nil:
		return Port{udp, UDP}, nil
	}
	return Port{}, notFound("port", name)
}

// PortRange is the result of looking up a range of service names.
type PortRange struct {
	First, Last uint16 // as written; not reordered
	Proto       Proto  // as for Port; AnyProto if the two ends disagree
}

// LookupPortRange resolves "name1-name2" as libpcap's pcap_nametoportrange
// does: the string is split at its first hyphen, both ends are resolved with
// LookupPort, and the protocol is that of the second end unless the two
// differ, when it is AnyProto.
func (r *Resolver) LookupPortRange(s string) (PortRange, error) {
	first, last, ok := strings.Cut(s, "-")
	if !ok {
		return PortRange{}, fmt.Errorf("names: port range %q has no hyphen: %w", s, ErrSyntax)
	}
	p1, err := r.LookupPort(first)
	if err != nil {
		return PortRange{}, err
	}
	p2, err := r.LookupPort(last)
	if err != nil {
		return PortRange{}, err
	}
	pr := PortRange{First: p1.Number, Last: p2.Number, Proto: p2.Proto}
	if p1.Proto != p2.Proto {
		pr.Proto = AnyProto
	}
	return pr, nil
}

// LookupProtocol returns the number of an IP protocol name from the
// protocols file, as libpcap's pcap_nametoproto does with getprotobyname:
// names and aliases compare exactly and the first entry wins.
//
// If the protocols file does not exist at all (as in a minimal container),
// a built-in copy of the usual table is used instead; libpcap would find
// nothing.
func (r *Resolver) LookupProtocol(name string) (int, error) {
	protocols, err := r.protocols.load(func() (protocolsTable, error) {
		data, exists, err := readDB(orDefault(r.ProtocolsFile, DefaultProtocolsFile))
		if err == nil && !exists {
			return builtinProtocols(), nil
		}
		return parseProtocols(data), err
	})
	if err != nil {
		return 0, err
	}
	if n, ok := protocols[name]; ok {
		return n, nil
	}
	return 0, notFound("protocol", name)
}

// LookupEthers returns the MAC address of a host from the ethers file, as
// libpcap's pcap_ether_hostton does with glibc's ether_hostton: names
// compare without regard to case and the first entry wins. The address may
// be written in any form ParseMAC knows; glibc reads only the colon form.
func (r *Resolver) LookupEthers(name string) (MAC, error) {
	ethers, err := r.loadEthers()
	if err != nil {
		return MAC{}, err
	}
	if mac, ok := ethers.macs[foldASCII(name)]; ok {
		return mac, nil
	}
	return MAC{}, notFound("Ethernet host", name)
}

// LookupNetwork returns the number of a network from the networks file, as
// libpcap's pcap_nametonetaddr does with getnetbyname: names and aliases
// compare without regard to case, the first entry wins, and the number is
// in host order with missing trailing parts zero ("10.20" is 0x0a140000).
//
// libpcap treats a network numbered 0 as unknown; callers that want the
// same must check for it.
func (r *Resolver) LookupNetwork(name string) (uint32, error) {
	networks, err := r.networks.load(func() (networksTable, error) {
		data, _, err := readDB(orDefault(r.NetworksFile, DefaultNetworksFile))
		return parseNetworks(data), err
	})
	if err != nil {
		return 0, err
	}
	if n, ok := networks[foldASCII(name)]; ok {
		return n, nil
	}
	return 0, notFound("network", name)
}

func notFound(what, name string) error {
	return fmt.Errorf("names: %s %q: %w", what, name, ErrNotFound)
}

func isNotFound(err error) bool {
	return err != nil && errors.Is(err, ErrNotFound)
}
