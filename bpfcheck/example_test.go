package bpfcheck_test

import (
	"errors"
	"fmt"

	"github.com/gocapdump/gocapdump/bpfcheck"
	"golang.org/x/net/bpf"
)

func ExampleCheck() {
	// ld M[2] is reached from the jeq's jt path without the st M[2].
	prog := []bpf.RawInstruction{
		{Op: 0x28, K: 12},               // ldh [12]
		{Op: 0x15, Jt: 1, Jf: 0, K: 80}, // jeq #80 jt 3 jf 2
		{Op: 0x02, K: 2},                // st M[2]
		{Op: 0x60, K: 2},                // ld M[2]
		{Op: 0x16},                      // ret a
	}
	err := bpfcheck.Check(prog)
	fmt.Println(err)

	var e *bpfcheck.Error
	if errors.As(err, &e) {
		fmt.Println(e.Index, e.Rule)
	}
	// Output:
	// instruction 3: reads M[2] that is not written on every path
	// 3 scratch memory initialisation
}

func ExampleAllowed() {
	fmt.Println(bpfcheck.Allowed(0x16)) // ret a
	fmt.Println(bpfcheck.Allowed(0x0e)) // ret x: libpcap has it, Linux does not
	// Output:
	// true
	// false
}
