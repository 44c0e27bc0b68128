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
