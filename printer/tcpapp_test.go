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
// a line without a line end (4.99.3 adds " [|http]", see
// TestTextLineWithoutEnd).
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

// afterTCPLength prints the packet pkt, cut to snap bytes unless snap is
// 0, and returns what follows the TCP header's "length N".
func afterTCPLength(t *testing.T, pkt []byte, snap int, opt Options) string {
	t.Helper()
	caplen := len(pkt)
	if snap != 0 {
		caplen = snap
	}
	var out bytes.Buffer
	opt.Timestamp = TimestampNone
	p := New(&out, LinkIPv4, opt)
	if err := p.Print(CaptureInfo{Length: len(pkt)}, pkt[:caplen]); err != nil {
		t.Fatal(err)
	}
	p.Flush()
	got := strings.TrimSuffix(out.String(), "\n")
	i := strings.LastIndex(got, ", length ")
	if i < 0 {
		t.Fatalf("no TCP length in %q", got)
	}
	return strings.TrimLeft(got[i+len(", length "):], "0123456789")
}

func TestTCPApplications(t *testing.T) {
	for _, c := range tcpAppCases {
		pkt := appSegment(c.sport, c.dport, c.payload)
		for verbose, want := range []string{c.plain, c.v} {
			got := afterTCPLength(t, pkt, c.snap, Options{Verbose: verbose})
			if got != want {
				t.Errorf("%q -v=%d:\n got: %q\nwant: %q", c.payload, verbose, got, want)
			}
		}
	}
}

// TestTextLineWithoutEnd checks the text protocols on lines that reach the
// end of the payload without CR-LF or LF. The old strings are what tcpdump
// 4.99.3 prints for these segments (-n, then -n -v), which marks such a
// line " [|proto]": Options.MarkUnendedTextLine. The new strings are the
// development branch's, which prints the same without that mark (its
// print_txt_line differs from 4.99.3's only there). A line the snapshot
// length cuts is marked by both; a CR at the very end is not a line end,
// so both print nothing of that line.
func TestTextLineWithoutEnd(t *testing.T) {
	for _, c := range textLineCases {
		pkt := appSegment(c.sport, c.dport, c.payload)
		for _, mark := range []bool{true, false} {
			want := [2]string{c.newPlain, c.newV}
			if mark {
				want = [2]string{c.oldPlain, c.oldV}
			}
			for verbose := range want {
				got := afterTCPLength(t, pkt, c.snap, Options{Verbose: verbose, MarkUnendedTextLine: mark})
				if got != want[verbose] {
					t.Errorf("%q mark=%v -v=%d:\n got: %q\nwant: %q", c.payload, mark, verbose, got, want[verbose])
				}
			}
		}
	}
}

