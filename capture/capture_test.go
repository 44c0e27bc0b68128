//go:build linux

package capture

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/gocapdump/gocapdump/internal/kernelprobe"
	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

type got struct {
	data    []byte
	length  int
	pktType uint8
	ifindex int
	ts      time.Time
}

// collect reads packets with ReadPacket until want have arrived, then checks
// that nothing else arrives for a few block timeouts.
func collect(t *testing.T, h *Handle, want int) []got {
	t.Helper()
	var out []got
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	for len(out) < want {
		p, err := h.ReadPacket(ctx)
		if err != nil {
			t.Fatalf("after %d of %d packets: %v", len(out), want, err)
		}
		out = append(out, got{bytes.Clone(p.Data), p.Length, p.PacketType, p.InterfaceIndex, p.Timestamp})
		if p.CaptureLength != len(p.Data) {
			t.Errorf("CaptureLength %d, len(Data) %d", p.CaptureLength, len(p.Data))
		}
	}
	quiet, cancel2 := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel2()
	if p, err := h.ReadPacket(quiet); err == nil {
		t.Errorf("unexpected extra packet: % x", p.Data)
	} else if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("waiting for no more packets: %v", err)
	}
	return out
}

// udpPort9 is "udp dst port 9" for Ethernet (no IP options), returning snap.
func udpPort9(t *testing.T, snap uint32) []bpf.RawInstruction {
	t.Helper()
	prog, err := bpf.Assemble([]bpf.Instruction{
		bpf.LoadAbsolute{Off: 12, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 0x0800, SkipFalse: 5},
		bpf.LoadAbsolute{Off: 23, Size: 1},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 17, SkipFalse: 3},
		bpf.LoadAbsolute{Off: 36, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 9, SkipFalse: 1},
		bpf.RetConstant{Val: snap},
		bpf.RetConstant{Val: 0},
	})
	if err != nil {
		t.Fatal(err)
	}
	return prog
}

func TestFilterInKernelAndSnaplen(t *testing.T) {
	n := newTestNet(t)
	kernelprobe.RequireFilterAttach(t)
	h := n.open(context.Background(), "vb", Options{Filter: udpPort9(t, 100)})
	if h.LinkType() != linktype.EN10MB {
		t.Fatalf("LinkType %v", h.LinkType())
	}
	s := n.sender(n.ia)
	var sent [][]byte
	for i := 0; i < 20; i++ {
		port := uint16(10)
		if i%4 == 0 {
			port = 9
		}
		f := udpFrame(n.vb, n.va, port, i, 300)
		if port == 9 {
			sent = append(sent, f)
		}
		s.send(t, f)
	}
	pk := collect(t, h, len(sent))
	for i, p := range pk {
		if !bytes.Equal(p.data, sent[i][:100]) {
			t.Errorf("packet %d: got % x\nwant % x", i, p.data, sent[i][:100])
		}
		if p.length != 300 {
			t.Errorf("packet %d: length %d, want 300", i, p.length)
		}
		if p.ifindex != n.ib {
			t.Errorf("packet %d: ifindex %d, want %d", i, p.ifindex, n.ib)
		}
		if p.ts.Nanosecond()%1000 != 0 {
			t.Errorf("packet %d: timestamp %v not truncated to µs", i, p.ts)
		}
		if d := time.Since(p.ts); d < 0 || d > time.Minute {
			t.Errorf("packet %d: timestamp %v is %v away", i, p.ts, d)
		}
	}
	st, err := h.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Received != uint64(len(sent)) || st.Dropped != 0 {
		t.Errorf("Stats %+v, want Received %d Dropped 0", st, len(sent))
	}
}

func TestDefaultSnaplenAndNoFilter(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "vb", Options{Snaplen: 64, NanoTimestamps: true})
	s := n.sender(n.ia)
	f := udpFrame(n.vb, n.va, 10, 1, 1000)
	s.send(t, f)
	pk := collect(t, h, 1)
	if !bytes.Equal(pk[0].data, f[:64]) || pk[0].length != 1000 {
		t.Errorf("got %d bytes of %d: % x", len(pk[0].data), pk[0].length, pk[0].data)
	}
}

