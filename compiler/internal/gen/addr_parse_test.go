package gen

import (
	"strconv"
	"testing"
)

func TestParseNumber(t *testing.T) {
	cases := []struct {
		in  string
		v   uint32
		res numberResult
		msg string
	}{
		{"25", 25, numberOK, ""},
		{"0x19", 25, numberOK, ""},
		{"0X1f", 31, numberOK, ""},
		{"031", 25, numberOK, ""},
		{"0", 0, numberOK, ""},
		{"0x", 0, numberOK, ""},
		{"4294967295", 0xffffffff, numberOK, ""},
		{"4294967296", 0, numberOverflow, "decimal number 4294967296 overflows 32 bits"},
		{"0x100000000", 0, numberOverflow, "hexadecimal number 0x100000000 overflows 32 bits"},
		{"040000000000", 0, numberOverflow, "octal number 040000000000 overflows 32 bits"},
		{"08", 0, numberNotNumber, ""},
		{"0xg", 0, numberNotNumber, ""},
		{"smtp", 0, numberNotNumber, ""},
	}
	for _, c := range cases {
		v, res, msg := parseNumber(c.in)
		if v != c.v || res != c.res || msg != c.msg {
			t.Errorf("parseNumber(%q) = %d, %d, %q; want %d, %d, %q", c.in, v, res, msg, c.v, c.res, c.msg)
		}
	}
}

func TestParseIPv4Parts(t *testing.T) {
	cases := []struct {
		in   string
		v    uint32
		bits int
		ok   bool
	}{
		{"10", 10, 8, true},
		{"10.1", 0x0a01, 16, true},
		{"192.168.1", 0xc0a801, 24, true},
		{"1.2.3.4", 0x01020304, 32, true},
		{"001.002.003.004", 0x01020304, 32, true},
		{"12.500", 0, 0, false},
		{"256.1", 0, 0, false},
	}
	for _, c := range cases {
		v, bits, ok := parseIPv4Parts(c.in)
		if v != c.v || bits != c.bits || ok != c.ok {
			t.Errorf("parseIPv4Parts(%q) = %#x, %d, %v; want %#x, %d, %v", c.in, v, bits, ok, c.v, c.bits, c.ok)
		}
	}
}

// FuzzParseNumber checks that parseNumber agrees with strconv on every
// string of digits it accepts.
func FuzzParseNumber(f *testing.F) {
	for _, s := range []string{"0", "25", "0x19", "031", "4294967296", "0x", "08", "0xffffffff", "037777777777"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, res, _ := parseNumber(s)
		if res != numberOK || s == "" || s == "0x" || s == "0X" {
			return
		}
		want, err := strconv.ParseUint(s, 0, 32)
		if len(s) > 1 && s[0] == '0' && s[1] != 'x' && s[1] != 'X' {
			want, err = strconv.ParseUint(s[1:], 8, 32)
		}
		if err != nil || uint32(want) != v {
			t.Errorf("parseNumber(%q) = %d, strconv gives %d, %v", s, v, want, err)
		}
	})
}

// FuzzParseIPv4Parts checks that dotted decimal input never panics and
// that accepted addresses round-trip.
func FuzzParseIPv4Parts(f *testing.F) {
	for _, s := range []string{"10", "10.1", "1.2.3.4", "12.500", "1..2", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i := 0; i < len(s); i++ {
			if (s[i] < '0' || s[i] > '9') && s[i] != '.' {
				return // the lexer passes only digits and dots
			}
		}
		v, bits, ok := parseIPv4Parts(s)
		if !ok {
			return
		}
		if bits < 8 || bits%8 != 0 {
			t.Errorf("parseIPv4Parts(%q): %d bits", s, bits)
		}
		if bits <= 32 && bits < 32 && v>>uint(bits) != 0 {
			t.Errorf("parseIPv4Parts(%q) = %#x exceeds %d bits", s, v, bits)
		}
	})
}
