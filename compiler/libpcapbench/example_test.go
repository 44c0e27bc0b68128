//go:build libpcapbench

package libpcapbench_test

import (
	"fmt"
	"log"

	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/compiler/libpcapbench"
	"github.com/gocapdump/gocapdump/linktype"
)

// Both compilers give the same program for a simple filter.
func ExampleLibpcap_Compile() {
	l, err := libpcapbench.OpenLibpcap(int(linktype.Ethernet), compiler.DefaultSnaplen)
	if err != nil {
		log.Fatal(err)
	}
	defer l.Close()
	n, err := l.Compile("tcp port 80", true, compiler.NetmaskUnknown)
	if err != nil {
		log.Fatal(err)
	}
	prog, err := compiler.Compile("tcp port 80", compiler.Options{LinkType: linktype.Ethernet})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(n, prog.Len())
	// Output: 20 20
}