func TestDirection(t *testing.T) {
	n := newTestNet(t)
	// Capture on va: frames va sends are outgoing, frames vb sends incoming.
	for _, tc := range []struct {
		dir      Direction
		wantIn   bool
		wantOut  bool
		expected int
	}{
		{DirectionInOut, true, true, 4},
		{DirectionIn, true, false, 2},
		{DirectionOut, false, true, 2},
	} {
		t.Run(tc.dir.String(), func(t *testing.T) {
			h := n.open(context.Background(), "va", Options{Direction: tc.dir})
			sa, sb := n.sender(n.ia), n.sender(n.ib)
			out1 := udpFrame(n.vb, n.va, 9, 1, 60)
			in1 := udpFrame(n.va, n.vb, 9, 2, 60)
			out2 := udpFrame(n.vb, n.va, 9, 3, 60)
			in2 := udpFrame(n.va, n.vb, 9, 4, 60)
			sa.send(t, out1)
			sb.send(t, in1)
			sa.send(t, out2)
			sb.send(t, in2)
			pk := collect(t, h, tc.expected)
			var want [][]byte
			for _, f := range []struct {
				b   []byte
				out bool
			}{{out1, true}, {in1, false}, {out2, true}, {in2, false}} {
				if (f.out && tc.wantOut) || (!f.out && tc.wantIn) {
					want = append(want, f.b)
				}
			}
			for i, p := range pk {
				if !bytes.Equal(p.data, want[i]) {
					t.Errorf("packet %d: got % x, want % x", i, p.data, want[i])
				}
				isOut := bytes.Equal(p.data[6:12], n.va)
				if isOut != (p.pktType == PacketOutgoing) {
					t.Errorf("packet %d: PacketType %d", i, p.pktType)
				}
			}
		})
	}
}

func TestVLANTagReinserted(t *testing.T) {
	n := newTestNet(t)
	hb := n.open(context.Background(), "vb", Options{})
	ha := n.open(context.Background(), "va", Options{Direction: DirectionOut})
	s := n.sender(n.ia)
	plain := udpFrame(n.vb, n.va, 9, 7, 80)
	frames := [][]byte{
		vlanFrame(plain, 0x8100, 0x2064), // priority 1, VLAN 100
		vlanFrame(plain, 0x88a8, 0x0005), // 802.1ad
		vlanFrame(plain, 0x8100, 0x0000), // priority tag, VLAN 0
		plain,
	}
	for _, f := range frames {
		s.send(t, f)
	}
	// Received side: the kernel strips the tag, the capture puts it back.
	for i, p := range collect(t, hb, len(frames)) {
		if !bytes.Equal(p.data, frames[i]) || p.length != len(frames[i]) {
			t.Errorf("vb packet %d: got (len %d) % x\nwant % x", i, p.length, p.data, frames[i])
		}
	}
	// Sending side: the tag is still inline.
	for i, p := range collect(t, ha, len(frames)) {
		if !bytes.Equal(p.data, frames[i]) {
			t.Errorf("va packet %d: got % x\nwant % x", i, p.data, frames[i])
		}
	}
}

