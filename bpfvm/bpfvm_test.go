package bpfvm

import (
	"testing"

	"golang.org/x/net/bpf"
)

// asm assembles with x/net/bpf, for readable tests.
func asm(t testing.TB, ins ...bpf.Instruction) []bpf.RawInstruction {
	t.Helper()
	raw, err := bpf.Assemble(ins)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func run(t testing.TB, mode Mode, prog []bpf.RawInstruction, pkt []byte, md *Metadata) uint32 {
	t.Helper()
	p, err := New(prog, mode)
	if err != nil {
		t.Fatal(err)
	}
	return p.Run(pkt, len(pkt), md)
}

func TestAncillary(t *testing.T) {
	md := &Metadata{
		Protocol: 0x86dd, PktType: 4, IfIndex: 7, Mark: 0xabc, Queue: 3, HAType: 1,
		RxHash: 0x1234, CPU: 5, VLANTCI: 0x2064, VLANPresent: true, VLANTPID: 0x88a8,
		PayloadOffset: 54, Random: func() uint32 { return 42 },
	}
	for _, tc := range []struct {
		field uint32
		want  uint32
	}{
		{SKFAdProtocol, 0x86dd}, {SKFAdPktType, 4}, {SKFAdIfIndex, 7}, {SKFAdMark, 0xabc},
		{SKFAdQueue, 3}, {SKFAdHAType, 1}, {SKFAdRxHash, 0x1234}, {SKFAdCPU, 5},
		{SKFAdVLANTag, 0x2064}, {SKFAdVLANTagPresent, 1}, {SKFAdPayOffset, 54},
		{SKFAdRandom, 42}, {SKFAdVLANTPID, 0x88a8},
	} {
		for _, size := range []int{1, 2, 4} { // the size is ignored
			prog := asm(t, bpf.LoadAbsolute{Off: SKFAdOff + tc.field, Size: size}, bpf.RetA{})
			if got := run(t, Linux, prog, nil, md); got != tc.want {
				t.Errorf("field %d size %d: got %#x, want %#x", tc.field, size, got, tc.want)
			}
		}
	}
	// No device: ifindex and hatype end the program returning A.
	for _, field := range []uint32{SKFAdIfIndex, SKFAdHAType} {
		prog := asm(t, bpf.LoadConstant{Dst: bpf.RegA, Val: 99}, bpf.LoadAbsolute{Off: SKFAdOff + field, Size: 4}, bpf.RetConstant{Val: 1})
		if got := run(t, Linux, prog, nil, &Metadata{NoDevice: true}); got != 99 {
			t.Errorf("field %d without device: got %d, want 99", field, got)
		}
	}
	// Libpcap: ancillary offsets are ordinary, out-of-range offsets.
	prog := asm(t, bpf.LoadAbsolute{Off: SKFAdOff + SKFAdProtocol, Size: 2}, bpf.RetConstant{Val: 1})
	if got := run(t, Libpcap, prog, make([]byte, 100), md); got != 0 {
		t.Errorf("libpcap proto: %d", got)
	}
}

func TestLibpcapVLANAux(t *testing.T) {
	tci := asm(t, bpf.LoadAbsolute{Off: SKFAdOff + SKFAdVLANTag, Size: 1}, bpf.RetA{})
	present := asm(t, bpf.LoadAbsolute{Off: SKFAdOff + SKFAdVLANTagPresent, Size: 1}, bpf.ALUOpConstant{Op: bpf.ALUOpAdd, Val: 10}, bpf.RetA{})
	md := &Metadata{VLANTCI: 0x2064, VLANPresent: true}
	if got := run(t, Libpcap, tci, nil, md); got != 0x064 {
		t.Errorf("vlan_tci with aux data: %#x (pcap-linux passes the VID only)", got)
	}
	if got := run(t, Libpcap, present, nil, md); got != 11 {
		t.Errorf("vlanp with aux data: %d", got)
	}
	if got := run(t, Libpcap, present, nil, nil); got != 0 {
		t.Errorf("vlanp without aux data: %d", got)
	}
}

func TestNetlinkAttributes(t *testing.T) {
	// Attributes (little-endian len, type): [8, 1, "abcd"] [5, 2, "x"+pad]
	// [12, 3 | NLA_F_NESTED, [8, 9, "wxyz"]].
	pkt := []byte{
		8, 0, 1, 0, 'a', 'b', 'c', 'd',
		5, 0, 2, 0, 'x', 0, 0, 0,
		12, 0, 3, 0x80, 8, 0, 9, 0, 'w', 'x', 'y', 'z',
	}
	find := func(field, a, x uint32) uint32 {
		prog := asm(t, bpf.LoadConstant{Dst: bpf.RegA, Val: a}, bpf.LoadConstant{Dst: bpf.RegX, Val: x},
			bpf.LoadAbsolute{Off: SKFAdOff + field, Size: 4}, bpf.RetA{})
		return run(t, Linux, prog, pkt, nil)
	}
	for _, tc := range []struct{ field, a, x, want uint32 }{
		{SKFAdNlAttr, 0, 1, 0}, {SKFAdNlAttr, 0, 2, 8}, {SKFAdNlAttr, 0, 3, 16}, {SKFAdNlAttr, 0, 9, 0},
		{SKFAdNlAttr, 8, 3, 16}, {SKFAdNlAttr, 100, 1, 0},
		{SKFAdNlAttrNest, 16, 9, 20}, {SKFAdNlAttrNest, 16, 1, 0}, {SKFAdNlAttrNest, 26, 1, 0},
	} {
		if got := find(tc.field, tc.a, tc.x); got != tc.want {
			t.Errorf("field %d a=%d x=%d: got %d, want %d", tc.field, tc.a, tc.x, got, tc.want)
		}
	}
}

func TestNegativeOffsets(t *testing.T) {
	// SLL header (16 bytes) then IPv4 with protocol 6 at network+9.
	pkt := make([]byte, 40)
	pkt[14], pkt[15] = 0x08, 0x00
	pkt[16] = 0x45
	pkt[16+9] = 6
	md := MetadataFor(113, pkt)
	for _, tc := range []struct {
		ins  bpf.Instruction
		want uint32
	}{
		{bpf.LoadAbsolute{Off: SKFNetOff + 9, Size: 1}, 6},
		{bpf.LoadAbsolute{Off: SKFLLOff + 14, Size: 2}, 0x0800},
		{bpf.LoadAbsolute{Off: SKFNetOff + 40, Size: 1}, 0},
		{bpf.LoadAbsolute{Off: SKFAdOff + SKFAdProtocol, Size: 2}, 0x0800},
	} {
		prog := asm(t, tc.ins, bpf.RetA{})
		if got := run(t, Linux, prog, pkt, &md); got != tc.want {
			t.Errorf("%v: got %#x, want %#x", tc.ins, got, tc.want)
		}
	}
	// No network header: SKF_NET_OFF loads fail.
	none := MetadataFor(147, pkt) // a user link type
	prog := asm(t, bpf.LoadAbsolute{Off: SKFNetOff, Size: 1}, bpf.RetConstant{Val: 1})
	if got := run(t, Linux, prog, pkt, &none); got != 0 {
		t.Errorf("no network header: %d", got)
	}
}

func TestMetadataFor(t *testing.T) {
	bcast := []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 0, 0, 0x86, 0xdd}
	md := MetadataFor(1, bcast)
	if md.NetworkOffset != 14 || md.LinkOffset != 0 || md.Protocol != 0x86dd || md.PktType != 1 || md.HAType != 1 {
		t.Errorf("ethernet: %+v", md)
	}
	llc := []byte{1, 0, 0x5e, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 40, 0x42, 0x42}
	md = MetadataFor(1, llc)
	if md.Protocol != 0x0004 || md.PktType != 2 {
		t.Errorf("802.2 multicast: %+v", md)
	}
	sll2 := []byte{0x86, 0xdd, 0, 0, 0, 0, 0, 3, 0, 1, 4, 6, 0, 0, 0, 0, 0, 0, 0, 0}
	md = MetadataFor(276, sll2)
	if md.NetworkOffset != 20 || md.Protocol != 0x86dd || md.IfIndex != 3 || md.HAType != 1 || md.PktType != 4 {
		t.Errorf("sll2: %+v", md)
	}
	md = MetadataFor(101, []byte{0x60})
	if md.NetworkOffset != 0 || md.Protocol != 0x86dd {
		t.Errorf("raw: %+v", md)
	}
}

