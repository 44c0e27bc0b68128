package bpfvm

import (
	"encoding/binary"
	"testing"

	"golang.org/x/net/bpf"
)

// tcpPort22 is the program tcpdump compiles for "tcp port 22" on Ethernet.
var tcpPort22 = []bpf.RawInstruction{
	{Op: 0x28, K: 12}, {Op: 0x15, Jt: 0, Jf: 6, K: 0x86dd}, {Op: 0x30, K: 20},
	{Op: 0x15, Jt: 0, Jf: 15, K: 6}, {Op: 0x28, K: 54}, {Op: 0x15, Jt: 12, Jf: 0, K: 22},
	{Op: 0x28, K: 56}, {Op: 0x15, Jt: 10, Jf: 11, K: 22}, {Op: 0x15, Jt: 0, Jf: 10, K: 0x800},
	{Op: 0x30, K: 23}, {Op: 0x15, Jt: 0, Jf: 8, K: 6}, {Op: 0x28, K: 20},
	{Op: 0x45, Jt: 6, Jf: 0, K: 0x1fff}, {Op: 0xb1, K: 14}, {Op: 0x48, K: 14},
	{Op: 0x15, Jt: 2, Jf: 0, K: 22}, {Op: 0x48, K: 16}, {Op: 0x15, Jt: 0, Jf: 1, K: 22},
	{Op: 0x06, K: 262144}, {Op: 0x06, K: 0},
}

// tcpPacket is Ethernet/IPv4/TCP 1234 -> 22: the filter's longest path.
func tcpPacket() []byte {
	pkt := make([]byte, 74)
	pkt[12], pkt[13], pkt[14], pkt[23] = 0x08, 0x00, 0x45, 6
	binary.BigEndian.PutUint16(pkt[34:], 1234)
	binary.BigEndian.PutUint16(pkt[36:], 22)
	return pkt
}

func TestBenchProgram(t *testing.T) {
	pkt := tcpPacket()
	for _, mode := range []Mode{Linux, Libpcap} {
		if got := MustNew(tcpPort22, mode).Run(pkt, len(pkt), nil); got != 262144 {
			t.Fatalf("%v: %d", mode, got)
		}
	}
}

func benchRun(b *testing.B, mode Mode) {
	p := MustNew(tcpPort22, mode)
	pkt := tcpPacket()
	md := MetadataFor(1, pkt)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if p.Run(pkt, len(pkt), &md) == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkRunLinux(b *testing.B)   { benchRun(b, Linux) }
func BenchmarkRunLibpcap(b *testing.B) { benchRun(b, Libpcap) }

// BenchmarkXNetBPFVM runs the same program in golang.org/x/net/bpf's VM,
// for comparison.
func BenchmarkXNetBPFVM(b *testing.B) {
	ins := make([]bpf.Instruction, len(tcpPort22))
	for i, ri := range tcpPort22 {
		ins[i] = ri.Disassemble()
	}
	vm, err := bpf.NewVM(ins)
	if err != nil {
		b.Fatal(err)
	}
	pkt := tcpPacket()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if n, _ := vm.Run(pkt); n == 0 {
			b.Fatal("no match")
		}
	}
}

func BenchmarkStep(b *testing.B) {
	p := MustNew(tcpPort22, Linux)
	pkt := tcpPacket()
	m := p.NewMachine()
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		m.Reset(pkt, len(pkt), nil)
		m.Continue()
	}
}