func TestAnySLL2AndSLL(t *testing.T) {
	n := newTestNet(t)
	h2 := n.open(context.Background(), "any", Options{})
	h1 := n.open(context.Background(), "any", Options{LinkType: linktype.LinuxSLL})
	if h2.LinkType() != linktype.LinuxSLL2 || h1.LinkType() != linktype.LinuxSLL {
		t.Fatalf("link types %v, %v", h2.LinkType(), h1.LinkType())
	}
	s := n.sender(n.ia)
	f := udpFrame(n.vb, n.va, 9, 3, 120)
	s.send(t, f)
	payload := f[14:]

	// Seen leaving va and arriving on vb.
	pk := collect(t, h2, 2)
	for _, p := range pk {
		d := p.data
		if len(d) != 20+len(payload) || !bytes.Equal(d[20:], payload) || p.length != 20+len(payload) {
			t.Fatalf("SLL2 packet: % x", d)
		}
		if binary.BigEndian.Uint16(d[0:2]) != 0x0800 || binary.BigEndian.Uint16(d[2:4]) != 0 {
			t.Errorf("SLL2 protocol/reserved: % x", d[:4])
		}
		ifx := int(binary.BigEndian.Uint32(d[4:8]))
		if ifx != p.ifindex {
			t.Errorf("SLL2 ifindex %d, CaptureInfo %d", ifx, p.ifindex)
		}
		if binary.BigEndian.Uint16(d[8:10]) != 1 || d[11] != 6 || !bytes.Equal(d[12:18], n.va) {
			t.Errorf("SLL2 hatype/halen/addr: % x", d[8:20])
		}
		switch ifx {
		case n.ia:
			if d[10] != PacketOutgoing {
				t.Errorf("va: pkttype %d", d[10])
			}
		case n.ib:
			if d[10] != PacketHost {
				t.Errorf("vb: pkttype %d", d[10])
			}
		default:
			t.Errorf("unexpected ifindex %d", ifx)
		}
	}
	if pk[0].ifindex == pk[1].ifindex {
		t.Errorf("both copies from ifindex %d", pk[0].ifindex)
	}

	pk = collect(t, h1, 2)
	for _, p := range pk {
		d := p.data
		if len(d) != 16+len(payload) || !bytes.Equal(d[16:], payload) {
			t.Fatalf("SLL packet: % x", d)
		}
		pt := binary.BigEndian.Uint16(d[0:2])
		if pt != PacketOutgoing && pt != PacketHost {
			t.Errorf("SLL pkttype %d", pt)
		}
		if binary.BigEndian.Uint16(d[2:4]) != 1 || binary.BigEndian.Uint16(d[4:6]) != 6 ||
			!bytes.Equal(d[6:12], n.va) || binary.BigEndian.Uint16(d[14:16]) != 0x0800 {
			t.Errorf("SLL header % x", d[:16])
		}
	}
}

func TestAnyCookedFilterAndVLAN(t *testing.T) {
	n := newTestNet(t)
	kernelprobe.RequireFilterAttach(t)
	// For LINUX_SLL2: ifindex == vb and protocol == 0x8100-stripped IPv4.
	prog2, _ := bpf.Assemble([]bpf.Instruction{
		bpf.LoadAbsolute{Off: 4, Size: 4},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: uint32(n.ib), SkipFalse: 3},
		bpf.LoadAbsolute{Off: 0, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 0x0800, SkipFalse: 1},
		bpf.RetConstant{Val: 262144},
		bpf.RetConstant{Val: 0},
	})
	// For LINUX_SLL: incoming only (pkttype != 4), UDP dst port 9.
	prog1, _ := bpf.Assemble([]bpf.Instruction{
		bpf.LoadAbsolute{Off: 0, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 4, SkipTrue: 3},
		bpf.LoadAbsolute{Off: 16 + 22, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 9, SkipFalse: 1},
		bpf.RetConstant{Val: 262144},
		bpf.RetConstant{Val: 0},
	})
	h2 := n.open(context.Background(), "any", Options{Filter: prog2})
	h1 := n.open(context.Background(), "any", Options{FilterFor: func(lt linktype.Type) ([]bpf.RawInstruction, error) {
		if lt != linktype.LinuxSLL {
			t.Errorf("FilterFor(%v)", lt)
		}
		return prog1, nil
	}, LinkType: linktype.LinuxSLL})
	s := n.sender(n.ia)
	a := udpFrame(n.vb, n.va, 9, 1, 90)
	b := udpFrame(n.vb, n.va, 10, 2, 90)
	tagged := vlanFrame(a, 0x8100, 0x0123)
	s.send(t, a)
	s.send(t, b)
	s.send(t, tagged)

	pk := collect(t, h2, 3)
	for i, want := range [][]byte{a, b, a} { // SLL2: no VLAN re-insertion (as libpcap)
		if !bytes.Equal(pk[i].data[20:], want[14:]) || pk[i].ifindex != n.ib {
			t.Errorf("SLL2 packet %d: % x", i, pk[i].data)
		}
	}
	pk = collect(t, h1, 2)
	if !bytes.Equal(pk[0].data[16:], a[14:]) || binary.BigEndian.Uint16(pk[0].data[14:16]) != 0x0800 {
		t.Errorf("SLL packet 0: % x", pk[0].data)
	}
	// SLL with VLAN: the tag goes between the header and the payload, the
	// protocol field becomes the TPID.
	wantTagged := append(append([]byte{}, pk[0].data[:14]...), 0x81, 0x00, 0x01, 0x23, 0x08, 0x00)
	wantTagged = append(wantTagged, a[14:]...)
	if !bytes.Equal(pk[1].data, wantTagged) || pk[1].length != len(wantTagged) {
		t.Errorf("SLL VLAN packet:\n got % x\nwant % x", pk[1].data, wantTagged)
	}
}