func TestModesDiffer(t *testing.T) {
	pkt := make([]byte, 20)
	pkt[14] = 0x45
	for _, tc := range []struct {
		name           string
		prog           []bpf.Instruction
		linux, libpcap uint32
	}{
		{"lsh x 33", []bpf.Instruction{bpf.LoadConstant{Dst: bpf.RegA, Val: 1}, bpf.LoadConstant{Dst: bpf.RegX, Val: 33}, bpf.ALUOpX{Op: bpf.ALUOpShiftLeft}, bpf.RetA{}}, 2, 0},
		{"rsh x 32", []bpf.Instruction{bpf.LoadConstant{Dst: bpf.RegA, Val: 8}, bpf.LoadConstant{Dst: bpf.RegX, Val: 32}, bpf.ALUOpX{Op: bpf.ALUOpShiftRight}, bpf.RetA{}}, 8, 0},
		{"ind wrap", []bpf.Instruction{bpf.LoadConstant{Dst: bpf.RegX, Val: 0xffffffff}, bpf.LoadIndirect{Off: 15, Size: 1}, bpf.RetA{}}, 0x45, 0},
		{"msh net", []bpf.Instruction{bpf.LoadMemShift{Off: SKFNetOff}, bpf.TXA{}, bpf.RetA{}}, 20, 0},
	} {
		prog := asm(t, tc.prog...)
		md := MetadataFor(1, pkt)
		if got := run(t, Linux, prog, pkt, &md); got != tc.linux {
			t.Errorf("%s linux: %d, want %d", tc.name, got, tc.linux)
		}
		if got := run(t, Libpcap, prog, pkt, &md); got != tc.libpcap {
			t.Errorf("%s libpcap: %d, want %d", tc.name, got, tc.libpcap)
		}
	}
}

