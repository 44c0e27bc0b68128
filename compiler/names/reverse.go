package names

import (
	"fmt"
	"net/netip"
)

// The reverse lookups, number to name, are what a packet printer needs.
// They share the forward lookups' files and tables: each file is read and
// parsed once, for both directions.

// HostName returns the name the hosts file gives addr, as glibc's
// gethostbyaddr does from the file: the first name (not an alias) of the
// first line that lists the address, as written there. Addresses compare
// exactly, so an IPv4 address and its IPv4-mapped IPv6 form are different,
// and an address with a zone has no name: lines with zones are skipped.
//
// HostName does not ask the DNS, whatever NoDNS says; a caller that wants
// reverse DNS asks it when HostName finds nothing.
func (r *Resolver) HostName(addr netip.Addr) (string, error) {
	hosts, err := r.loadHosts()
	if err != nil {
		return "", err
	}
	if name, ok := hosts.names[addr]; ok {
		return name, nil
	}
	return "", fmt.Errorf("names: no host name for %s: %w", addr, ErrNotFound)
}

// ServiceName returns the name of a port of one protocol ("tcp", "udp",
// "sctp", ...) from the services file, as glibc's getservbyport does: the
// first name (not an alias) of the first line listing that port and
// protocol. Protocols compare exactly.
func (r *Resolver) ServiceName(port uint16, proto string) (string, error) {
	services, err := r.loadServices()
	if err != nil {
		return "", err
	}
	if name, ok := services.names[servicePort{port, proto}]; ok {
		return name, nil
	}
	return "", fmt.Errorf("names: no service name for %d/%s: %w", port, proto, ErrNotFound)
}

// EtherName returns the host name of a MAC address from the ethers file, as
// glibc's ether_ntohost does: the name on the first line listing the
// address, as written there. As for LookupEthers, the file may write the
// address in any form ParseMAC knows; glibc reads only the colon form.
func (r *Resolver) EtherName(mac MAC) (string, error) {
	ethers, err := r.loadEthers()
	if err != nil {
		return "", err
	}
	if name, ok := ethers.names[mac]; ok {
		return name, nil
	}
	return "", fmt.Errorf("names: no Ethernet host name for %s: %w", mac, ErrNotFound)
}

// loadHosts returns the hosts file's tables, reading the file the first
// time.
func (r *Resolver) loadHosts() (hostsTable, error) {
	return r.hosts.load(func() (hostsTable, error) {
		data, _, err := readDB(orDefault(r.HostsFile, DefaultHostsFile))
		return parseHosts(data), err
	})
}

// loadServices returns the services file's tables, reading the file the
// first time.
func (r *Resolver) loadServices() (servicesTable, error) {
	return r.services.load(func() (servicesTable, error) {
		data, _, err := readDB(orDefault(r.ServicesFile, DefaultServicesFile))
		return parseServices(data), err
	})
}

// loadEthers returns the ethers file's tables, reading the file the first
// time.
func (r *Resolver) loadEthers() (ethersTable, error) {
	return r.ethers.load(func() (ethersTable, error) {
		data, _, err := readDB(orDefault(r.EthersFile, DefaultEthersFile))
		return parseEthers(data), err
	})
}
