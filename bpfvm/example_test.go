package bpfvm_test

import (
	"fmt"

	"github.com/gocapdump/gocapdump/bpfvm"
	"golang.org/x/net/bpf"
)

func Example() {
	// "ip proto 17", with the protocol read through SKF_NET_OFF as a
	// Linux socket filter may do.
	prog, _ := bpf.Assemble([]bpf.Instruction{
		bpf.LoadAbsolute{Off: bpfvm.SKFNetOff + 9, Size: 1},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 17, SkipFalse: 1},
		bpf.RetConstant{Val: 262144},
		bpf.RetConstant{Val: 0},
	})
	pkt := make([]byte, 42) // Ethernet + IPv4 + UDP
	pkt[12], pkt[14], pkt[23] = 0x08, 0x45, 17

	linux, _ := bpfvm.New(prog, bpfvm.Linux)
	md := bpfvm.MetadataFor(1, pkt) // Ethernet: network header at 14
	fmt.Println("linux:", linux.Run(pkt, len(pkt), &md))

	// libpcap has no negative offsets: the load fails and the packet is
	// dropped.
	pcap, _ := bpfvm.New(prog, bpfvm.Libpcap)
	fmt.Println("libpcap:", pcap.Run(pkt, len(pkt), nil))
	// Output:
	// linux: 262144
	// libpcap: 0
}

func ExampleMachine() {
	prog, _ := bpf.Assemble([]bpf.Instruction{
		bpf.LoadAbsolute{Off: 12, Size: 2},
		bpf.ALUOpConstant{Op: bpf.ALUOpShiftRight, Val: 8},
		bpf.RetA{},
	})
	p, _ := bpfvm.New(prog, bpfvm.Linux)
	m := p.NewMachine()
	pkt := make([]byte, 14)
	pkt[12] = 0x86
	m.Reset(pkt, len(pkt), nil)
	for {
		pc := m.Registers().PC
		ret, stop := m.Step()
		fmt.Printf("pc %d: A=%#x\n", pc, m.Registers().A)
		if stop != bpfvm.StopNone {
			fmt.Println(stop, ret)
			break
		}
	}
	// Output:
	// pc 0: A=0x8600
	// pc 1: A=0x86
	// pc 2: A=0x86
	// ret 134
}
