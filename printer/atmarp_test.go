package printer

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// TestATMARP checks ATM ARP packets (Ethernet frames) against the lines
// tcpdump 4.99.3 prints for them, which the development branch prints
// the same way. The Inverse Reply's missing space before "at" is
// tcpdump's.
func TestATMARP(t *testing.T) {
	cases := []struct{ hex, want string }{
		{"ffffffffffff00000000000108060013080054000001041400040102030405060708090a0b0c0d0e0f10111213140a000001808182838485868788898a8b8c8d8e8f909192930a000002",
			"ARP, Request who-has 10.0.0.2 (80:81:82:83:84:85:86:87:88:89:8a:8b:8c:8d:8e:8f:90:91:92:93) tell 10.0.0.1, length 60"},
		{"ffffffffffff00000000000108060013080054030002041400040102030405060708090a0b0c0d0e0f10111213143031320a000001808182838485868788898a8b8c8d8e8f909192930a000002",
			"ARP, Reply 10.0.0.1 is-at 01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14,30:31:32, length 63"},
		{"ffffffffffff00000000000108060013080054000008040000040102030405060708090a0b0c0d0e0f10111213140a0000010a000002",
			"ARP, Inverse Request who-is <No address> tell 01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14, length 40"},
		{"ffffffffffff00000000000108060013080054000009041400040102030405060708090a0b0c0d0e0f10111213140a000001808182838485868788898a8b8c8d8e8f909192930a000002",
			"ARP, Inverse Reply 01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0e:0f:10:11:12:13:14at 10.0.0.1, length 60"},
		{"ffffffffffff0000000000010806001308005400000a041400040102030405060708090a0b0c0d0e0f10111213140a000001808182838485868788898a8b8c8d8e8f909192930a000002",
			"ARP, NACK Reply for 10.0.0.1, length 60"},
		{"ffffffffffff00000000000108060013080054000001041400040102030405060708090a0b0c0d0e0f1011121314",
			" [|arp]"}, // cut inside the addresses
	}
	for _, c := range cases {
		pkt, err := hex.DecodeString(c.hex)
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		p := New(&out, LinkEthernet, Options{Timestamp: TimestampNone})
		p.Print(CaptureInfo{Length: len(pkt)}, pkt)
		p.Flush()
		if got := strings.TrimSuffix(out.String(), "\n"); got != c.want {
			t.Errorf("\n got: %s\nwant: %s", got, c.want)
		}
	}
}
