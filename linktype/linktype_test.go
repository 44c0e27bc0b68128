package linktype

import (
	"strings"
	"testing"
)

func TestWellKnownValues(t *testing.T) {
	// Values every capture tool agrees on; a wrong one here would break
	// savefiles and generated code alike.
	for _, tc := range []struct {
		t    Type
		want int
		name string
		desc string
	}{
		{Null, 0, "NULL", "BSD loopback"},
		{EN10MB, 1, "EN10MB", "Ethernet"},
		{Ethernet, 1, "EN10MB", "Ethernet"},
		{Raw, 12, "RAW", "Raw IPv4/IPv6"},
		{IEEE802_11, 105, "IEEE802_11", "802.11"},
		{Loop, 108, "LOOP", "OpenBSD loopback"},
		{LinuxSLL, 113, "LINUX_SLL", "Linux cooked v1"},
		{IPv4, 228, "IPV4", "Raw IPv4"},
		{IPv6, 229, "IPV6", "Raw IPv6"},
		{PFSync, 246, "PFSYNC", "Packet filter state syncing"},
		{LinuxSLL2, 276, "LINUX_SLL2", "Linux cooked v2"},
		{ATMCLIP, 19, "ATM_CLIP", "Linux Classical IP over ATM"},
		{User0, 147, "USER0", "Private use 0"},
		{DECTNRTAP, 304, "DECT_NR_TAP", "DECT-2020 New Radio TAP"},
	} {
		if int(tc.t) != tc.want {
			t.Errorf("%s = %d, want %d", tc.name, tc.t, tc.want)
		}
		if got := tc.t.Name(); got != tc.name {
			t.Errorf("Type(%d).Name() = %q, want %q", tc.want, got, tc.name)
		}
		if got := tc.t.Description(); got != tc.desc {
			t.Errorf("Type(%d).Description() = %q, want %q", tc.want, got, tc.desc)
		}
	}
}

func TestTableConsistent(t *testing.T) {
	all := All()
	if len(all) != 188 {
		t.Errorf("len(All()) = %d, want libpcap's 188", len(all))
	}
	names := map[string]bool{}
	values := map[Type]string{}
	for _, c := range all {
		if c.Name == "" || c.Description == "" {
			t.Errorf("entry %+v has an empty field", c)
		}
		if c.Name != strings.ToUpper(c.Name) {
			t.Errorf("name %q is not upper case", c.Name)
		}
		if names[c.Name] {
			t.Errorf("name %q appears twice", c.Name)
		}
		names[c.Name] = true
		if prev, dup := values[c.Type]; dup {
			t.Errorf("value %d named both %s and %s", c.Type, prev, c.Name)
		}
		values[c.Type] = c.Name
		if got, ok := NameToVal(c.Name); !ok || got != c.Type {
			t.Errorf("NameToVal(%q) = %d, %v; want %d", c.Name, got, ok, c.Type)
		}
		if got := c.Type.String(); got != c.Name {
			t.Errorf("Type(%d).String() = %q, want %q", c.Type, got, c.Name)
		}
	}
	// All returns a copy.
	all[0].Name = "changed"
	if Null.Name() != "NULL" {
		t.Error("modifying All's result changed the table")
	}
}

