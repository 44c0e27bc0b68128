//go:build linux

package capture

import (
	"bytes"
	"encoding/binary"
	"errors"
	"testing"
	"unsafe"

	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/sys/unix"
)

// fakePacket describes one packet to lay out in a synthetic ring block.
type fakePacket struct {
	data    []byte
	wireLen int
	status  uint32
	tci     uint32
	tpid    uint16
	pktType uint8
	ifindex int32
	proto   uint16
	mac     int // data offset from the packet header; 0: as SOCK_RAW with reserve 4
}

// fakeEtherMac is where the kernel puts an Ethernet header given our
// PACKET_RESERVE: TPACKET_ALIGN(TPACKET3_HDRLEN + 16) + reserve - 14.
var fakeEtherMac = alignUp(tp3HdrPlusSLL+16, tpacketAlign) + vlanTagLen + Headroom - 14

// macOffset is p's data offset from its packet header.
func (p *fakePacket) macOffset() int {
	if p.mac == 0 {
		return fakeEtherMac
	}
	return p.mac
}

// stride is the room p takes in a block.
func (p *fakePacket) stride() int { return alignUp(p.macOffset()+len(p.data), 8) }

// fakeBlock lays pkts out in mem as the kernel fills a ring block handed
// to user space.
func fakeBlock(mem []byte, pkts []fakePacket) {
	off := blockDescLen
	binary.NativeEndian.PutUint32(mem[blockStatusOff:], unix.TP_STATUS_USER)
	binary.NativeEndian.PutUint32(mem[blockNumPktsOff:], uint32(len(pkts)))
	binary.NativeEndian.PutUint32(mem[blockFirstOff:], uint32(off))
	for i, p := range pkts {
		mac, size := p.macOffset(), p.stride()
		hdr := (*unix.Tpacket3Hdr)(unsafe.Pointer(&mem[off]))
		if i < len(pkts)-1 {
			hdr.Next_offset = uint32(size)
		}
		hdr.Sec, hdr.Nsec = 1700000000, 123456789
		hdr.Snaplen = uint32(len(p.data))
		hdr.Len = uint32(p.wireLen)
		hdr.Status = p.status
		hdr.Mac = uint16(mac)
		hdr.Net = uint16(mac + 14)
		hdr.Hv1.Vlan_tci = p.tci
		hdr.Hv1.Vlan_tpid = p.tpid
		sll := mem[off+tp3HdrLen:]
		binary.NativeEndian.PutUint16(sll[0:], unix.AF_PACKET)
		binary.BigEndian.PutUint16(sll[2:], p.proto)
		binary.NativeEndian.PutUint32(sll[4:], uint32(p.ifindex))
		binary.NativeEndian.PutUint16(sll[8:], unix.ARPHRD_ETHER)
		sll[10] = p.pktType
		sll[11] = 6
		copy(sll[12:], []byte{2, 0, 0, 0, 0, 0xa})
		copy(mem[off+mac:], p.data)
		off += size
	}
}

// fakeRing builds a handle over one synthetic block laid out as the kernel
// does, so that the decoder can be tested without a socket.
func fakeRing(t testing.TB, lt linktype.Type, pkts []fakePacket) *Handle {
	const blockSize = 1 << 16
	mem := make([]byte, blockSize)
	fakeBlock(mem, pkts)
	h := &Handle{ring: mem, blockSize: blockSize, blockNr: 1, snaplen: DefaultSnaplen,
		linkType: lt, loIndex: 1, vlanOffset: -1}
	switch lt {
	case linktype.EN10MB:
		h.vlanOffset = 12
	case linktype.LinuxSLL:
		h.cookedLen, h.vlanOffset = sllHeaderLen, sllHeaderLen-2
	case linktype.LinuxSLL2:
		h.cookedLen = sll2HeaderLen
	}
	return h
}

func walk(t testing.TB, h *Handle) ([]Packet, error) {
	var b Block
	if err := b.reset(h, 0); err != nil {
		return nil, err
	}
	var out []Packet
	for b.Next() {
		p := *b.Packet()
		// The scratch space in front of Data is the caller's: scribble
		// on it, as a savefile writer does, and the packet must not
		// change.
		room := p.WithHeadroom()
		if len(room) != Headroom+len(p.Data) || &room[Headroom:][:1][0] != &p.Data[:1][0] {
			t.Fatalf("WithHeadroom: %d bytes, not the %d in front of Data", len(room), Headroom)
		}
		before := bytes.Clone(p.Data)
		copy(room, bytes.Repeat([]byte{0xee}, Headroom))
		if !bytes.Equal(before, p.Data) {
			t.Fatal("writing the head-room changed the packet")
		}
		p.Data = bytes.Clone(p.Data)
		out = append(out, p)
	}
	return out, b.Err()
}

