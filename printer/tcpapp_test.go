package printer

import (
	"bytes"
	"encoding/binary"
	"strings"
	"testing"
)

// appSegment builds a raw IPv4 packet carrying a TCP segment (PSH|ACK)
// between 10.0.0.1 and 10.0.0.2 with the given ports and payload.
func appSegment(sport, dport uint16, payload string) []byte {
	b := make([]byte, 40+len(payload))
	b[0] = 0x45
	binary.BigEndian.PutUint16(b[2:], uint16(len(b)))
	binary.BigEndian.PutUint16(b[4:], 1)
	binary.BigEndian.PutUint16(b[6:], 0x4000)
	b[8], b[9] = 64, protoTCP
	copy(b[12:], []byte{10, 0, 0, 1, 10, 0, 0, 2})
	binary.BigEndian.PutUint16(b[10:], fold(sum16(0, b[:20])))
	t := b[20:]
	binary.BigEndian.PutUint16(t[0:], sport)
	binary.BigEndian.PutUint16(t[2:], dport)
	binary.BigEndian.PutUint32(t[4:], 1000)
	binary.BigEndian.PutUint32(t[8:], 2000)
	t[12], t[13] = 5<<4, 0x18
	binary.BigEndian.PutUint16(t[14:], 512)
	copy(t[20:], payload)
	return b
}

// The expected text after "length N" was checked against tcpdump 4.99.3,
// which prints these the same way as the development branch except for
// a request line without a line end (4.99.3 adds " [|http]").
var tcpAppCases = []struct {
	sport, dport uint16
	payload      string
	snap         int // captured length; 0 means all
	plain, v     string
}{
	{40000, 80, "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n", 0,
		": HTTP: GET /index.html HTTP/1.1",
		": HTTP, length: 37\n\tGET /index.html HTTP/1.1\n\tHost: x\n\t"},
	{80, 40000, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 0,
		": HTTP: HTTP/1.1 200 OK",
		": HTTP, length: 38\n\tHTTP/1.1 200 OK\n\tContent-Length: 0\n\t"},
	{40000, 8080, "\x00\x01binary", 0, ": HTTP", ": HTTP"},
	{40000, 80, "get /lower HTTP/1.0\n\n", 0,
		": HTTP: get /lower HTTP/1.0",
		": HTTP, length: 21\n\tget /lower HTTP/1.0\n\t"},
	{40000, 80, "FOO /x HTTP/1.1\r\n", 0, ": HTTP", ": HTTP"},
	{40000, 80, "some body text without a request\r\n", 0, ": HTTP", ": HTTP"},
	{40000, 80, "HTTP/1.1 404\r\n", 0, ": HTTP: HTTP/1.1 404", ": HTTP, length: 14\n\tHTTP/1.1 404"},
	{40000, 80, "GET /no-line-end", 0, ": HTTP: GET /no-line-end", ": HTTP, length: 16\n\tGET /no-line-end"},
	{40000, 80, "GET /cr\rx\r\n", 0, ": HTTP", ": HTTP, length: 11"},
	{40000, 22, "SSH-2.0-OpenSSH_9.2\r\n", 0, ": SSH: SSH-2.0-OpenSSH_9.2", ": SSH: SSH-2.0-OpenSSH_9.2"},
	{22, 80, "GET / HTTP/1.1\r\n", 0, "", ""}, // port 22 comes first
	{40000, 21, "220 Welcome\r\n", 0, ": FTP: 220 Welcome", ": FTP, length: 13\n\t220 Welcome"},
	{40000, 25, "EHLO example.org\r\n", 0, ": SMTP: EHLO example.org", ": SMTP, length: 18\n\tEHLO example.org"},
	{40000, 554, "OPTIONS rtsp://x/ RTSP/1.0\r\nCSeq: 1\r\n\r\n", 0,
		": RTSP: OPTIONS rtsp://x/ RTSP/1.0",
		": RTSP, length: 39\n\tOPTIONS rtsp://x/ RTSP/1.0\n\tCSeq: 1\n\t"},
	{40000, 80, "GET /truncated/path HTTP/1.1\r\nHost: example\r\n\r\n", 50, ": HTTP [|http]", ": HTTP, length: 47 [|http]"},
	{40000, 80, "POST /a HTTP/1.1\r\n\x01\x02\r\n", 0, ": HTTP: POST /a HTTP/1.1", ": HTTP, length: 22\n\tPOST /a HTTP/1.1"},
	{40000, 80, "GET\t/tab   HTTP/1.1\r\n", 0, ": HTTP: GET\t/tab   HTTP/1.1", ": HTTP, length: 21\n\tGET\t/tab   HTTP/1.1"},
}

func TestTCPApplications(t *testing.T) {
	for _, c := range tcpAppCases {
		pkt := appSegment(c.sport, c.dport, c.payload)
		caplen := len(pkt)
		if c.snap != 0 {
			caplen = c.snap
		}
		for verbose, want := range []string{c.plain, c.v} {
			var out bytes.Buffer
			p := New(&out, LinkIPv4, Options{Timestamp: TimestampNone, Verbose: verbose})
			if err := p.Print(CaptureInfo{Length: len(pkt)}, pkt[:caplen]); err != nil {
				t.Fatal(err)
			}
			p.Flush()
			got := strings.TrimSuffix(out.String(), "\n")
			i := strings.LastIndex(got, ", length ")
			if i < 0 {
				t.Fatalf("%q: no TCP length in %q", c.payload, got)
			}
			got = got[i+len(", length "):]
			got = strings.TrimLeft(got, "0123456789")
			if got != want {
				t.Errorf("%q -v=%d:\n got: %q\nwant: %q", c.payload, verbose, got, want)
			}
		}
	}
}

// TestTCPApplicationsNoAllocations checks that the text protocol printers
// allocate nothing per packet.
func TestTCPApplicationsNoAllocations(t *testing.T) {
	pkts := [][]byte{
		appSegment(40000, 80, "GET /index.html HTTP/1.1\r\nHost: x\r\n\r\n"),
		appSegment(80, 40000, "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"),
		appSegment(40000, 22, "SSH-2.0-OpenSSH_9.2\r\n"),
	}
	for _, verbose := range []int{0, 1} {
		var out bytes.Buffer
		p := New(&out, LinkIPv4, Options{Verbose: verbose})
		for _, d := range pkts {
			p.Print(CaptureInfo{Length: len(d)}, d)
		}
		i := 0
		allocs := testing.AllocsPerRun(200, func() {
			out.Reset()
			d := pkts[i%len(pkts)]
			i++
			p.Print(CaptureInfo{Length: len(d)}, d)
		})
		if allocs != 0 {
			t.Errorf("-v=%d: %.2f allocations per packet, want 0", verbose, allocs)
		}
	}
}
