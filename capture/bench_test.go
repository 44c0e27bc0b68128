//go:build linux

package capture

import (
	"os"
	"testing"

	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
)

// benchRing lays out a ring of blocks full of frameLen-byte Ethernet
// frames, the way the kernel fills it.
func benchRing(blocks, blockSize, frameLen int) *Handle {
	p := fakePacket{data: ether(frameLen), wireLen: frameLen, ifindex: 2, pktType: PacketOtherHost}
	pkts := make([]fakePacket, (blockSize-blockDescLen)/p.stride())
	for i := range pkts {
		pkts[i] = p
	}
	mem := make([]byte, blocks*blockSize)
	for off := 0; off < len(mem); off += blockSize {
		fakeBlock(mem[off:off+blockSize], pkts)
	}
	h := fakeRing(nil, linktype.EN10MB, nil)
	h.ring, h.blockSize, h.blockNr = mem, blockSize, blocks
	return h
}

// BenchmarkRingToSavefile is the live capture's user-space loop: walk a
// 64 MiB ring of 1 MiB blocks of full-size frames and write every packet
// to /dev/null as records built in the packets' head-room, flushing per block as the
// capture must before it releases one. The ring is larger than the
// caches, so the headers miss as they do in a real capture (there the
// kernel wrote them from another processor).
func BenchmarkRingToSavefile(b *testing.B) {
	for _, size := range []int{64, 1514} {
		b.Run(map[int]string{64: "64B", 1514: "1514B"}[size], func(b *testing.B) {
			h := benchRing(64, 1<<20, size)
			null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
			if err != nil {
				b.Fatal(err)
			}
			defer null.Close()
			w, err := pcapfile.NewWriter(null, pcapfile.WriterOptions{LinkType: 1})
			if err != nil {
				b.Fatal(err)
			}
			pkts := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				var blk Block
				if err := blk.reset(h, (i%h.blockNr)*h.blockSize); err != nil {
					b.Fatal(err)
				}
				for blk.Next() {
					p := blk.Packet()
					ci := pcapfile.CaptureInfo{Sec: p.Timestamp.Unix(), Nsec: int64(p.Timestamp.Nanosecond()),
						CaptureLength: len(p.Data), Length: p.Length}
					if err := w.WriteRecordInPlace(ci, p.WithHeadroom()); err != nil {
						b.Fatal(err)
					}
					pkts++
				}
				if err := w.Flush(); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(pkts), "ns/pkt")
		})
	}
}