func TestNameToValCaseInsensitive(t *testing.T) {
	for _, s := range []string{"en10mb", "En10Mb", "EN10MB"} {
		if got, ok := NameToVal(s); !ok || got != EN10MB {
			t.Errorf("NameToVal(%q) = %d, %v", s, got, ok)
		}
	}
	for _, s := range []string{"", "DLT_EN10MB", "EN10MB ", "ETHERNET", "1", "nosuch"} {
		if got, ok := NameToVal(s); ok {
			t.Errorf("NameToVal(%q) = %d, want not found", s, got)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Type
		ok   bool
	}{
		{"EN10MB", EN10MB, true},
		{"raw", Raw, true},
		{"1", EN10MB, true},
		{"147", User0, true},
		{"9999", 9999, true},
		{"-1", -1, true},
		{"", 0, false},
		{"1x", 0, false},
		{"ethernet", 0, false},
	} {
		got, err := Parse(tc.in)
		if tc.ok != (err == nil) || (tc.ok && got != tc.want) {
			t.Errorf("Parse(%q) = %d, %v; want %d, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
		if err != nil && err.Error() != "invalid data link type "+tc.in {
			t.Errorf("Parse(%q) error = %q", tc.in, err)
		}
	}
}

func TestUnknownType(t *testing.T) {
	u := Type(9999)
	if _, ok := ValToName(u); ok {
		t.Error("ValToName(9999) found a name")
	}
	if _, ok := ValToDescription(u); ok {
		t.Error("ValToDescription(9999) found a description")
	}
	if got := u.Name(); got != "" {
		t.Errorf("Name() = %q", got)
	}
	if got := u.Description(); got != "DLT 9999" {
		t.Errorf("Description() = %q", got)
	}
	if got := u.String(); got != "DLT 9999" {
		t.Errorf("String() = %q", got)
	}
}

func TestSavefileMapping(t *testing.T) {
	for _, tc := range []struct {
		dlt  Type
		file uint32
	}{
		{Null, 0}, {EN10MB, 1}, {FDDI, 10},
		{ATMRFC1483, 100}, {Raw, 101}, {SLIPBSDOS, 102}, {PPPBSDOS, 103},
		{ATMCLIP, 106},
		{CHDLC, 104}, {IEEE802_11, 105}, {FRelay, 107}, {Loop, 108}, {ENC, 109},
		{LinuxSLL, 113}, {PFSync, 246}, {PKTAP, 258}, {LinuxSLL2, 276}, {DECTNRTAP, 304},
		{RedbackSmartEdge, 32}, {PPPSerial, 50}, {PPPEther, 51}, {SymantecFirewall, 99},
	} {
		got, ok := tc.dlt.Savefile()
		if !ok || got != tc.file {
			t.Errorf("%s.Savefile() = %d, %v; want %d", tc.dlt, got, ok, tc.file)
		}
		if back := FromSavefile(tc.file); back != tc.dlt {
			t.Errorf("FromSavefile(%d) = %s, want %s", tc.file, back, tc.dlt)
		}
	}
	// DLT_ values with no LINKTYPE_ value.
	for _, dlt := range []Type{-1, 11 + 2, 17, 18, 20, 100, 101, 103, 305, 1000} {
		if got, ok := dlt.Savefile(); ok {
			t.Errorf("Type(%d).Savefile() = %d, want none", dlt, got)
		}
	}
	// LINKTYPE_ values without a mapping pass through.
	for _, v := range []uint32{12, 19, 305, 0x3ffffff} {
		if got := FromSavefile(v); got != Type(v) {
			t.Errorf("FromSavefile(%d) = %d", v, got)
		}
	}
}

func TestEveryNamedTypeCanBeSaved(t *testing.T) {
	// libpcap assigns a LINKTYPE_ value to every DLT_ value it names, so
	// that any capture can be written; check that the round trip holds.
	for _, c := range All() {
		v, ok := c.Type.Savefile()
		if !ok {
			t.Errorf("%s (%d) has no savefile value", c.Name, c.Type)
			continue
		}
		if back := FromSavefile(v); back != c.Type {
			t.Errorf("%s: Savefile() = %d, FromSavefile gives %d", c.Name, v, back)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"EN10MB", "linux_sll2", "1", "-5", "", "9999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := Parse(s)
		if err != nil {
			return
		}
		if name, ok := ValToName(got); ok && strings.EqualFold(name, s) {
			return
		}
		if got.String() == "" || got.Description() == "" {
			t.Errorf("Parse(%q) = %d with empty String or Description", s, got)
		}
	})
}