// textLineCases are the segments of TestTextLineWithoutEnd.
var textLineCases = []struct {
	sport, dport uint16
	payload      string
	snap         int
	oldPlain     string // tcpdump 4.99.3 -n
	oldV         string // tcpdump 4.99.3 -n -v
	newPlain     string
	newV         string
}{
	// The two kinds bench-offline found in its 1,000,000 packets.
	{40000, 80, "GET /static/767/app-3df24ba4.js HTTP/1.1", 0,
		": HTTP: GET /static/767/app-3df24ba4.js HTTP/1.1 [|http]",
		": HTTP, length: 40\n\tGET /static/767/app-3df24ba4.js HTTP/1.1 [|http]",
		": HTTP: GET /static/767/app-3df24ba4.js HTTP/1.1",
		": HTTP, length: 40\n\tGET /static/767/app-3df24ba4.js HTTP/1.1"},
	{80, 40000, "HTTP/1.1 200", 0,
		": HTTP: HTTP/1.1 200 [|http]",
		": HTTP, length: 12\n\tHTTP/1.1 200 [|http]",
		": HTTP: HTTP/1.1 200",
		": HTTP, length: 12\n\tHTTP/1.1 200"},
	// Only -v prints the second, unended line.
	{40000, 80, "GET / HTTP/1.1\r\nHost: x", 0,
		": HTTP: GET / HTTP/1.1",
		": HTTP, length: 23\n\tGET / HTTP/1.1\n\tHost: x [|http]",
		": HTTP: GET / HTTP/1.1",
		": HTTP, length: 23\n\tGET / HTTP/1.1\n\tHost: x"},
	{40000, 80, "GET / HTTP/1.1\nHost", 0,
		": HTTP: GET / HTTP/1.1",
		": HTTP, length: 19\n\tGET / HTTP/1.1\n\tHost [|http]",
		": HTTP: GET / HTTP/1.1",
		": HTTP, length: 19\n\tGET / HTTP/1.1\n\tHost"},
	// A request name alone, and followed by a blank.
	{40000, 80, "GET", 0,
		": HTTP: GET [|http]", ": HTTP, length: 3\n\tGET [|http]",
		": HTTP: GET", ": HTTP, length: 3\n\tGET"},
	{40000, 80, "GET\t/tab", 0,
		": HTTP: GET\t/tab [|http]", ": HTTP, length: 8\n\tGET\t/tab [|http]",
		": HTTP: GET\t/tab", ": HTTP, length: 8\n\tGET\t/tab"},
	// A CR at the end, or before something else than LF, is not text.
	{40000, 80, "GET / HTTP/1.1\r", 0,
		": HTTP", ": HTTP, length: 15", ": HTTP", ": HTTP, length: 15"},
	{40000, 80, "GET / HTTP/1.1\r\nHost: x\r", 0,
		": HTTP: GET / HTTP/1.1", ": HTTP, length: 24\n\tGET / HTTP/1.1",
		": HTTP: GET / HTTP/1.1", ": HTTP, length: 24\n\tGET / HTTP/1.1"},
	{40000, 80, "GET / HTTP/1.1\x01", 0,
		": HTTP", ": HTTP, length: 15", ": HTTP", ": HTTP, length: 15"},
	// Not a request: nothing after the name, marked or not.
	{40000, 80, "some body text", 0, ": HTTP", ": HTTP", ": HTTP", ": HTTP"},
	// Cut by the snapshot length: marked by every version, and the
	// cut line is not printed.
	{40000, 80, "GET / HTTP/1.1\r\nHost: example\r\n\r\n", 62,
		": HTTP: GET / HTTP/1.1", ": HTTP, length: 33\n\tGET / HTTP/1.1 [|http]",
		": HTTP: GET / HTTP/1.1", ": HTTP, length: 33\n\tGET / HTTP/1.1 [|http]"},
	// The other text protocols share the line printer.
	{40000, 21, "220 Welcome", 0,
		": FTP: 220 Welcome [|ftp]", ": FTP, length: 11\n\t220 Welcome [|ftp]",
		": FTP: 220 Welcome", ": FTP, length: 11\n\t220 Welcome"},
	{40000, 21, "USER x\r\nPASS", 0,
		": FTP: USER x", ": FTP, length: 12\n\tUSER x\n\tPASS [|ftp]",
		": FTP: USER x", ": FTP, length: 12\n\tUSER x\n\tPASS"},
	{40000, 25, "EHLO example.org", 0,
		": SMTP: EHLO example.org [|smtp]", ": SMTP, length: 16\n\tEHLO example.org [|smtp]",
		": SMTP: EHLO example.org", ": SMTP, length: 16\n\tEHLO example.org"},
	{40000, 43, "example.org", 0,
		": WHOIS: example.org [|whois]", ": WHOIS, length: 11\n\texample.org [|whois]",
		": WHOIS: example.org", ": WHOIS, length: 11\n\texample.org"},
	{40000, 43, " ", 0,
		": WHOIS:   [|whois]", ": WHOIS, length: 1\n\t  [|whois]",
		": WHOIS:  ", ": WHOIS, length: 1\n\t "},
	{40000, 43, "\r\n", 0,
		": WHOIS: ", ": WHOIS, length: 2\n\t", ": WHOIS: ", ": WHOIS, length: 2\n\t"},
	{40000, 554, "OPTIONS rtsp://x/ RTSP/1.0", 0,
		": RTSP: OPTIONS rtsp://x/ RTSP/1.0 [|rtsp]", ": RTSP, length: 26\n\tOPTIONS rtsp://x/ RTSP/1.0 [|rtsp]",
		": RTSP: OPTIONS rtsp://x/ RTSP/1.0", ": RTSP, length: 26\n\tOPTIONS rtsp://x/ RTSP/1.0"},
	{554, 40000, "RTSP/1.0 200 OK\r\nCSeq: 1", 0,
		": RTSP: RTSP/1.0 200 OK", ": RTSP, length: 24\n\tRTSP/1.0 200 OK\n\tCSeq: 1 [|rtsp]",
		": RTSP: RTSP/1.0 200 OK", ": RTSP, length: 24\n\tRTSP/1.0 200 OK\n\tCSeq: 1"},
	// SSH is not a text protocol printer: an unended version line
	// prints nothing.
	{40000, 22, "SSH-2.0-OpenSSH_9.2", 0, "", "", "", ""},
}

// TestTextLineWithoutEndHex checks that the mark leaves the -x dump after
// it as tcpdump 4.99.3 prints it: the mark does not end the dissection.
func TestTextLineWithoutEndHex(t *testing.T) {
	pkt := appSegment(40000, 80, "GET /no-line-end")
	got := afterTCPLength(t, pkt, 0, Options{Hex: 1, MarkUnendedTextLine: true})
	want := ": HTTP: GET /no-line-end [|http]\n" +
		"\t0x0000:  4500 0038 0001 4000 4006 26bd 0a00 0001\n" +
		"\t0x0010:  0a00 0002 9c40 0050 0000 03e8 0000 07d0\n" +
		"\t0x0020:  5018 0200 0000 0000 4745 5420 2f6e 6f2d\n" +
		"\t0x0030:  6c69 6e65 2d65 6e64"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
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
