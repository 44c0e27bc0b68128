package printer

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"testing"
)

// TestRTP checks -T rtp against what tcpdump 4.99.3 prints for the same
// UDP payloads (the RTP printer is unchanged in the development branch).
func TestRTP(t *testing.T) {
	cases := []struct{ payload, plain, verbose string }{
		{"800804d200027100deadbeef000000000000000000000000000000000000000000000000", "udp/rtp 24 c8  1234 160000", "udp/rtp 24 c8  1234 160000 3735928559"},
		{"90e000070000000500000006bede00010000000000000000", "udp/rtp 12 c96 +* 7 5", "udp/rtp 12 c96 +* 7 5 6"},
		{"901f00070000000500000006000000001234567800000000", "udp/rtp 12 c31 + 7 5", "udp/rtp 12 c31 + 7 5 6 0x1234"},
		{"409f0009000000010000000280010000abcd000000000000", "udp/rtpv1 16 c31 + 9 1", "udp/rtpv1 16 c31 + 9 1 2 !opt"},
		{"80000000000000010000", "udp/rtp, length 10 < 12", "udp/rtp, length 10 < 12"},
		{"0000000000", "udp/rtp, length 5 < 8", "udp/rtp, length 5 < 8"},
		{"9008000100000005000000060000ffff0000000000000000", "udp/rtp 12 c8 + 1 5", "udp/rtp 12 c8 + 1 5 6 !ext"},
	}
	for _, c := range cases {
		payload, err := hex.DecodeString(c.payload)
		if err != nil {
			t.Fatal(err)
		}
		pkt := make([]byte, 28+len(payload))
		pkt[0] = 0x45
		binary.BigEndian.PutUint16(pkt[2:], uint16(len(pkt)))
		pkt[8], pkt[9] = 64, protoUDP
		copy(pkt[12:], []byte{10, 0, 0, 1, 10, 0, 0, 2})
		binary.BigEndian.PutUint16(pkt[20:], 5004)
		binary.BigEndian.PutUint16(pkt[22:], 5006)
		binary.BigEndian.PutUint16(pkt[24:], uint16(8+len(payload)))
		copy(pkt[28:], payload)
		for verbose, want := range []string{c.plain, c.verbose} {
			var out bytes.Buffer
			p := New(&out, LinkIPv4, Options{Timestamp: TimestampNone, Verbose: verbose, Type: PacketTypeRTP})
			p.Print(CaptureInfo{Length: len(pkt)}, pkt)
			p.Flush()
			got := strings.TrimSuffix(out.String(), "\n")
			if i := strings.Index(got, "5006: "); i >= 0 {
				got = got[i+len("5006: "):]
			}
			if got != want {
				t.Errorf("%s -v=%d:\n got: %s\nwant: %s", c.payload, verbose, got, want)
			}
		}
	}
}
