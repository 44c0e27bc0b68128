package printer

import (
	"encoding/hex"
	"io"
	"testing"
)

// FuzzPrint feeds arbitrary bytes to every link type with several option
// sets: printing must never panic, whatever the packet.
func FuzzPrint(f *testing.F) {
	f.Add(uint8(0), []byte{0x45, 0, 0, 20, 0, 0, 0, 0, 64, 6, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8})
	f.Add(uint8(1), make([]byte, 60))
	f.Add(uint8(2), []byte{0x60, 0, 0, 0, 0, 8, 17, 64})
	for _, c := range ip6ExtCases {
		// Raw IPv6 (selector 3), plain and -v.
		if pkt, err := hex.DecodeString(c.hex); err == nil {
			f.Add(uint8(3), pkt)
			f.Add(uint8(3+8), pkt)
		}
	}
	for _, c := range tcpAppCases {
		// Raw IPv4 (selector 2) TCP segments for the text protocols.
		f.Add(uint8(2), appSegment(c.sport, c.dport, c.payload))
		f.Add(uint8(2+8), appSegment(c.sport, c.dport, c.payload))
	}
	f.Fuzz(func(t *testing.T, sel uint8, data []byte) {
		links := []LinkType{LinkEthernet, LinkRaw, LinkIPv4, LinkIPv6, LinkLinuxSLL, LinkLinuxSLL2, LinkNull, LinkLoop}
		opts := []Options{{}, {Verbose: 1}, {Verbose: 3, LinkHeader: true}, {Quiet: true, Hex: 1}, {HexASCII: 2, Verbose: 2}, {ASCII: 1, AbsoluteSeq: true},
			{Verbose: 1, Type: PacketTypeRTP, NoLineBreak: true, Lengths: true}, {Verbose: 2, Type: PacketTypeDomain}}
		p := New(io.Discard, links[int(sel)%len(links)], opts[int(sel/8)%len(opts)])
		ci := CaptureInfo{Seconds: 1, Fraction: 2, Length: len(data) + int(sel)}
		p.Print(ci, data)
		p.Print(ci, data)
	})
}
