package names

import (
	"errors"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes text to a file in a fresh temporary directory and
// returns its path.
func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestHostNameFile(t *testing.T) {
	text := "127.0.0.1 localhost loopback\n" +
		"  10.0.0.1\tfirst # the first line wins\n" +
		"10.0.0.1 second\n" +
		"#10.0.0.2 commented\n" +
		"10.0.0.3\n" +
		"fe80::1%eth0 zoned\n" +
		"::1 ip6-localhost\n" +
		"not-an-address name\n"
	r := &Resolver{HostsFile: writeFile(t, "hosts", text)}
	want := map[string]string{"127.0.0.1": "localhost", "10.0.0.1": "first", "::1": "ip6-localhost"}
	for a, n := range want {
		if got, err := r.HostName(netip.MustParseAddr(a)); err != nil || got != n {
			t.Errorf("HostName(%s) = %q, %v; want %q", a, got, err, n)
		}
	}
	if names := parseHosts([]byte(text)).names; len(names) != len(want) {
		t.Errorf("parsed %d addresses, want %d: %v", len(names), len(want), names)
	}
	for _, a := range []string{"10.0.0.2", "10.0.0.3", "fe80::1%eth0", "fe80::1", "::ffff:127.0.0.1"} {
		if got, err := r.HostName(netip.MustParseAddr(a)); !errors.Is(err, ErrNotFound) {
			t.Errorf("HostName(%s) = %q, %v; want ErrNotFound", a, got, err)
		}
	}
}

func TestServiceNameFile(t *testing.T) {
	text := "http 80/tcp www # WorldWideWeb\n" +
		"www-alt 80/tcp\n" +
		"domain 53/udp\n" +
		"nope 70000/tcp\n" +
		"bad x/tcp\n" +
		"noslash 99\n" +
		"echo 4/ddp\n"
	r := &Resolver{ServicesFile: writeFile(t, "services", text)}
	want := map[servicePort]string{{80, "tcp"}: "http", {53, "udp"}: "domain", {4, "ddp"}: "echo"}
	for k, n := range want {
		if got, err := r.ServiceName(k.port, k.proto); err != nil || got != n {
			t.Errorf("ServiceName(%d, %q) = %q, %v; want %q", k.port, k.proto, got, err, n)
		}
	}
	if names := parseServices([]byte(text)).names; len(names) != len(want) {
		t.Errorf("parsed %v, want %v", names, want)
	}
	for _, k := range []servicePort{{80, "udp"}, {53, "tcp"}, {70000 & 0xffff, "tcp"}, {99, ""}, {4, "DDP"}} {
		if got, err := r.ServiceName(k.port, k.proto); !errors.Is(err, ErrNotFound) {
			t.Errorf("ServiceName(%d, %q) = %q, %v; want ErrNotFound", k.port, k.proto, got, err)
		}
	}
}

func TestEtherNameFile(t *testing.T) {
	text := "8:0:20:1:2:3 sun\n" +
		"08:00:20:01:02:03 dup\n" +
		"00:11:22:33:44 short\n" +
		"001:11:22:33:44:55 long\n" +
		"aa:bb:cc:dd:ee:ff\n" +
		"AA:BB:CC:DD:EE:0F upper # comment\n"
	r := &Resolver{EthersFile: writeFile(t, "ethers", text)}
	want := map[MAC]string{{8, 0, 0x20, 1, 2, 3}: "sun", {0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x0f}: "upper"}
	for k, n := range want {
		if got, err := r.EtherName(k); err != nil || got != n {
			t.Errorf("EtherName(%v) = %q, %v; want %q", k, got, err, n)
		}
	}
	if names := parseEthers([]byte(text)).names; len(names) != len(want) {
		t.Errorf("parsed %v, want %v", names, want)
	}
	for _, k := range []MAC{{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}, {0, 0x11, 0x22, 0x33, 0x44, 0}, {0, 0x11, 0x22, 0x33, 0x44, 0x55}} {
		if got, err := r.EtherName(k); !errors.Is(err, ErrNotFound) {
			t.Errorf("EtherName(%v) = %q, %v; want ErrNotFound", k, got, err)
		}
	}
}

// TestEtherNameOtherForms pins the documented difference from glibc: the
// ethers file may write addresses in every form ParseMAC knows.
func TestEtherNameOtherForms(t *testing.T) {
	r := &Resolver{EthersFile: writeFile(t, "ethers", "0800.2001.0204 dotted\n"+
		"08-00-20-01-02-05 dashed\n"+
		"080020010206 bare\n"+
		"8.0.20.1.2.7 dots\n")}
	for last, want := range map[byte]string{4: "dotted", 5: "dashed", 6: "bare", 7: "dots"} {
		if got, err := r.EtherName(MAC{8, 0, 0x20, 1, 2, last}); err != nil || got != want {
			t.Errorf("EtherName(...:%02x) = %q, %v; want %q", last, got, err, want)
		}
	}
}

func TestReverseLookups(t *testing.T) {
	r := testResolver()
	for _, tc := range []struct{ addr, want string }{
		{"127.0.0.1", "localhost"},
		{"::1", "localhost"},
		{"192.0.2.10", "alpha.example.test"}, // not the later ALPHA line
		{"2001:db8::10", "alpha.example.test"},
		{"2001:db8::20", "beta.example.test"}, // the name, not the alias
		{"198.51.100.7", "Gamma.Example.Test"},
		{"::ffff:192.0.2.99", "mapped.example.test"},
	} {
		if got, err := r.HostName(netip.MustParseAddr(tc.addr)); err != nil || got != tc.want {
			t.Errorf("HostName(%s) = %q, %v; want %q", tc.addr, got, err, tc.want)
		}
	}
	for _, a := range []string{"192.0.2.99", "192.0.2.12", "fe80::1", "fe80::1%eth0", "192.0.2.1"} {
		if got, err := r.HostName(netip.MustParseAddr(a)); !errors.Is(err, ErrNotFound) {
			t.Errorf("HostName(%s) = %q, %v; want ErrNotFound", a, got, err)
		}
	}

	for _, tc := range []struct {
		port        uint16
		proto, want string
	}{
		{7, "tcp", "echo"},
		{25, "tcp", "smtp"},
		{9999, "tcp", "smtp"}, // a later line, but the first for this port
		{80, "tcp", "http"},
		{53, "udp", "domain"},
		{3000, "sctp", "sctpsvc"},
	} {
		if got, err := r.ServiceName(tc.port, tc.proto); err != nil || got != tc.want {
			t.Errorf("ServiceName(%d, %q) = %q, %v; want %q", tc.port, tc.proto, got, err, tc.want)
		}
	}
	for _, k := range []servicePort{{25, "udp"}, {4464, "tcp"}, {12, ""}, {3000, "tcp"}, {1, "tcp"}} {
		if got, err := r.ServiceName(k.port, k.proto); !errors.Is(err, ErrNotFound) {
			t.Errorf("ServiceName(%d, %q) = %q, %v; want ErrNotFound", k.port, k.proto, got, err)
		}
	}

	for _, tc := range []struct {
		mac  MAC
		want string
	}{
		{MAC{0x00, 0x11, 0x22, 0x33, 0x44, 0x55}, "alpha.example.test"},
		{MAC{0, 1, 2, 0xa, 0xb, 0xc}, "short.example.test"},
		{MAC{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}, "Upper.Example.Test"},
		// Ignored for the name, which an earlier line has, but the
		// first line for this address.
		{MAC{0x00, 0x11, 0x22, 0x33, 0x44, 0x66}, "alpha.example.test"},
	} {
		if got, err := r.EtherName(tc.mac); err != nil || got != tc.want {
			t.Errorf("EtherName(%v) = %q, %v; want %q", tc.mac, got, err, tc.want)
		}
	}
	if got, err := r.EtherName(MAC{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("EtherName(%v) = %q, %v; want ErrNotFound", MAC{}, got, err)
	}
}

func TestReverseMissingAndUnreadable(t *testing.T) {
	// A missing file has no names.
	r := &Resolver{HostsFile: "testdata/does-not-exist", ServicesFile: "testdata/does-not-exist", EthersFile: "testdata/does-not-exist"}
	if _, err := r.HostName(netip.MustParseAddr("127.0.0.1")); !errors.Is(err, ErrNotFound) {
		t.Errorf("HostName without a file: %v; want ErrNotFound", err)
	}
	if _, err := r.ServiceName(80, "tcp"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ServiceName without a file: %v; want ErrNotFound", err)
	}
	if _, err := r.EtherName(MAC{}); !errors.Is(err, ErrNotFound) {
		t.Errorf("EtherName without a file: %v; want ErrNotFound", err)
	}
	// One that cannot be read is an error, not an empty file.
	r = &Resolver{HostsFile: "testdata", ServicesFile: "testdata", EthersFile: "testdata"}
	if _, err := r.HostName(netip.MustParseAddr("127.0.0.1")); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("HostName with a directory as hosts file: %v", err)
	}
	if _, err := r.ServiceName(80, "tcp"); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("ServiceName with a directory as services file: %v", err)
	}
	if _, err := r.EtherName(MAC{}); err == nil || errors.Is(err, ErrNotFound) {
		t.Errorf("EtherName with a directory as ethers file: %v", err)
	}
}

