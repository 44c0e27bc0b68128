// Package names resolves the names a capture filter may contain — host
// names, service (port) names, protocol names, Ethernet host names and
// network names — and parses the address notations the filter language
// allows, with the semantics of libpcap's nametoaddr.c on Linux with glibc.
//
// A Resolver reads the system databases (/etc/hosts, /etc/services,
// /etc/protocols, /etc/ethers, /etc/networks) itself, so the results do not
// depend on cgo or on the C library; host names not found in the hosts file
// are looked up in the DNS unless that is turned off.
//
// The same files answer the reverse questions a packet printer asks — the
// name of an address, of a port, of a MAC address — with the semantics of
// glibc's gethostbyaddr (hosts file only), getservbyport and ether_ntohost:
// see Resolver.HostName, Resolver.ServiceName and Resolver.EtherName.
//
// One deliberate difference from glibc: in the ethers file glibc reads only
// the colon form of a MAC address ("0:1a:2b:3c:4d:5e"); a Resolver accepts
// every form ParseMAC knows, for lookups in both directions.
//
// Lookups that find nothing return an error wrapping ErrNotFound; malformed
// addresses give an error wrapping ErrSyntax. The messages are plain: the
// filter compiler reports libpcap's own wording.
package names

import (
	"errors"
	"net"
	"sync"
)

var (
	// ErrNotFound is wrapped by every lookup that finds no entry for a name.
	ErrNotFound = errors.New("not found")

	// ErrSyntax is wrapped by the errors of the address parsers.
	ErrSyntax = errors.New("invalid syntax")
)

// Default locations of the system databases.
const (
	DefaultHostsFile     = "/etc/hosts"
	DefaultServicesFile  = "/etc/services"
	DefaultProtocolsFile = "/etc/protocols"
	DefaultEthersFile    = "/etc/ethers"
	DefaultNetworksFile  = "/etc/networks"
)

// A Resolver looks names up in the system databases. The zero value uses the
// default files and the DNS, as libpcap does on a typical Linux system.
//
// Each file is read once, when first needed, and kept; a file that does not
// exist counts as empty. A Resolver is safe for concurrent use; it must not
// be copied after first use.
type Resolver struct {
	// Paths of the databases; empty means the Default... path.
	HostsFile     string
	ServicesFile  string
	ProtocolsFile string
	EthersFile    string
	NetworksFile  string

	// NoDNS stops LookupHost from asking the DNS about names the hosts
	// file lacks. The reverse lookups never ask the DNS.
	NoDNS bool

	// DNS is the resolver used for host names not in the hosts file;
	// nil means net.DefaultResolver.
	DNS *net.Resolver

	hosts     lazy[hostsTable]
	services  lazy[servicesTable]
	protocols lazy[protocolsTable]
	ethers    lazy[ethersTable]
	networks  lazy[networksTable]
}

// lazy holds a database loaded at most once.
type lazy[T any] struct {
	once sync.Once
	v    T
	err  error
}

func (l *lazy[T]) load(f func() (T, error)) (T, error) {
	l.once.Do(func() { l.v, l.err = f() })
	return l.v, l.err
}

func orDefault(path, def string) string {
	if path == "" {
		return def
	}
	return path
}
