//go:build linux

package capture

import (
	"encoding/binary"
	"os"
	"testing"
	"unsafe"

	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
	"golang.org/x/sys/unix"
)

// benchRing lays out a ring of blocks full of frameLen-byte Ethernet
// frames, the way the kernel fills it.
func benchRing(b *testing.B, blocks, blockSize, frameLen int) *Handle {
	mem := make([]byte, blocks*blockSize)
	mac := alignUp(tp3HdrPlusSLL+16, tpacketAlign) + vlanTagLen + Headroom - 14 // see fakeRing
	step := alignUp(mac+frameLen, tpacketAlign)
	frame := ether(frameLen)
	for blk := 0; blk < blocks; blk++ {
		m := mem[blk*blockSize : (blk+1)*blockSize]
		n := (blockSize - blockDescLen) / step
		binary.NativeEndian.PutUint32(m[blockStatusOff:], unix.TP_STATUS_USER)
		binary.NativeEndian.PutUint32(m[blockNumPktsOff:], uint32(n))
		binary.NativeEndian.PutUint32(m[blockFirstOff:], blockDescLen)
		for i, off := 0, blockDescLen; i < n; i, off = i+1, off+step {
			hdr := (*unix.Tpacket3Hdr)(unsafe.Pointer(&m[off]))
			hdr.Next_offset = uint32(step)
			hdr.Sec, hdr.Nsec = 1700000000, uint32(i)
			hdr.Snaplen, hdr.Len = uint32(frameLen), uint32(frameLen)
			hdr.Mac, hdr.Net = uint16(mac), uint16(mac+14)
			sll := m[off+tp3HdrLen:]
			binary.NativeEndian.PutUint32(sll[4:], 2)
			sll[10] = PacketOtherHost
			copy(m[off+mac:], frame)
		}
	}
	return &Handle{ring: mem, blockSize: blockSize, blockNr: blocks, snaplen: DefaultSnaplen,
		linkType: linktype.EN10MB, loIndex: 1, vlanOffset: 12}
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
			h := benchRing(b, 64, 1<<20, size)
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