func TestAnySLLVLANIncoming(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "any", Options{LinkType: linktype.LinuxSLL, Direction: DirectionIn})
	f := udpFrame(n.vb, n.va, 9, 1, 70)
	n.sender(n.ia).send(t, vlanFrame(f, 0x8100, 0x0123))
	pk := collect(t, h, 1)
	want := []byte{0, 0, 0, 1, 0, 6, 2, 0, 0, 0, 0, 0x0a, 0, 0, 0x81, 0x00, 0x01, 0x23, 0x08, 0x00}
	want = append(want, f[14:]...)
	if !bytes.Equal(pk[0].data, want) || pk[0].length != len(want) || pk[0].ifindex != n.ib {
		t.Errorf("got  % x\nwant % x", pk[0].data, want)
	}
}

func TestLoopbackSeenOnce(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "lo", Options{})
	ha := n.open(context.Background(), "any", Options{})
	s := n.sender(n.lo)
	zero := make([]byte, 6)
	f1 := udpFrame(zero, zero, 9, 1, 70)
	f2 := udpFrame(zero, zero, 9, 2, 70)
	s.send(t, f1)
	s.send(t, f2)
	pk := collect(t, h, 2)
	if !bytes.Equal(pk[0].data, f1) || !bytes.Equal(pk[1].data, f2) {
		t.Errorf("lo packets: % x / % x", pk[0].data, pk[1].data)
	}
	pk = collect(t, ha, 2)
	for _, p := range pk {
		if p.pktType == PacketOutgoing || p.ifindex != n.lo {
			t.Errorf("any on lo: type %d ifindex %d", p.pktType, p.ifindex)
		}
	}
}