// FuzzNameFiles feeds arbitrary text to the hosts, services and ethers
// parsers: every name the reverse tables give must come from the text, be
// a whole field, and be found again by the forward tables.
func FuzzNameFiles(f *testing.F) {
	f.Add("127.0.0.1 localhost\n::1 ip6-localhost ip6-loopback\n")
	f.Add("http 80/tcp www # comment\ndomain 53/udp\n")
	f.Add("8:0:20:1:2:3 sun\naa:bb:cc:dd:ee:ff name # c\n")
	f.Add("fe80::1%lo x\n\x00\t#\n 1/ 2/tcp\n:::::: a\n")
	f.Fuzz(func(t *testing.T, text string) {
		badName := func(n string) bool {
			return n == "" || strings.ContainsAny(n, " \t\n\v\f\r#") || !strings.Contains(text, n)
		}
		hosts := parseHosts([]byte(text))
		for a, n := range hosts.names {
			if badName(n) || !a.IsValid() || a.Zone() != "" {
				t.Errorf("hosts: bad entry %v %q", a, n)
			}
			if !containsAddr(hosts.addrs[foldASCII(n)], a) {
				t.Errorf("hosts: %v is named %q, but not the other way", a, n)
			}
		}
		services := parseServices([]byte(text))
		for k, n := range services.names {
			if badName(n) || k.proto == "" {
				t.Errorf("services: bad entry %v %q", k, n)
			}
			if _, ok := services.ports[k.proto+"/"+n]; !ok {
				t.Errorf("services: %v is named %q, but not the other way", k, n)
			}
		}
		ethers := parseEthers([]byte(text))
		for mac, n := range ethers.names {
			if badName(n) {
				t.Errorf("ethers: bad entry %v %q", mac, n)
			}
			if _, ok := ethers.macs[foldASCII(n)]; !ok {
				t.Errorf("ethers: %v is named %q, but not the other way", mac, n)
			}
		}
	})
}