func TestBackwardJumps(t *testing.T) {
	// Count A down from 5 with a backward ja (libpcap only).
	loop := []bpf.RawInstruction{
		{Op: 0x00, K: 5},          // 0: ld #5
		{Op: 0x15, Jt: 3, K: 0},   // 1: jeq #0 -> 5
		{Op: 0x14, K: 1},          // 2: sub #1
		{Op: 0x04, K: 0},          // 3: add #0
		{Op: 0x05, K: 0xfffffffc}, // 4: ja 1
		{Op: 0x06, K: 77},         // 5: ret #77
	}
	if _, err := New(loop, Linux); err == nil {
		t.Error("Linux mode accepted a backward jump")
	}
	if got := run(t, Libpcap, loop, nil, nil); got != 77 {
		t.Errorf("loop: %d", got)
	}
	forever := []bpf.RawInstruction{{Op: 0x05, K: 0xffffffff}, {Op: 0x06, K: 1}}
	p := MustNew(forever, Libpcap)
	if got := p.Run(nil, 0, nil); got != 0 {
		t.Errorf("endless loop: %d", got)
	}
	m := p.NewMachine()
	m.Reset(nil, 0, nil)
	if _, stop := m.Continue(); stop != StopLoop || m.Steps() != MaxBackwardJumps+1 {
		t.Errorf("endless loop: %v after %d steps", stop, m.Steps())
	}
}

func TestNewErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		prog []bpf.RawInstruction
		mode Mode
	}{
		{"empty", nil, Linux},
		{"ret x", []bpf.RawInstruction{{Op: 0x0e}}, Libpcap},
		{"ldh imm", []bpf.RawInstruction{{Op: 0x08}, {Op: 0x06}}, Linux},
		{"misc", []bpf.RawInstruction{{Op: 0x0f}, {Op: 0x06}}, Libpcap},
		{"st 16", []bpf.RawInstruction{{Op: 0x02, K: 16}, {Op: 0x06}}, Linux},
		{"div 0", []bpf.RawInstruction{{Op: 0x34}, {Op: 0x06}}, Libpcap},
		{"jeq out", []bpf.RawInstruction{{Op: 0x15, Jt: 1}, {Op: 0x06}}, Linux},
		{"ja wrap linux", []bpf.RawInstruction{{Op: 0x05, K: 0xffffffff}, {Op: 0x06}}, Linux},
		{"no ret", []bpf.RawInstruction{{Op: 0x06}, {Op: 0x00}}, Libpcap},
		{"bad mode", []bpf.RawInstruction{{Op: 0x06}}, Mode(9)},
	} {
		if _, err := New(tc.prog, tc.mode); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
}

func TestMachine(t *testing.T) {
	prog := asm(t,
		bpf.LoadConstant{Dst: bpf.RegA, Val: 3},
		bpf.StoreScratch{Src: bpf.RegA, N: 2},
		bpf.TAX{},
		bpf.ALUOpX{Op: bpf.ALUOpMul},
		bpf.RetA{},
	)
	p := MustNew(prog, Linux)
	m := p.NewMachine()
	m.Reset(nil, 0, nil)
	for i := 0; i < 4; i++ {
		if _, stop := m.Step(); stop != StopNone {
			t.Fatalf("step %d ended with %v", i, stop)
		}
	}
	r := m.Registers()
	if r.A != 9 || r.X != 3 || r.M[2] != 3 || r.PC != 4 || m.Steps() != 4 {
		t.Fatalf("registers %+v", *r)
	}
	r.A = 100 // a debugger may change state
	if ret, stop := m.Step(); ret != 100 || stop != StopReturn || r.PC != 4 {
		t.Fatalf("ret %d %v pc %d", ret, stop, r.PC)
	}
	if ret, stop := m.Step(); ret != 100 || stop != StopReturn {
		t.Fatalf("after the end: %d %v", ret, stop)
	}
	r.PC = 99
	m2 := p.NewMachine()
	m2.Registers().PC = -5
	if _, stop := m2.Step(); stop == StopNone {
		t.Fatal("bad PC did not stop")
	}
}

func TestRunAllocations(t *testing.T) {
	prog := asm(t, bpf.LoadAbsolute{Off: 12, Size: 2}, bpf.JumpIf{Cond: bpf.JumpEqual, Val: 0x800, SkipFalse: 1}, bpf.RetConstant{Val: 1}, bpf.RetConstant{Val: 0})
	p := MustNew(prog, Linux)
	pkt := make([]byte, 60)
	md := MetadataFor(1, pkt)
	if n := testing.AllocsPerRun(100, func() { p.Run(pkt, 60, &md) }); n != 0 {
		t.Errorf("%v allocations per run", n)
	}
}