func ether(n int) []byte {
	f := make([]byte, n)
	copy(f, []byte{2, 0, 0, 0, 0, 0xb, 2, 0, 0, 0, 0, 0xa, 0x08, 0x00})
	for i := 14; i < n; i++ {
		f[i] = byte(i)
	}
	return f
}

func TestDecodeVLANAndDirection(t *testing.T) {
	f := ether(60)
	h := fakeRing(t, linktype.EN10MB, []fakePacket{
		{data: f, wireLen: 60, tci: 0x2064, status: unix.TP_STATUS_VLAN_VALID, ifindex: 2, proto: 0x0800},
		{data: f, wireLen: 60, tci: 5, tpid: 0x88a8, status: unix.TP_STATUS_VLAN_VALID | unix.TP_STATUS_VLAN_TPID_VALID, ifindex: 2},
		{data: f, wireLen: 60, status: unix.TP_STATUS_VLAN_VALID, ifindex: 2}, // priority tag, TCI 0
		{data: f, wireLen: 60, pktType: PacketOutgoing, ifindex: 1},           // loopback copy: dropped
		{data: f, wireLen: 60, pktType: PacketOutgoing, ifindex: 2},
		{data: f[:10], wireLen: 60, tci: 7}, // too short for the tag: left alone
	})
	got, err := walk(t, h)
	if err != nil {
		t.Fatal(err)
	}
	tag := func(tpid, tci uint16) []byte {
		return append(append(append([]byte{}, f[:12]...), byte(tpid>>8), byte(tpid), byte(tci>>8), byte(tci)), f[12:]...)
	}
	want := [][]byte{tag(0x8100, 0x2064), tag(0x88a8, 5), tag(0x8100, 0), f, f[:10]}
	if len(got) != len(want) {
		t.Fatalf("%d packets, want %d", len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i].Data, want[i]) {
			t.Errorf("packet %d: % x\nwant % x", i, got[i].Data, want[i])
		}
	}
	if got[0].Length != 64 || got[0].CaptureLength != 64 || got[3].Length != 60 {
		t.Errorf("lengths %d/%d, %d", got[0].CaptureLength, got[0].Length, got[3].Length)
	}
	if got[0].Timestamp.UnixNano() != 1700000000123456000 {
		t.Errorf("µs timestamp %v", got[0].Timestamp.UnixNano())
	}
	h.nano = true
	h.direction = DirectionIn
	h = fakeRing(t, linktype.EN10MB, []fakePacket{{data: f, wireLen: 60, pktType: PacketOutgoing, ifindex: 2}, {data: f, wireLen: 60}})
	h.direction, h.nano = DirectionIn, true
	got, _ = walk(t, h)
	if len(got) != 1 || got[0].Outgoing() || got[0].Timestamp.UnixNano() != 1700000000123456789 {
		t.Errorf("direction in: %+v", got)
	}
	h = fakeRing(t, linktype.EN10MB, []fakePacket{{data: f, wireLen: 60, pktType: PacketOutgoing, ifindex: 2}, {data: f, wireLen: 60}})
	h.direction = DirectionOut
	if got, _ = walk(t, h); len(got) != 1 || !got[0].Outgoing() {
		t.Errorf("direction out: %+v", got)
	}
}

