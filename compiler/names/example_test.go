package names_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"

	"github.com/gocapdump/gocapdump/compiler/names"
)

func Example() {
	r := &names.Resolver{
		HostsFile:    "testdata/hosts",
		ServicesFile: "testdata/services",
		NoDNS:        true,
	}
	addrs, err := r.LookupHost(context.Background(), "alpha.example.test")
	fmt.Println(addrs, err)

	port, err := r.LookupPort("domain")
	fmt.Println(port.Number, port.Proto, err)

	_, err = r.LookupHost(context.Background(), "nosuch.example.test")
	fmt.Println(errors.Is(err, names.ErrNotFound))
	// Output:
	// [192.0.2.10 2001:db8::10 192.0.2.11] <nil>
	// 53 any <nil>
	// true
}

// The reverse lookups give the name a printer shows for a number: the
// first name of the first line that lists it.
func ExampleResolver_HostName() {
	r := &names.Resolver{
		HostsFile:    "testdata/hosts",
		ServicesFile: "testdata/services",
		EthersFile:   "testdata/ethers",
	}
	fmt.Println(r.HostName(netip.MustParseAddr("192.0.2.10")))
	fmt.Println(r.ServiceName(80, "tcp"))
	fmt.Println(r.EtherName(names.MAC{0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}))

	_, err := r.HostName(netip.MustParseAddr("192.0.2.1"))
	fmt.Println(errors.Is(err, names.ErrNotFound))
	// Output:
	// alpha.example.test <nil>
	// http <nil>
	// Upper.Example.Test <nil>
	// true
}

func ExampleParseMAC() {
	for _, s := range []string{"0:1a:2b:3c:4d:5e", "001a.2b3c.4d5e", "001A2B3C4D5E"} {
		m, err := names.ParseMAC(s)
		fmt.Println(m, err)
	}
	// Output:
	// 00:1a:2b:3c:4d:5e <nil>
	// 00:1a:2b:3c:4d:5e <nil>
	// 00:1a:2b:3c:4d:5e <nil>
}

func ExampleParseIPv4() {
	v, bits, _ := names.ParseIPv4("10.20")
	// As a network, the value goes in the high bits.
	fmt.Printf("%#x/%d\n", v<<(32-bits), bits)
	// Output: 0xa140000/16
}
