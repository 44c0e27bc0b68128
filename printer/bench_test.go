package printer

import (
	"encoding/binary"
	"io"
	"testing"
	"time"
)

// synthPackets builds Ethernet/IPv4 TCP and UDP packets over 1000 flows,
// the mix of the tcpdump baseline in research/printing.md section 7.
func synthPackets(n int) [][]byte {
	pkts := make([][]byte, n)
	for i := range pkts {
		flow := i % 1000
		udp := i%2 == 1
		l4 := 20
		proto := byte(protoTCP)
		if udp {
			l4, proto = 8, protoUDP
		}
		payload := 32
		b := make([]byte, 14+20+l4+payload)
		copy(b[0:6], []byte{0, 1, 2, 3, 4, 5})
		copy(b[6:12], []byte{0, 1, 2, 3, 4, 6})
		binary.BigEndian.PutUint16(b[12:], etherTypeIPv4)
		ip := b[14:]
		ip[0] = 0x45
		binary.BigEndian.PutUint16(ip[2:], uint16(20+l4+payload))
		ip[8] = 64
		ip[9] = proto
		copy(ip[12:16], []byte{10, 0, byte(flow >> 8), byte(flow)})
		copy(ip[16:20], []byte{192, 168, 1, 1})
		binary.BigEndian.PutUint16(ip[10:], fold(sum16(0, ip[:20])))
		t := ip[20:]
		binary.BigEndian.PutUint16(t[0:], uint16(40000+flow))
		binary.BigEndian.PutUint16(t[2:], 8080)
		if udp {
			binary.BigEndian.PutUint16(t[4:], uint16(8+payload))
		} else {
			binary.BigEndian.PutUint32(t[4:], uint32(i))
			binary.BigEndian.PutUint32(t[8:], uint32(7*i))
			t[12] = 5 << 4
			t[13] = 0x18
			binary.BigEndian.PutUint16(t[14:], 512)
		}
		pkts[i] = b
	}
	return pkts
}

func BenchmarkPrint(b *testing.B) {
	pkts := synthPackets(4096)
	p := New(io.Discard, LinkEthernet, Options{Timestamp: TimestampDefault, Location: time.UTC})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := pkts[i%len(pkts)]
		p.Print(CaptureInfo{Seconds: 1700000000 + int64(i/1000), Fraction: uint32(i % 1000000), Length: len(d)}, d)
	}
	p.Flush()
}

func BenchmarkPrintVerbose(b *testing.B) {
	pkts := synthPackets(4096)
	p := New(io.Discard, LinkEthernet, Options{Timestamp: TimestampDate, Location: time.UTC, Verbose: 1, LinkHeader: true})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := pkts[i%len(pkts)]
		p.Print(CaptureInfo{Seconds: 1700000000 + int64(i/1000), Length: len(d)}, d)
	}
	p.Flush()
}

// TestNoAllocations checks that printing common packets allocates nothing
// once the TCP conversation table holds their flows.
func TestNoAllocations(t *testing.T) {
	pkts := synthPackets(2000)
	for _, opt := range []Options{{Location: time.UTC}, {Location: time.UTC, Verbose: 1, LinkHeader: true, Number: true}, {Location: time.UTC, HexASCII: 1}} {
		p := New(io.Discard, LinkEthernet, opt)
		for _, d := range pkts {
			p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
		}
		i := 0
		allocs := testing.AllocsPerRun(1000, func() {
			d := pkts[i%len(pkts)]
			i++
			p.Print(CaptureInfo{Seconds: int64(1 + i/100), Length: len(d)}, d)
		})
		if allocs != 0 {
			t.Errorf("options %+v: %.2f allocations per packet, want 0", opt, allocs)
		}
	}
}