func TestDecodeCookedHeaders(t *testing.T) {
	ip := ether(60)[14:]
	pkts := []fakePacket{{data: ip, wireLen: 46, mac: fakeEtherMac + 14 + sll2HeaderLen - sllHeaderLen, proto: 0x0800, pktType: PacketOutgoing, ifindex: 7, tci: 0x123}}
	got, err := walk(t, fakeRing(t, linktype.LinuxSLL2, pkts))
	if err != nil || len(got) != 1 {
		t.Fatal(got, err)
	}
	sll2 := []byte{0x08, 0x00, 0, 0, 0, 0, 0, 7, 0, 1, 4, 6, 2, 0, 0, 0, 0, 0xa, 0, 0}
	if !bytes.Equal(got[0].Data, append(sll2, ip...)) || got[0].Length != 66 {
		t.Errorf("SLL2: % x (len %d)", got[0].Data, got[0].Length)
	}
	got, _ = walk(t, fakeRing(t, linktype.LinuxSLL, pkts))
	sll := []byte{0, 4, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0xa, 0, 0, 0x81, 0x00, 0x01, 0x23, 0x08, 0x00}
	if !bytes.Equal(got[0].Data, append(sll, ip...)) || got[0].Length != 16+4+46 {
		t.Errorf("SLL with VLAN: % x (len %d)", got[0].Data, got[0].Length)
	}
}

func TestDecodeSnaplenTrim(t *testing.T) {
	h := fakeRing(t, linktype.EN10MB, []fakePacket{{data: ether(60), wireLen: 60, tci: 1}})
	h.snaplen = 40
	got, _ := walk(t, h)
	if len(got[0].Data) != 40 || got[0].Length != 64 {
		t.Errorf("caplen %d len %d", len(got[0].Data), got[0].Length)
	}
}

func TestDecodeCorrupt(t *testing.T) {
	h := fakeRing(t, linktype.EN10MB, []fakePacket{{data: ether(60), wireLen: 60}, {data: ether(60), wireLen: 60}})
	binary.NativeEndian.PutUint32(h.ring[blockDescLen:], 1<<20) // next offset past the block
	if _, err := walk(t, h); !errors.Is(err, ErrCorruptRing) {
		t.Errorf("bad next offset: %v", err)
	}
	h = fakeRing(t, linktype.EN10MB, []fakePacket{{data: ether(60), wireLen: 60}})
	binary.NativeEndian.PutUint32(h.ring[blockDescLen+12:], 1<<20) // snaplen
	if _, err := walk(t, h); !errors.Is(err, ErrCorruptRing) {
		t.Errorf("bad snaplen: %v", err)
	}
}

func TestDecodeAllocatesNothing(t *testing.T) {
	var pkts []fakePacket
	for i := 0; i < 50; i++ {
		pkts = append(pkts, fakePacket{data: ether(100), wireLen: 100, ifindex: 2})
	}
	h := fakeRing(t, linktype.EN10MB, pkts)
	n := testing.AllocsPerRun(20, func() {
		var b Block
		_ = b.reset(h, 0)
		for b.Next() {
		}
	})
	if n != 0 {
		t.Errorf("%v allocations per block walk", n)
	}
}

func BenchmarkBlockWalk(b *testing.B) {
	var pkts []fakePacket
	for i := 0; i < 200; i++ {
		pkts = append(pkts, fakePacket{data: ether(200), wireLen: 200, ifindex: 2})
	}
	h := fakeRing(b, linktype.EN10MB, pkts)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var blk Block
		_ = blk.reset(h, 0)
		for blk.Next() {
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(pkts)), "ns/pkt")
}

// FuzzDecodeBlock walks arbitrary bytes as a ring block: corrupt kernel
// data must give an error, never a panic or an out-of-range slice.
func FuzzDecodeBlock(f *testing.F) {
	good := fakeRing(f, linktype.EN10MB, []fakePacket{{data: ether(60), wireLen: 60, tci: 3}, {data: ether(80), wireLen: 80}})
	f.Add(bytes.Clone(good.ring[:512]), uint8(0))
	f.Add(bytes.Clone(good.ring[:512]), uint8(1))
	f.Add(bytes.Clone(good.ring[:512]), uint8(2))
	f.Fuzz(func(t *testing.T, data []byte, kind uint8) {
		lts := []linktype.Type{linktype.EN10MB, linktype.LinuxSLL, linktype.LinuxSLL2}
		h := fakeRing(t, lts[int(kind)%len(lts)], nil)
		mem := make([]byte, 4096)
		copy(mem, data)
		h.ring, h.blockSize = mem, len(mem)
		var b Block
		if b.reset(h, 0) != nil {
			return
		}
		for b.Next() {
			p := b.Packet()
			if len(p.Data) != p.CaptureLength {
				t.Fatalf("len(Data) %d != CaptureLength %d", len(p.Data), p.CaptureLength)
			}
		}
	})
}
