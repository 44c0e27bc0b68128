package printer

import (
	"bytes"
	"encoding/hex"
	"strings"
	"testing"
)

// ip6ExtCases are raw IPv6 packets with extension headers the corpus does
// not cover, with the lines tcpdump's development branch prints for them
// (the parts 4.99.3 prints the same way were checked against it; the
// IPv6 -v header, "unknown opt-type" and "[length N]" are newer forms).
var ip6ExtCases = []struct {
	name, hex, plain, verbose string
}{
	{
		"hop-by-hop router alert",
		"600000000014004020010db800000000000000000000000120010db80000000000000000000000023a0005020000010080004d481234000161626364",
		"IP6 2001:db8::1 > 2001:db8::2: HBH ICMP6, echo request, id 4660, seq 1, length 12",
		"IP6 (hlim 64, next-header HBH (0), payload length 20) 2001:db8::1 > 2001:db8::2: HBH (rtalert: 0x0000) (padn) [icmp6 sum ok] ICMP6, echo request, id 4660, seq 1",
	},
	{
		"destination options",
		"6000000000153c4020010db800000000000000000000000120010db8000000000000000000000002110001040000000004d2162e000d458d68656c6c6f",
		"IP6 2001:db8::1 > 2001:db8::2: DSTOPT 1234 > 5678: UDP, length 5",
		"IP6 (hlim 64, next-header DSTOPT (60), payload length 21) 2001:db8::1 > 2001:db8::2: DSTOPT (padn) 1234 > 5678: [udp sum ok] UDP, length 5",
	},
	{
		// The TCP checksum is over the home address, the final destination.
		"routing type 2",
		"60000000002c2b4020010db800000000000000000000000120010db8000000000000000000000002060202010000000020010db800000000000000000000009904d20050000003e800000000500220002acd0000",
		"IP6 2001:db8::1 > 2001:db8::2: RT6 (len=2, type=2, segleft=1, [0]2001:db8::99) 1234 > 80: Flags [S], seq 1000, win 8192, length 0",
		"IP6 (hlim 64, next-header Routing (43), payload length 44) 2001:db8::1 > 2001:db8::2: RT6 (len=2, type=2, segleft=1, rsv=0x0, [0]2001:db8::99) 1234 > 80: Flags [S], cksum 0x2acd (correct), seq 1000, win 8192, length 0",
	},
	{
		"home address option",
		"6000000000243c4020010db800000000000000000000000120010db80000000000000000000000023a0201020000c91020010db800000000000000000000009980004d481234000161626364",
		"IP6 2001:db8::1 > 2001:db8::2: DSTOPT ICMP6, echo request, id 4660, seq 1, length 12",
		"IP6 (hlim 64, next-header DSTOPT (60), payload length 36) 2001:db8::1 > 2001:db8::2: DSTOPT (padn)(homeaddr: 2001:db8::99) [icmp6 sum ok] ICMP6, echo request, id 4660, seq 1",
	},
	{
		"home address option with sub-options",
		"60000000002c3c4020010db800000000000000000000000120010db80000000000000000000000023a0301020000c91620010db800000000000000000000009900010077000001" + "0080004d481234000161626364",
		"IP6 2001:db8::1 > 2001:db8::2: DSTOPT ICMP6, echo request, id 4660, seq 1, length 12",
		"IP6 (hlim 64, next-header DSTOPT (60), payload length 44) 2001:db8::1 > 2001:db8::2: DSTOPT (padn)(homeaddr: 2001:db8::99, pad1, padn, unknown subopt-type 0x77 len=0, pad1)(padn) [icmp6 sum ok] ICMP6, echo request, id 4660, seq 1",
	},
	{
		"hop-by-hop, destination options and first fragment",
		"600000000025004020010db800000000000000000000000120010db80000000000000000000000023c000104000000002c00010400000000110000010000002a04d2162e000d458d68656c6c6f",
		"IP6 2001:db8::1 > 2001:db8::2: HBH DSTOPT frag (0|13) 1234 > 5678: UDP, length 5",
		"IP6 (hlim 64, next-header HBH (0), payload length 37) 2001:db8::1 > 2001:db8::2: HBH (padn) DSTOPT (padn) frag (0x0000002a:0|13) 1234 > 5678: UDP, length 5",
	},
	{
		"unknown option and pad1",
		"600000000014004020010db800000000000000000000000120010db80000000000000000000000023a003e020102000080004d481234000161626364",
		"IP6 2001:db8::1 > 2001:db8::2: HBH ICMP6, echo request, id 4660, seq 1, length 12",
		"IP6 (hlim 64, next-header HBH (0), payload length 20) 2001:db8::1 > 2001:db8::2: HBH (unknown opt-type 0x3e len=2)(pad1)(pad1) [icmp6 sum ok] ICMP6, echo request, id 4660, seq 1",
	},
	{
		"hop-by-hop after another header",
		"60000000001c3c4020010db800000000000000000000000120010db800000000000000000000000200000104000000003a0001040000000080004d481234000161626364",
		"IP6 2001:db8::1 > 2001:db8::2: DSTOPT [The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)",
		"IP6 (hlim 64, next-header DSTOPT (60), payload length 28) 2001:db8::1 > 2001:db8::2: DSTOPT (padn) [The Hop-by-Hop Options header don't follow the IPv6 header] (invalid)",
	},
	{
		"type 0 routing header of odd length",
		"60000000001c2b4020010db800000000000000000000000120010db80000000000000000000000023a01000100000000000000000000000080004d481234000161626364",
		"IP6 2001:db8::1 > 2001:db8::2: RT6 (len=1, type=0 [Deprecated], segleft=1 [length 1] (invalid)",
		"IP6 (hlim 64, next-header Routing (43), payload length 28) 2001:db8::1 > 2001:db8::2: RT6 (len=1, type=0 [Deprecated], segleft=1, rsv=0x0 [length 1] (invalid)",
	},
	{
		"unknown routing type",
		"6000000000142b4020010db800000000000000000000000120010db80000000000000000000000023a0003000000000080004d481234000161626364",
		"IP6 2001:db8::1 > 2001:db8::2: RT6 (len=0, type=3, segleft=0 (unknown type) (invalid)",
		"IP6 (hlim 64, next-header Routing (43), payload length 20) 2001:db8::1 > 2001:db8::2: RT6 (len=0, type=3, segleft=0 (unknown type) (invalid)",
	},
	{
		"segment routing header with an unknown TLV",
		"6000000000202b4020010db800000000000000000000000120010db80000000000000000000000023b03040000000000cafe000100000000000000000000000209020a0b00000000",
		"IP6 2001:db8::1 > 2001:db8::2: RT6 (len=3, type=4, segleft=0, last-entry=0, tag=0, [0]cafe:1::2, TLV-type=Unknown(9), TLV-len=2, TLV-type=Pad1(0), TLV-type=Pad1(0), TLV-type=Pad1(0), TLV-type=Pad1(0)) no next header",
		"IP6 (hlim 64, next-header Routing (43), payload length 32) 2001:db8::1 > 2001:db8::2: RT6 (len=3, type=4, segleft=0, last-entry=0, flags=0x0, tag=0, [0]cafe:1::2, TLV-type=Unknown(9), TLV-len=2, TLV-value=0x0a0b, TLV-type=Pad1(0), TLV-type=Pad1(0), TLV-type=Pad1(0), TLV-type=Pad1(0)) no next header",
	},
	{
		"mobility binding update",
		"6000000000108740" + "20010db8000000000000000000000001" + "20010db8000000000000000000000002" + "3b0105000000" + "03e8" + "c0000e10" + "00010000",
		"IP6 2001:db8::1 > 2001:db8::2: mobility: BU seq#=1000 AH lifetime=14400",
		"IP6 (hlim 64, next-header Mobility (135), payload length 16) 2001:db8::1 > 2001:db8::2: mobility: BU seq#=1000 AH lifetime=14400(pad1)(padn)(pad1)",
	},
	{
		"mobility header too short for its type",
		"6000000000088740" + "20010db8000000000000000000000001" + "20010db8000000000000000000000002" + "3b00070000000000",
		"IP6 2001:db8::1 > 2001:db8::2: mobility: BE (header length 8 < 24) (invalid)",
		"IP6 (hlim 64, next-header Mobility (135), payload length 8) 2001:db8::1 > 2001:db8::2: mobility: BE (header length 8 < 24) (invalid)",
	},
}

func TestIPv6ExtensionHeaders(t *testing.T) {
	for _, c := range ip6ExtCases {
		pkt, err := hex.DecodeString(c.hex)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for verbose, want := range []string{c.plain, c.verbose} {
			var out bytes.Buffer
			p := New(&out, LinkIPv6, Options{Timestamp: TimestampNone, Verbose: verbose})
			if err := p.Print(CaptureInfo{Length: len(pkt)}, pkt); err != nil {
				t.Fatal(err)
			}
			p.Flush()
			if got := strings.TrimSuffix(out.String(), "\n"); got != want {
				t.Errorf("%s, -v=%d:\n got: %s\nwant: %s", c.name, verbose, got, want)
			}
		}
	}
}
