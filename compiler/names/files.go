package names

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// The parsers below follow the line formats of glibc's "files" name-service
// backend: a '#' starts a comment anywhere on a line, fields are separated by
// ASCII white space, and a line that does not parse is skipped. Where a name
// appears more than once the first entry wins, except in the hosts file,
// whose entries for a name are all returned. Each parser builds the tables
// for both directions at once: name to number for the filter compiler,
// number to name for printers.

// readDB reads a database file; a missing file reads as empty, and exists
// reports which it was.
func readDB(path string) (data []byte, exists bool, err error) {
	data, err = os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("names: reading %s: %w", path, err)
	}
	return data, true, nil
}

// eachLine calls f with the fields of every line of data that has any once
// comments are removed.
func eachLine(data []byte, f func(fields []string)) {
	for len(data) > 0 {
		line := data
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			data = nil
		}
		if i := bytes.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if fields := strings.FieldsFunc(string(line), isSpace); len(fields) > 0 {
			f(fields)
		}
	}
}

// isSpace is C's isspace in the C locale.
func isSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r'
}

// foldASCII lower-cases ASCII letters only, as strcasecmp compares.
func foldASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; c >= 'A' && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// hostsTable is the hosts file both ways.
type hostsTable struct {
	// addrs maps a folded host name or alias to its addresses in file
	// order.
	addrs map[string][]netip.Addr
	// names maps an address to the first name of the first line that
	// lists it, as written, as gethostbyaddr answers.
	names map[netip.Addr]string
}

// parseHosts reads lines "address name [alias...]". Names compare without
// regard to case. An address repeated for one name is kept once.
func parseHosts(data []byte) hostsTable {
	t := hostsTable{addrs: map[string][]netip.Addr{}, names: map[netip.Addr]string{}}
	eachLine(data, func(f []string) {
		if len(f) < 2 {
			return
		}
		addr, err := netip.ParseAddr(f[0])
		if err != nil || addr.Zone() != "" {
			return
		}
		for _, name := range f[1:] {
			key := foldASCII(name)
			if !containsAddr(t.addrs[key], addr) {
				t.addrs[key] = append(t.addrs[key], addr)
			}
		}
		if _, dup := t.names[addr]; !dup {
			t.names[addr] = f[1]
		}
	})
	return t
}

func containsAddr(list []netip.Addr, a netip.Addr) bool {
	for _, b := range list {
		if a == b {
			return true
		}
	}
	return false
}

// servicesTable is the services file both ways.
type servicesTable struct {
	// ports maps "proto/name" to a port number.
	ports map[string]uint16
	// names maps a port and protocol to the first name of the first line
	// that lists them, as getservbyport answers.
	names map[servicePort]string
}

// servicePort is a port number of one protocol ("tcp", "udp", ...).
type servicePort struct {
	port  uint16
	proto string
}

// parseServices reads lines "name port/proto [alias...]". Names and
// protocols compare exactly.
func parseServices(data []byte) servicesTable {
	t := servicesTable{ports: map[string]uint16{}, names: map[servicePort]string{}}
	eachLine(data, func(f []string) {
		if len(f) < 2 {
			return
		}
		num, proto, ok := strings.Cut(f[1], "/")
		if !ok || proto == "" {
			return
		}
		port, ok := smallDecimal(num, 0xffff)
		if !ok {
			return
		}
		names := append([]string{f[0]}, f[2:]...)
		for _, name := range names {
			key := proto + "/" + name
			if _, dup := t.ports[key]; !dup {
				t.ports[key] = uint16(port)
			}
		}
		sp := servicePort{uint16(port), proto}
		if _, dup := t.names[sp]; !dup {
			t.names[sp] = f[0]
		}
	})
	return t
}

// protocolsTable maps a protocol name or alias to its number.
type protocolsTable map[string]int

// parseProtocols reads lines "name number [alias...]". Names compare exactly.
func parseProtocols(data []byte) protocolsTable {
	t := protocolsTable{}
	eachLine(data, func(f []string) {
		if len(f) < 2 {
			return
		}
		n, err := strconv.ParseUint(f[1], 10, 31)
		if err != nil {
			return
		}
		names := append([]string{f[0]}, f[2:]...)
		for _, name := range names {
			if _, dup := t[name]; !dup {
				t[name] = int(n)
			}
		}
	})
	return t
}

// ethersTable is the ethers file both ways.
type ethersTable struct {
	// macs maps a folded host name to its MAC address.
	macs map[string]MAC
	// names maps a MAC address to the name on the first line that lists
	// it, as written, as ether_ntohost answers.
	names map[MAC]string
}

// parseEthers reads lines "mac-address name". glibc accepts the colon form
// of the address; any form ParseMAC knows is accepted here. Names compare
// without regard to case.
func parseEthers(data []byte) ethersTable {
	t := ethersTable{macs: map[string]MAC{}, names: map[MAC]string{}}
	eachLine(data, func(f []string) {
		if len(f) < 2 {
			return
		}
		mac, err := ParseMAC(f[0])
		if err != nil {
			return
		}
		key := foldASCII(f[1])
		if _, dup := t.macs[key]; !dup {
			t.macs[key] = mac
		}
		if _, dup := t.names[mac]; !dup {
			t.names[mac] = f[1]
		}
	})
	return t
}

// networksTable maps a folded network name or alias to its number.
type networksTable map[string]uint32

// parseNetworks reads lines "name number [alias...]". Names compare without
// regard to case.
func parseNetworks(data []byte) networksTable {
	t := networksTable{}
	eachLine(data, func(f []string) {
		if len(f) < 2 {
			return
		}
		n, ok := parseNetworkNumber(f[1])
		if !ok {
			return
		}
		names := append([]string{f[0]}, f[2:]...)
		for _, name := range names {
			key := foldASCII(name)
			if _, dup := t[key]; !dup {
				t[key] = n
			}
		}
	})
	return t
}

// parseNetworkNumber converts the number column of the networks file the
// way glibc does: missing trailing parts are filled with zeros ("10.20"
// means 10.20.0.0), then the result is read as inet_network(3) reads it,
// each part being decimal, octal with a leading 0, or hex with 0x, at most
// 255.
func parseNetworkNumber(s string) (uint32, bool) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return 0, false
	}
	var v uint32
	for _, p := range parts {
		n, ok := networkPart(p)
		if !ok {
			return 0, false
		}
		v = v<<8 | n
	}
	return v << (8 * (4 - len(parts))), true
}

// networkPart parses one part of an inet_network(3) address.
func networkPart(p string) (uint32, bool) {
	base := uint64(10)
	digits := p
	switch {
	case strings.HasPrefix(p, "0x") || strings.HasPrefix(p, "0X"):
		base, digits = 16, p[2:]
	case len(p) > 1 && p[0] == '0':
		base, digits = 8, p[1:]
	}
	if digits == "" {
		return 0, false
	}
	n, err := strconv.ParseUint(digits, int(base), 32)
	if err != nil || n > 255 {
		return 0, false
	}
	return uint32(n), true
}
