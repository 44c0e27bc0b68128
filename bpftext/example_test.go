package bpftext_test

import (
	"fmt"
	"log"
	"os"

	"github.com/gocapdump/gocapdump/bpftext"
)

func Example() {
	// The program tcpdump -ddd prints for "arp" on Ethernet, as bpf_asm
	// and bpf_dbg write it.
	prog, err := bpftext.ParseDecimal("4,40 0 0 12,21 0 1 2054,6 0 0 262144,6 0 0 0,")
	if err != nil {
		log.Fatal(err)
	}
	for _, f := range []bpftext.Format{bpftext.Listing, bpftext.CArray, bpftext.Decimal} {
		fmt.Printf("tcpdump %s:\n", f)
		if err := bpftext.Dump(os.Stdout, prog, f); err != nil {
			log.Fatal(err)
		}
	}
	// Output:
	// tcpdump -d:
	// (000) ldh      [12]
	// (001) jeq      #0x806           jt 2	jf 3
	// (002) ret      #262144
	// (003) ret      #0
	// tcpdump -dd:
	// { 0x28, 0, 0, 0x0000000c },
	// { 0x15, 0, 1, 0x00000806 },
	// { 0x6, 0, 0, 0x00040000 },
	// { 0x6, 0, 0, 0x00000000 },
	// tcpdump -ddd:
	// 4
	// 40 0 0 12
	// 21 0 1 2054
	// 6 0 0 262144
	// 6 0 0 0
}

func ExampleImage() {
	prog, err := bpftext.ParseDecimal("2\n48 0 0 4294963248\n22 0 0 0\n")
	if err != nil {
		log.Fatal(err)
	}
	for pc, ins := range prog {
		fmt.Println(bpftext.Image(ins, pc))
	}
	// Output:
	// (000) ldb      [vlanp]
	// (001) ret
}
