package optimize

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// The optimized program must accept exactly the packets the unoptimized
// one accepts. These expressions include libpcap issue 112, on which
// libpcap's optimizer cycles until its pass limit stops it.
var equivalenceExprs = []string{
	"(ip[12:4] = 0x0a0a0a0a or ip[16:4] = 0x0a0a0a0a) and (not ((ip[12:4] = 0x0a0a0a0b or ip[16:4] = 0x0a0a0a0b)))",
	"host 10.10.10.10 or host 10.10.10.11 or net 10.10.0.0/16",
	"not (host 10.10.10.10 and port 80) and not (host 10.10.10.11 and port 53)",
	"tcp[13] & 2 != 0 and (dst port 80 or dst port 443)",
	"ip[2:2] - 20 > 100 or len < 64",
	"udp and (port 53 or port 123) and not src 10.10.10.10",
	"ip and ip[8] * 2 / 2 = 64",
	"vlan and (tcp or udp)",
}

func compileBoth(t *testing.T, expr string) (unopt, opt []bpfvmProgram) {
	t.Helper()
	cfg := gen.Config{LinkType: 1, Snaplen: 262144, Netmask: 0xffffffff}
	for i := range 2 {
		res, err := gen.Generate(cfg, func(b parse.Builder) error { return parse.Parse(expr, b) })
		if err != nil {
			t.Fatalf("%q: %v", expr, err)
		}
		root := res.Root
		if i == 1 {
			if root, err = Optimize(root); err != nil {
				t.Fatalf("%q: %v", expr, err)
			}
		}
		insns, err := ir.Linearize(root)
		if err != nil {
			t.Fatalf("%q: %v", expr, err)
		}
		p, err := bpfvm.New(insns, bpfvm.Libpcap)
		if err != nil {
			t.Fatalf("%q: %v", expr, err)
		}
		if i == 0 {
			unopt = append(unopt, p)
		} else {
			opt = append(opt, p)
		}
	}
	return unopt, opt
}

type bpfvmProgram = *bpfvm.Program

// randomPacket builds an Ethernet frame that is often IPv4 (sometimes
// VLAN-tagged) with addresses and ports from small sets, so that the
// expressions above are both accepted and refused.
func randomPacket(r *rand.Rand) []byte {
	pkt := make([]byte, 14+r.IntN(100))
	for i := range pkt {
		pkt[i] = byte(r.IntN(256))
	}
	l3 := 14
	switch r.IntN(4) {
	case 0:
		// random EtherType
	case 1:
		binary.BigEndian.PutUint16(pkt[12:], 0x8100)
		if len(pkt) > 18 {
			binary.BigEndian.PutUint16(pkt[16:], 0x0800)
		}
		l3 = 18
	default:
		binary.BigEndian.PutUint16(pkt[12:], 0x0800)
	}
	if len(pkt) < l3+40 {
		return pkt
	}
	ip := pkt[l3:]
	ip[0] = 0x45
	ip[6], ip[7] = 0, 0
	ip[9] = []byte{6, 17, 1}[r.IntN(3)]
	addrs := []uint32{0x0a0a0a0a, 0x0a0a0a0b, 0x0a0a0505, 0x01020304}
	binary.BigEndian.PutUint32(ip[12:], addrs[r.IntN(4)])
	binary.BigEndian.PutUint32(ip[16:], addrs[r.IntN(4)])
	ports := []uint16{53, 80, 123, 443, 9999}
	binary.BigEndian.PutUint16(ip[20:], ports[r.IntN(5)])
	binary.BigEndian.PutUint16(ip[22:], ports[r.IntN(5)])
	return pkt
}

func TestOptimizedEquivalent(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, expr := range equivalenceExprs {
		unopt, opt := compileBoth(t, expr)
		accepted := 0
		for range 3000 {
			pkt := randomPacket(r)
			a := unopt[0].Run(pkt, len(pkt), nil)
			b := opt[0].Run(pkt, len(pkt), nil)
			if a != b {
				t.Fatalf("%q: packet % x: unoptimized returns %d, optimized %d", expr, pkt, a, b)
			}
			if a != 0 {
				accepted++
			}
		}
		if accepted == 0 {
			t.Errorf("%q: no packet accepted; the test proves little", expr)
		}
	}
}
