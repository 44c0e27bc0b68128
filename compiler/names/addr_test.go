package names

import (
	"errors"
	"fmt"
	"testing"
)

func TestParseIPv4(t *testing.T) {
	for _, tc := range []struct {
		in   string
		v    uint32
		bits int
	}{
		{"10", 10, 8},
		{"10.1", 0x0a01, 16},
		{"10.1.2", 0x0a0102, 24},
		{"10.1.2.3", 0x0a010203, 32},
		{"255.255.255.255", 0xffffffff, 32},
		{"0.0.0.0", 0, 32},
		{"010.001", 0x0a01, 16}, // leading zeros are decimal
		{"0000000255", 255, 8},
		{"192.168.1", 0xc0a801, 24},
		{"001.002.003.004", 0x01020304, 32},
	} {
		v, bits, err := ParseIPv4(tc.in)
		if err != nil || v != tc.v || bits != tc.bits {
			t.Errorf("ParseIPv4(%q) = %#x, %d, %v; want %#x, %d", tc.in, v, bits, err, tc.v, tc.bits)
		}
	}
	for _, in := range []string{"", "256", "1.256", "12.500", "256.1", "1.2.3.4.5", "1..2", "1.", ".1", "0x10.1", "1.2.3.-4", "1 .2", "１.2"} {
		if v, bits, err := ParseIPv4(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseIPv4(%q) = %#x, %d, %v; want ErrSyntax", in, v, bits, err)
		}
	}
}

func TestParseDECnet(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint16
	}{
		{"50.764", 50<<10 | 764},
		{"1.1", 1<<10 | 1},
		{"0.0", 0},
		{"63.1023", 0xffff},
		{"063.01023", 0xffff},
	} {
		got, err := ParseDECnet(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseDECnet(%q) = %#x, %v; want %#x", tc.in, got, err, tc.want)
		}
	}
	// The first four are libpcap's own rejections.
	for _, in := range []string{"64.120", "17.1024", "1", "1.2.3", "1.2.3.4", "", ".", "1.", ".1", "a.1", "1.0x1"} {
		if got, err := ParseDECnet(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseDECnet(%q) = %#x, %v; want ErrSyntax", in, got, err)
		}
	}
}

func TestParseARCnet(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want uint8
	}{
		{"$0", 0}, {"$f", 0xf}, {"$1F", 0x1f}, {"$ff", 0xff}, {"$00", 0},
	} {
		got, err := ParseARCnet(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseARCnet(%q) = %#x, %v; want %#x", tc.in, got, err, tc.want)
		}
	}
	for _, in := range []string{"", "$", "$100", "$g", "1f", "$$1", "$1 "} {
		if got, err := ParseARCnet(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseARCnet(%q) = %#x, %v; want ErrSyntax", in, got, err)
		}
	}
}

func TestParseMAC(t *testing.T) {
	want := MAC{0x00, 0x1a, 0x2b, 0x3c, 0x4d, 0x5e}
	for _, in := range []string{
		"00:1a:2b:3c:4d:5e",
		"00-1A-2B-3C-4D-5E",
		"00.1a.2b.3c.4d.5e",
		"0:1a:2b:3c:4d:5e",
		"001a.2b3c.4d5e",
		"001A2B3C4D5E",
	} {
		got, err := ParseMAC(in)
		if err != nil || got != want {
			t.Errorf("ParseMAC(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	if got, err := ParseMAC("a:b:c:d:e:f"); err != nil || got != (MAC{10, 11, 12, 13, 14, 15}) {
		t.Errorf("ParseMAC(a:b:c:d:e:f) = %v, %v", got, err)
	}
	for _, in := range []string{
		"", "ab:cd:ef:0g:00:00", "00:1a:2b:3c:4d", "00:1a:2b:3c:4d:5e:6f",
		"00:1a-2b:3c:4d:5e", "000:1a:2b:3c:4d:5e", "00:1a:2b:3c:4d:", ":1a:2b:3c:4d:5e",
		"001a2b3c4d5", "001a2b3c4d5e0", "001a.2b3c.4d5", "001a:2b3c:4d5e", "001a.2b3c.4d5g",
		"00::1a:2b:3c:4d", "1.2.3.4",
	} {
		if got, err := ParseMAC(in); !errors.Is(err, ErrSyntax) {
			t.Errorf("ParseMAC(%q) = %v, %v; want ErrSyntax", in, got, err)
		}
	}
}

func TestMACString(t *testing.T) {
	m := MAC{0, 0x1a, 0xb, 0xff, 0x10, 0x2}
	if got := m.String(); got != "00:1a:0b:ff:10:02" {
		t.Errorf("String() = %q", got)
	}
}

func FuzzParseMAC(f *testing.F) {
	for _, s := range []string{"00:1a:2b:3c:4d:5e", "0-1-2-3-4-5", "001a.2b3c.4d5e", "001a2b3c4d5e", "a.b.c.d.e.f", "ab:cd:ef:0g:00:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMAC(s)
		if err != nil {
			if !errors.Is(err, ErrSyntax) {
				t.Errorf("ParseMAC(%q): error %v does not wrap ErrSyntax", s, err)
			}
			return
		}
		if back, err := ParseMAC(m.String()); err != nil || back != m {
			t.Errorf("ParseMAC(%q) = %v, which does not round-trip: %v, %v", s, m, back, err)
		}
	})
}

func FuzzParseIPv4(f *testing.F) {
	for _, s := range []string{"10", "10.1", "10.1.2.3", "256", "1..2", "0x1.2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, bits, err := ParseIPv4(s)
		if err != nil {
			return
		}
		if bits != 8 && bits != 16 && bits != 24 && bits != 32 {
			t.Fatalf("ParseIPv4(%q): bits = %d", s, bits)
		}
		if bits < 32 && v >= 1<<bits {
			t.Errorf("ParseIPv4(%q) = %#x, more than %d bits", s, v, bits)
		}
	})
}

func FuzzParseDECnet(f *testing.F) {
	for _, s := range []string{"50.764", "64.120", "1", "63.1023", "00.00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseDECnet(s)
		if err != nil {
			return
		}
		canon := fmt.Sprintf("%d.%d", v>>10, v&0x3ff)
		if back, err := ParseDECnet(canon); err != nil || back != v {
			t.Errorf("ParseDECnet(%q) = %#x; %q gives %#x, %v", s, v, canon, back, err)
		}
	})
}

func FuzzParseARCnet(f *testing.F) {
	for _, s := range []string{"$1f", "$0", "$", "$100"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseARCnet(s)
		if err != nil {
			return
		}
		if back, err := ParseARCnet(fmt.Sprintf("$%x", v)); err != nil || back != v {
			t.Errorf("ParseARCnet(%q) = %#x does not round-trip", s, v)
		}
	})
}
