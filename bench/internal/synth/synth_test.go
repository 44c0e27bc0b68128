package synth

import (
	"bytes"
	"testing"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"

	"github.com/gocapdump/gocapdump/pcapfile"
)

func TestDeterministic(t *testing.T) {
	var a, b bytes.Buffer
	if err := Write(&a, 5000, 7); err != nil {
		t.Fatal(err)
	}
	if err := Write(&b, 5000, 7); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatal("two files from the same seed differ")
	}
	var c bytes.Buffer
	if err := Write(&c, 5000, 8); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a.Bytes(), c.Bytes()) {
		t.Fatal("different seeds gave the same file")
	}
}

// TestFramesDecode checks every frame with gopacket: sizes in the
// Ethernet range, no layer that fails to decode, correct IPv4 header
// checksums, and each kind of traffic present.
func TestFramesDecode(t *testing.T) {
	g := New(1)
	seen := map[gopacket.LayerType]int{}
	var lastSec, lastNsec int64
	for i := 0; i < 50000; i++ {
		ci, frame := g.Next()
		if len(frame) < minFrame || len(frame) > maxFrame || ci.Length != len(frame) || ci.CaptureLength != len(frame) {
			t.Fatalf("frame %d: %d bytes, ci %+v", i, len(frame), ci)
		}
		if ci.Sec < lastSec || ci.Sec == lastSec && ci.Nsec <= lastNsec {
			t.Fatalf("frame %d: time stamp %d.%09d not after %d.%09d", i, ci.Sec, ci.Nsec, lastSec, lastNsec)
		}
		lastSec, lastNsec = ci.Sec, ci.Nsec
		p := gopacket.NewPacket(frame, layers.LayerTypeEthernet, gopacket.Default)
		if el := p.ErrorLayer(); el != nil {
			t.Fatalf("frame %d: %v\n% x", i, el.Error(), frame)
		}
		for _, l := range p.Layers() {
			seen[l.LayerType()]++
		}
		if ip, ok := p.Layer(layers.LayerTypeIPv4).(*layers.IPv4); ok {
			if c := fold(sum(0, frame[14:14+20])); c != 0xffff {
				t.Fatalf("frame %d: bad IPv4 header checksum %#04x (%v)", i, ip.Checksum, ip.SrcIP)
			}
		}
	}
	for _, lt := range []gopacket.LayerType{
		layers.LayerTypeIPv4, layers.LayerTypeIPv6, layers.LayerTypeTCP, layers.LayerTypeUDP,
		layers.LayerTypeDNS, layers.LayerTypeICMPv4, layers.LayerTypeICMPv6, layers.LayerTypeARP,
		layers.LayerTypeICMPv6NeighborSolicitation, layers.LayerTypeICMPv6Echo,
	} {
		if seen[lt] == 0 {
			t.Errorf("no %v frames", lt)
		}
	}
}

// TestReadBack reads a written file with pcapfile.
func TestReadBack(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, 1000, 1); err != nil {
		t.Fatal(err)
	}
	r, err := pcapfile.NewReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if r.LinkType() != LinkTypeEthernet {
		t.Fatalf("link type %d", r.LinkType())
	}
	n := 0
	var ci pcapfile.CaptureInfo
	for {
		if _, err := r.ReadPacket(&ci); err != nil {
			break
		}
		n++
	}
	if n != 1000 {
		t.Fatalf("read %d packets, want 1000", n)
	}
}
