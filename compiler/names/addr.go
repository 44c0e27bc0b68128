package names

import (
	"fmt"
	"strings"
)

// MAC is a 48-bit IEEE 802 (Ethernet) address.
type MAC [6]byte

// String formats m as six colon-separated pairs of lower-case hex digits.
func (m MAC) String() string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 17)
	for i, x := range m {
		if i > 0 {
			b = append(b, ':')
		}
		b = append(b, hex[x>>4], hex[x&0xf])
	}
	return string(b)
}

// ParseIPv4 parses the dotted forms of an IPv4 address or network that the
// filter language allows in "host" and "net": one to four decimal parts
// ("10", "10.1", "10.1.2", "10.1.2.3"), each at most 255. Leading zeros are
// allowed and do not mean octal.
//
// As libpcap's __pcap_atoin does, it returns the parts packed into the low
// bits of v, and bits = 8 × the number of parts: "10.1" gives v = 0x0a01 and
// bits = 16. The caller shifts v left by 32-bits to get a network address.
func ParseIPv4(s string) (v uint32, bits int, err error) {
	parts := strings.Split(s, ".")
	if len(parts) > 4 {
		return 0, 0, syntaxError("IPv4 address", s)
	}
	for _, p := range parts {
		n, ok := smallDecimal(p, 255)
		if !ok {
			return 0, 0, syntaxError("IPv4 address", s)
		}
		v = v<<8 | uint32(n)
		bits += 8
	}
	return v, bits, nil
}

// smallDecimal parses a non-empty string of ASCII decimal digits whose value
// is at most max, allowing any number of leading zeros.
func smallDecimal(s string, max int) (int, bool) {
	if s == "" {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
		if n > max {
			return 0, false
		}
	}
	return n, true
}

// DECnet addresses are a 6-bit area and a 10-bit node number.
const (
	decnetAreaMax   = 1<<6 - 1
	decnetNodeMax   = 1<<10 - 1
	decnetAreaShift = 10
)

// ParseDECnet parses a DECnet address "area.node" (area 0–63, node 0–1023,
// both decimal) into its 16-bit form, area<<10 | node, as libpcap's
// __pcap_atodn does. Zero is accepted for either part: it cannot address a
// node but may appear on the wire.
func ParseDECnet(s string) (uint16, error) {
	area, node, ok := strings.Cut(s, ".")
	if !ok {
		return 0, syntaxError("DECnet address", s)
	}
	a, okA := smallDecimal(area, decnetAreaMax)
	n, okN := smallDecimal(node, decnetNodeMax)
	if !okA || !okN {
		return 0, syntaxError("DECnet address", s)
	}
	return uint16(a<<decnetAreaShift | n), nil
}

// ParseARCnet parses an ARCnet address, "$" followed by one or two hex
// digits ("$1f"), as libpcap's pcapint_atoan does.
func ParseARCnet(s string) (uint8, error) {
	digits, ok := strings.CutPrefix(s, "$")
	if !ok || len(digits) < 1 || len(digits) > 2 {
		return 0, syntaxError("ARCnet address", s)
	}
	var v uint8
	for i := 0; i < len(digits); i++ {
		x, ok := hexDigit(digits[i])
		if !ok {
			return 0, syntaxError("ARCnet address", s)
		}
		v = v<<4 | x
	}
	return v, nil
}

// ParseMAC parses a 48-bit MAC address in any notation libpcap accepts for
// "ether host" (pcap-filter(7), pcap_ether_aton):
//
//	xx:xx:xx:xx:xx:xx   xx-xx-xx-xx-xx-xx   xx.xx.xx.xx.xx.xx
//	xxxx.xxxx.xxxx      xxxxxxxxxxxx
//
// In the first three forms every "xx" may be a single digit "x", meaning
// "0x", and the separator must be the same throughout. Hex digits may be
// upper or lower case.
func ParseMAC(s string) (MAC, error) {
	var m MAC
	switch {
	case len(s) == 12 && allHex(s):
		m = hexBytes(s)
		return m, nil
	case len(s) == 14 && s[4] == '.' && s[9] == '.' &&
		allHex(s[0:4]) && allHex(s[5:9]) && allHex(s[10:14]):
		m = hexBytes(s[0:4] + s[5:9] + s[10:14])
		return m, nil
	}
	if m, ok := parseSeparatedMAC(s); ok {
		return m, nil
	}
	return MAC{}, syntaxError("Ethernet address", s)
}

// parseSeparatedMAC handles the six-group forms: one or two hex digits per
// byte, separated by one of ':', '-' or '.', the same one every time.
func parseSeparatedMAC(s string) (MAC, bool) {
	var m MAC
	if s == "" {
		return m, false
	}
	var sep byte
	for _, c := range []byte(":-.") {
		if strings.IndexByte(s, c) >= 0 {
			sep = c
			break
		}
	}
	if sep == 0 {
		return m, false
	}
	groups := strings.Split(s, string(sep))
	if len(groups) != len(m) {
		return m, false
	}
	for i, g := range groups {
		if len(g) < 1 || len(g) > 2 || !allHex(g) {
			return m, false
		}
		for j := 0; j < len(g); j++ {
			x, _ := hexDigit(g[j])
			m[i] = m[i]<<4 | x
		}
	}
	return m, true
}

func hexDigit(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

func allHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if _, ok := hexDigit(s[i]); !ok {
			return false
		}
	}
	return true
}

// hexBytes decodes 12 hex digits, already checked, into a MAC.
func hexBytes(s string) MAC {
	var m MAC
	for i := range m {
		hi, _ := hexDigit(s[2*i])
		lo, _ := hexDigit(s[2*i+1])
		m[i] = hi<<4 | lo
	}
	return m
}

func syntaxError(what, s string) error {
	return fmt.Errorf("names: invalid %s %q: %w", what, s, ErrSyntax)
}
