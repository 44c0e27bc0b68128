package names

import (
	"os"
	"testing"
)

// addFileSeed seeds a fuzz target with a file from testdata.
func addFileSeed(f *testing.F, path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
}

func FuzzParseHosts(f *testing.F) {
	addFileSeed(f, "testdata/hosts")
	f.Add([]byte("1.2.3.4 a b\n::1\tc # d\n#\n\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		hosts := parseHosts(data)
		for name, addrs := range hosts.addrs {
			if len(addrs) == 0 {
				t.Errorf("name %q with no addresses", name)
			}
			if name != foldASCII(name) {
				t.Errorf("key %q is not folded", name)
			}
			for i, a := range addrs {
				if !a.IsValid() || a.Zone() != "" {
					t.Errorf("%q: bad address %v", name, a)
				}
				if containsAddr(addrs[:i], a) {
					t.Errorf("%q: %v listed twice", name, a)
				}
			}
		}
		// Every address with a name is found under that name.
		for a, name := range hosts.names {
			if !containsAddr(hosts.addrs[foldASCII(name)], a) {
				t.Errorf("%v is named %q, but %q does not have it", a, name, name)
			}
		}
	})
}

func FuzzParseServices(f *testing.F) {
	addFileSeed(f, "testdata/services")
	f.Add([]byte("a 1/tcp b c\nd 65535/udp\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseServices(data)
	})
}

func FuzzParseProtocols(f *testing.F) {
	addFileSeed(f, "testdata/protocols")
	f.Add([]byte("a 1 A\nb 99999999999\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for name, n := range parseProtocols(data) {
			if n < 0 {
				t.Errorf("protocol %q has number %d", name, n)
			}
		}
	})
}

func FuzzParseEthers(f *testing.F) {
	addFileSeed(f, "testdata/ethers")
	f.Add([]byte("0:1:2:3:4:5 a\n001122334455 b\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseEthers(data)
	})
}

func FuzzParseNetworks(f *testing.F) {
	addFileSeed(f, "testdata/networks")
	f.Add([]byte("a 0x7f.1 b\nc 012\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		parseNetworks(data)
	})
}