func TestStatsCountDrops(t *testing.T) {
	n := newTestNet(t)
	// Two 4 KiB blocks, 128-byte snaplen: each block holds ~20 packets.
	h := n.open(context.Background(), "vb", Options{Snaplen: 128, BlockSize: 4096, BufferSize: 8192, BlockTimeout: time.Millisecond})
	if h.BufferSize() != 8192 || h.BlockSize() != 4096 {
		t.Fatalf("ring %d/%d", h.BufferSize(), h.BlockSize())
	}
	s := n.sender(n.ia)
	const sent = 300
	for i := 0; i < sent; i++ {
		s.send(t, udpFrame(n.vb, n.va, 9, i, 100))
	}
	time.Sleep(50 * time.Millisecond)
	read := 0
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	for {
		err := h.ReadBlock(ctx, func(b *Block) error {
			for b.Next() {
				read++
			}
			return nil
		})
		if errors.Is(err, context.DeadlineExceeded) {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	st, err := h.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if st.Received != sent || st.Dropped == 0 || st.Received-st.Dropped != uint64(read) {
		t.Errorf("Stats %+v, read %d, sent %d", st, read, sent)
	}
	// Clear-on-read in the kernel, accumulated here.
	st2, _ := h.Stats()
	if st2 != st {
		t.Errorf("second Stats %+v, first %+v", st2, st)
	}
	h.Close()
	st3, _ := h.Stats()
	if st3.Received != st.Received {
		t.Errorf("Stats after Close %+v", st3)
	}
}

func TestGopacketReadersAndShutdown(t *testing.T) {
	n := newTestNet(t)
	ctx, cancel := context.WithCancel(context.Background())
	h := n.open(ctx, "vb", Options{})
	s := n.sender(n.ia)
	f := udpFrame(n.vb, n.va, 9, 1, 64)
	s.send(t, f)
	s.send(t, f)
	data, ci, err := h.ReadPacketData()
	if err != nil || !bytes.Equal(data, f) || ci.CaptureLength != 64 || ci.Length != 64 {
		t.Fatalf("ReadPacketData: %v % x %+v", err, data, ci)
	}
	time.Sleep(50 * time.Millisecond) // let the second block retire
	cancel()
	// Cancelled, but a packet is still ready: it is delivered first.
	data, _, err = h.ZeroCopyReadPacketData()
	if err != nil || !bytes.Equal(data, f) {
		t.Fatalf("ZeroCopyReadPacketData after cancel: %v % x", err, data)
	}
	if _, _, err = h.ZeroCopyReadPacketData(); err != io.EOF {
		t.Fatalf("after drain: %v, want io.EOF", err)
	}
}

func TestCloseWakesBlockedReader(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "vb", Options{})
	done := make(chan error)
	go func() {
		_, err := h.ReadPacket(context.Background())
		done <- err
	}()
	time.Sleep(50 * time.Millisecond)
	h.Close()
	select {
	case err := <-done:
		if !errors.Is(err, ErrClosed) {
			t.Errorf("blocked reader got %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not wake the reader")
	}
	if _, _, err := h.ReadPacketData(); err != io.EOF {
		t.Errorf("ReadPacketData after Close: %v", err)
	}
	if err := h.SetFilter(nil); !errors.Is(err, ErrClosed) {
		t.Errorf("SetFilter after Close: %v", err)
	}
}

// TestInterfaceDownAndRemoved: an interface that goes down only pauses
// the capture (packets come again once it is up, as with libpcap); one
// that is deleted ends it with ErrInterfaceRemoved instead of leaving the
// reader waiting forever.
func TestInterfaceDownAndRemoved(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "vb", Options{})
	got := make(chan error, 4)
	go func() {
		for {
			p, err := h.ReadPacket(context.Background())
			if err != nil {
				got <- err
				return
			}
			if p.Length == 99 {
				got <- nil
			}
		}
	}()
	time.Sleep(50 * time.Millisecond)
	run(t, "ip", "-n", n.name, "link", "set", "vb", "down")
	time.Sleep(100 * time.Millisecond)
	run(t, "ip", "-n", n.name, "link", "set", "vb", "up")
	n.waitRunning("vb")
	n.sender(n.ia).send(t, udpFrame(n.vb, n.va, 9, 1, 99))
	select {
	case err := <-got:
		if err != nil {
			t.Fatalf("after down and up: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no packet 5 s after the interface came back up")
	}
	run(t, "ip", "-n", n.name, "link", "del", "vb")
	select {
	case err := <-got:
		if !errors.Is(err, ErrInterfaceRemoved) || err.Error() != "vb: The interface disappeared" {
			t.Errorf("reader got %v, want ErrInterfaceRemoved", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the reader still waits 5 s after the interface was deleted")
	}
}

// TestInterfaceDownThenRemoved: deleting an interface that is already
// down raises no error on the socket; the reader finds out within about
// a second all the same.
func TestInterfaceDownThenRemoved(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "vb", Options{})
	got := make(chan error, 1)
	go func() {
		_, err := h.ReadPacket(context.Background())
		got <- err
	}()
	time.Sleep(50 * time.Millisecond)
	run(t, "ip", "-n", n.name, "link", "set", "vb", "down")
	time.Sleep(200 * time.Millisecond)
	run(t, "ip", "-n", n.name, "link", "del", "vb")
	select {
	case err := <-got:
		if !errors.Is(err, ErrInterfaceRemoved) {
			t.Errorf("reader got %v, want ErrInterfaceRemoved", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the reader still waits 5 s after the interface was deleted")
	}
}

func TestCloseInsideReadBlock(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "vb", Options{})
	n.sender(n.ia).send(t, udpFrame(n.vb, n.va, 9, 1, 64))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	err := h.ReadBlock(ctx, func(b *Block) error {
		h.Close() // must not deadlock nor unmap the block under us
		for b.Next() {
			_ = b.Packet().Data[0]
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := h.ReadBlock(ctx, func(*Block) error { return nil }); !errors.Is(err, ErrClosed) {
		t.Errorf("after Close: %v", err)
	}
}

func TestSetFilter(t *testing.T) {
	n := newTestNet(t)
	kernelprobe.RequireFilterAttach(t)
	h := n.open(context.Background(), "vb", Options{Filter: udpPort9(t, 262144)})
	s := n.sender(n.ia)
	s.send(t, udpFrame(n.vb, n.va, 10, 1, 64))
	s.send(t, udpFrame(n.vb, n.va, 9, 2, 64))
	if pk := collect(t, h, 1); pk[0].data[36+1] != 9 {
		t.Errorf("got % x", pk[0].data)
	}
	if err := h.SetFilter(nil); err != nil {
		t.Fatal(err)
	}
	s.send(t, udpFrame(n.vb, n.va, 10, 3, 64))
	collect(t, h, 1)
	bad := []bpf.RawInstruction{{Op: 0x20}} // ld [0] with no ret after it
	if err := h.SetFilter(bad); !errors.Is(err, ErrFilter) {
		t.Errorf("bad filter: %v", err)
	}
}

func TestSetFilterRefiltersQueuedPackets(t *testing.T) {
	n := newTestNet(t)
	h := n.open(context.Background(), "vb", Options{})
	s := n.sender(n.ia)
	var want [][]byte
	for i := 0; i < 6; i++ {
		f := udpFrame(n.vb, n.va, uint16(9+i%2), i, 80)
		if i%2 == 0 {
			want = append(want, f[:50])
		}
		s.send(t, f)
	}
	time.Sleep(50 * time.Millisecond) // all six are in the ring now
	// Queued packets went through the old (accept-all) filter; the new
	// one is applied to them in user space, snap length included.
	if err := h.SetFilter(udpPort9(t, 50)); err != nil {
		t.Fatal(err)
	}
	pk := collect(t, h, len(want))
	for i := range pk {
		if !bytes.Equal(pk[i].data, want[i]) {
			t.Errorf("packet %d: % x", i, pk[i].data)
		}
	}
	// Checked before it reaches the kernel.
	err := h.SetFilter([]bpf.RawInstruction{{Op: 0x20}})
	if !errors.Is(err, ErrFilter) || !strings.Contains(err.Error(), "vb: filter cannot be used (filter check: ") {
		t.Errorf("bad filter: %v", err)
	}
}

func TestOpenErrors(t *testing.T) {
	n := newTestNet(t)
	var err error
	n.do(func() { _, err = Open(context.Background(), "nosuch0", Options{}) })
	if !errors.Is(err, ErrNoSuchDevice) || err.Error() != "nosuch0: No such device exists (SIOCGIFINDEX: No such device)" {
		t.Errorf("unknown interface: %v", err)
	}
	_, err = Open(context.Background(), "a-name-much-too-long-for-linux", Options{})
	if !errors.Is(err, ErrNoSuchDevice) {
		t.Errorf("long name: %v", err)
	}
	n.do(func() { _, err = Open(context.Background(), "vb", Options{LinkType: linktype.LinuxSLL2}) })
	if !errors.Is(err, ErrLinkType) {
		t.Errorf("SLL2 on Ethernet: %v", err)
	}
	// Drop every capability of this thread only, then try.
	n.do(func() {
		hdr := unix.CapUserHeader{Version: unix.LINUX_CAPABILITY_VERSION_3}
		var data [2]unix.CapUserData
		if e := unix.Capset(&hdr, &data[0]); e != nil {
			t.Errorf("capset: %v", e)
			return
		}
		_, err = Open(context.Background(), "vb", Options{})
	})
	want := "vb: You don't have permission to perform this capture on that device (socket: Operation not permitted - CAP_NET_RAW may be required)"
	if !errors.Is(err, ErrPermission) || !errors.Is(err, unix.EPERM) || err.Error() != want {
		t.Errorf("without capabilities: %v", err)
	}
}

func TestInterfacesAndLinkTypes(t *testing.T) {
	n := newTestNet(t)
	var list []Interface
	var err error
	var lt, ltAny []linktype.Type
	n.do(func() {
		list, err = Interfaces()
		lt, _ = LinkTypes("va")
		ltAny, _ = LinkTypes("any")
	})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, i := range list {
		names = append(names, i.String())
	}
	if len(names) < 2 {
		t.Fatalf("Interfaces: %q", names)
	}
	if names[0] > names[1] { // the two veth ends come in index order
		names[0], names[1] = names[1], names[0]
	}
	want := []string{"va [Up, Running, Connected]", "vb [Up, Running, Connected]",
		"any (Pseudo-device that captures on all interfaces) [Up, Running]", "lo [Up, Running, Loopback]"}
	if len(names) != len(want) {
		t.Fatalf("Interfaces: %q", names)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Errorf("Interfaces[%d] = %q, want %q", i, names[i], want[i])
		}
	}
	if len(lt) != 2 || lt[0] != linktype.EN10MB || lt[1] != linktype.DOCSIS {
		t.Errorf("LinkTypes(va) = %v", lt)
	}
	if len(ltAny) != 2 || ltAny[0] != linktype.LinuxSLL2 {
		t.Errorf("LinkTypes(any) = %v", ltAny)
	}
}
