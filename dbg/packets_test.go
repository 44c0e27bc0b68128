package dbg

import (
	"bytes"
	"encoding/binary"
	"io"
	"io/fs"
	"testing"

	"github.com/gocapdump/gocapdump/pcapfile"
)

// testPackets are four hand-built Ethernet frames: an ARP request, a TCP
// SYN to port 22, a DNS query cut to 34 captured bytes, and an 802.1Q
// tagged IPv4 ICMP echo.
func testPackets() [][]byte {
	eth := func(dst, src string, typ uint16) []byte {
		b := append([]byte(dst), src...)
		return binary.BigEndian.AppendUint16(b, typ)
	}
	bcast := "\xff\xff\xff\xff\xff\xff"
	a := "\x00\x14\xa4\x43\x78\x69"
	b := "\x00\x19\xcb\x55\x55\xa4"
	ipv4 := func(proto byte, payload []byte) []byte {
		h := []byte{0x45, 0, 0, 0, 0x12, 0x34, 0x40, 0, 64, proto, 0, 0, 10, 59, 1, 38, 10, 59, 1, 1}
		binary.BigEndian.PutUint16(h[2:], uint16(20+len(payload)))
		return append(h, payload...)
	}
	arp := append(eth(bcast, a, 0x0806),
		0, 1, 8, 0, 6, 4, 0, 1, 0x00, 0x14, 0xa4, 0x43, 0x78, 0x69, 10, 59, 1, 38,
		0, 0, 0, 0, 0, 0, 10, 59, 1, 1)
	syn := append(eth(b, a, 0x0800), ipv4(6, []byte{
		0xc3, 0x50, 0, 22, 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02, 0xff, 0xff, 0, 0, 0, 0})...)
	dns := append(eth(b, a, 0x0800), ipv4(17, []byte{
		0xd4, 0x31, 0, 53, 0, 26, 0, 0, 0xab, 0xcd, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0,
		3, 'c', 'o', 'm', 0, 0, 1, 0, 1})...)
	vlan := append(eth(b, a, 0x8100), 0x20, 0x64, 0x08, 0x00)
	vlan = append(vlan, ipv4(1, []byte{8, 0, 0xf7, 0xfe, 0, 1, 0, 0})...)
	return [][]byte{arp, syn, dns, vlan}
}

// writeTestPcap writes testPackets as an Ethernet savefile in the given
// format, the third packet captured with only its first 34 bytes.
func writeTestPcap(t testing.TB, w io.Writer, opt pcapfile.WriterOptions) {
	t.Helper()
	opt.LinkType, opt.Snaplen = 1, 65535
	pw, err := pcapfile.NewWriter(w, opt)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range testPackets() {
		ci := pcapfile.CaptureInfo{Sec: 1700000000 + int64(i), Length: len(p)}
		if i == 2 {
			p = p[:34]
		}
		if err := pw.WritePacket(ci, p); err != nil {
			t.Fatal(err)
		}
	}
	if err := pw.Close(); err != nil {
		t.Fatal(err)
	}
}

// testOpen returns an Options.Open serving the test packets as
// "test.pcap", "test-ns.pcap" (nanosecond), "test.pcapng", "cut.pcap" (the
// pcap cut short inside its last record), "empty.pcap" (a header and no
// packets) and "garbage.pcap" (no capture file at all).
func testOpen(t testing.TB) func(string) (io.ReadCloser, error) {
	files := map[string][]byte{
		"garbage.pcap": []byte("this is not a capture file at all"),
	}
	for name, opt := range map[string]pcapfile.WriterOptions{
		"test.pcap":    {},
		"test-ns.pcap": {Nanosecond: true},
		"test.pcapng":  {Format: pcapfile.FormatPcapNG},
	} {
		var b bytes.Buffer
		writeTestPcap(t, &b, opt)
		files[name] = b.Bytes()
	}
	files["cut.pcap"] = files["test.pcap"][:len(files["test.pcap"])-10]
	files["empty.pcap"] = files["test.pcap"][:24]
	return func(name string) (io.ReadCloser, error) {
		if data, ok := files[name]; ok {
			return io.NopCloser(bytes.NewReader(data)), nil
		}
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
}
