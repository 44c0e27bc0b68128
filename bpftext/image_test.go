package bpftext

import (
	"testing"

	"golang.org/x/net/bpf"
)

func TestImage(t *testing.T) {
	tests := []struct {
		ins  bpf.RawInstruction
		pc   int
		want string
	}{
		// Lines of real tcpdump -d output (cbpf_semantics.md §9).
		{bpf.RawInstruction{Op: 0x28, K: 12}, 0, "(000) ldh      [12]"},
		{bpf.RawInstruction{Op: 0x15, Jt: 0, Jf: 6, K: 0x86dd}, 1, "(001) jeq      #0x86dd          jt 2\tjf 8"},
		{bpf.RawInstruction{Op: 0x30, K: 20}, 2, "(002) ldb      [20]"},
		{bpf.RawInstruction{Op: 0x45, Jt: 6, Jf: 0, K: 0x1fff}, 12, "(012) jset     #0x1fff          jt 19\tjf 13"},
		{bpf.RawInstruction{Op: 0xb1, K: 14}, 13, "(013) ldxb     4*([14]&0xf)"},
		{bpf.RawInstruction{Op: 0x48, K: 14}, 14, "(014) ldh      [x + 14]"},
		{bpf.RawInstruction{Op: 0x06, K: 262144}, 18, "(018) ret      #262144"},
		{bpf.RawInstruction{Op: 0x06, K: 0}, 19, "(019) ret      #0"},
		{bpf.RawInstruction{Op: 0x80}, 0, "(000) ld       #pktlen"},
		{bpf.RawInstruction{Op: 0x84}, 1, "(001) neg"},
		{bpf.RawInstruction{Op: 0x02, K: 1}, 3, "(003) st       M[1]"},
		{bpf.RawInstruction{Op: 0x07}, 5, "(005) tax"},
		{bpf.RawInstruction{Op: 0x1d, Jt: 0, Jf: 1}, 7, "(007) jeq      x                jt 8\tjf 9"},
		{bpf.RawInstruction{Op: 0x87}, 20, "(020) txa"},
		{bpf.RawInstruction{Op: 0x16}, 4, "(004) ret"},

		// Backward ja from ip6 protochain: k = -15 as u32.
		{bpf.RawInstruction{Op: 0x05, K: 4294967281}, 18, "(018) ja       4"},
		{bpf.RawInstruction{Op: 0x05, K: 3}, 9, "(009) ja       13"},

		// Ancillary names for any load size; other negatives signed.
		{bpf.RawInstruction{Op: 0x30, K: 0xfffff030}, 0, "(000) ldb      [vlanp]"},
		{bpf.RawInstruction{Op: 0x28, K: 0xfffff004}, 0, "(000) ldh      [type]"},
		{bpf.RawInstruction{Op: 0x30, K: 0xfffff008}, 0, "(000) ldb      [ifidx]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff000}, 0, "(000) ld       [proto]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff028}, 0, "(000) ld       [xor_x]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff038}, 0, "(000) ld       [random]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff03c}, 0, "(000) ld       [vlan_tpid]"},
		{bpf.RawInstruction{Op: 0x30, K: 0xfff00009}, 0, "(000) ldb      [-1048567]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff040}, 0, "(000) ld       [-4032]"},
		{bpf.RawInstruction{Op: 0x20, K: 0xfffff002}, 0, "(000) ld       [-4094]"},
		// Ancillary names only apply to absolute loads.
		{bpf.RawInstruction{Op: 0x40, K: 0xfffff000}, 0, "(000) ld       [x + -4096]"},
		{bpf.RawInstruction{Op: 0xb1, K: 0xfff00000}, 0, "(000) ldxb     4*([-1048576]&0xf)"},

		// Signed decimal where libpcap uses %d, hex where it uses %x.
		{bpf.RawInstruction{Op: 0x06, K: 0xffffffff}, 0, "(000) ret      #-1"},
		{bpf.RawInstruction{Op: 0x14, K: 0xffffffff}, 0, "(000) sub      #-1"},
		{bpf.RawInstruction{Op: 0x54, K: 0xffffffff}, 0, "(000) and      #0xffffffff"},
		{bpf.RawInstruction{Op: 0x00, K: 0xdeadbeef}, 0, "(000) ld       #0xdeadbeef"},
		{bpf.RawInstruction{Op: 0x01, K: 0x14}, 0, "(000) ldx      #0x14"},
		{bpf.RawInstruction{Op: 0x61, K: 15}, 0, "(000) ldx      M[15]"},
		{bpf.RawInstruction{Op: 0x60, K: 0xffffffff}, 0, "(000) ld       M[-1]"},
		{bpf.RawInstruction{Op: 0x81}, 0, "(000) ldx      #pktlen"},
		{bpf.RawInstruction{Op: 0x64, K: 4}, 0, "(000) lsh      #4"},
		{bpf.RawInstruction{Op: 0x7c}, 0, "(000) rsh      x"},

		// Unknown codes. A JMP-class one with a non-JA op keeps the jump
		// columns, as libpcap's layout depends only on the class and op.
		{bpf.RawInstruction{Op: 0x0e}, 0, "(000) unimp    0xe"},
		{bpf.RawInstruction{Op: 0x08, K: 5}, 0, "(000) unimp    0x8"},
		{bpf.RawInstruction{Op: 0x55, Jt: 1, Jf: 2}, 3, "(003) unimp    0x55             jt 5\tjf 6"},
		{bpf.RawInstruction{Op: 0x0d}, 3, "(003) unimp    0xd"},
		{bpf.RawInstruction{Op: 0x105}, 3, "(003) unimp    0x105"},
		{bpf.RawInstruction{Op: 0xffff}, 3, "(003) unimp    0xffff"},
		{bpf.RawInstruction{Op: 0xfff5}, 3, "(003) unimp    0xfff5           jt 4\tjf 4"},

		// Index padding.
		{bpf.RawInstruction{Op: 0x16}, 1000, "(1000) ret"},
		{bpf.RawInstruction{Op: 0x16}, -1, "(-01) ret"},
		{bpf.RawInstruction{Op: 0x15, Jt: 255, Jf: 255}, 4095, "(4095) jeq      #0x0             jt 4351\tjf 4351"},
	}
	for _, tt := range tests {
		if got := Image(tt.ins, tt.pc); got != tt.want {
			t.Errorf("Image(%+v, %d) = %q, want %q", tt.ins, tt.pc, got, tt.want)
		}
	}
}

func TestAppendImageAllocs(t *testing.T) {
	buf := make([]byte, 0, 128)
	ins := bpf.RawInstruction{Op: 0x15, Jt: 0, Jf: 6, K: 0x86dd}
	allocs := testing.AllocsPerRun(100, func() {
		buf = AppendImage(buf[:0], ins, 1)
	})
	if allocs != 0 {
		t.Errorf("AppendImage allocates %v times per call, want 0", allocs)
	}
}

func BenchmarkAppendImage(b *testing.B) {
	prog := []bpf.RawInstruction{
		{Op: 0x28, K: 12}, {Op: 0x15, Jt: 0, Jf: 6, K: 0x86dd}, {Op: 0xb1, K: 14},
		{Op: 0x48, K: 14}, {Op: 0x06, K: 262144}, {Op: 0x16},
	}
	buf := make([]byte, 0, 128)
	for b.Loop() {
		for pc, ins := range prog {
			buf = AppendImage(buf[:0], ins, pc)
		}
	}
}
