package printer

// TCP payloads: tcpdump picks an application printer by port, testing the
// ports in a fixed order, so a segment between port 22 and port 80 is
// SSH, not HTTP. The order and ports below are tcpdump's; the
// applications this package does not decode print nothing, as before.

// tcpApp names the printer for a TCP payload.
type tcpApp uint8

const (
	appNone tcpApp = iota // a printer of tcpdump's this package lacks
	appFTP
	appSSH
	appSMTP
	appWhois
	appDNS
	appHTTP
	appRTSP
)

// tcpAppPorts is tcpdump's port test order for TCP payloads.
var tcpAppPorts = [...]struct {
	port uint16
	app  tcpApp
}{
	{21, appFTP},
	{22, appSSH},
	{23, appNone}, // telnet
	{25, appSMTP},
	{43, appWhois},
	{53, appDNS},
	{80, appHTTP},
	{139, appNone}, // NetBIOS session
	{179, appNone}, // BGP
	{323, appNone}, // RPKI-RTR
	{445, appNone}, // SMB
	{554, appRTSP},
	{639, appNone},   // MSDP
	{646, appNone},   // LDP
	{1723, appNone},  // PPTP
	{6379, appNone},  // Redis (RESP)
	{10288, appNone}, // BEEP
	{6633, appNone},  // OpenFlow, old port
	{6653, appNone},  // OpenFlow
	{8080, appHTTP},
	{8554, appRTSP},
	{2049, appNone}, // NFS
}

// tcpPayload prints the payload of a TCP segment (data, length bytes)
// with the printer its ports select.
func (p *Printer) tcpPayload(data, length int, sport, dport uint16) {
	if p.opt.Type != "" {
		if p.opt.Type == PacketTypeDomain {
			p.dns(data, length, true)
		}
		return
	}
	for _, e := range tcpAppPorts {
		if sport != e.port && dport != e.port {
			continue
		}
		switch e.app {
		case appFTP:
			p.str(": ")
			p.txtProto(data, length, &ftpText)
		case appSSH:
			p.sshVersion(data, length)
		case appSMTP:
			p.str(": ")
			p.txtProto(data, length, &smtpText)
		case appWhois:
			p.str(": ")
			p.txtProto(data, length, &whoisText)
		case appDNS:
			p.dns(data, length, true)
		case appHTTP:
			p.str(": ")
			p.txtProto(data, length, &httpText)
		case appRTSP:
			p.str(": ")
			p.txtProto(data, length, &rtspText)
		}
		return
	}
}

// textProtocol describes a line-oriented protocol for txtProto.
type textProtocol struct {
	name string // for " [|name]"
	caps string // printed at the start
	// commands are the request names; nil means every payload is a
	// request or response line worth printing (FTP, SMTP, WHOIS).
	commands []string
	// statusSecond says a response carries its 3-digit status code in
	// its second token ("HTTP/1.1 200 OK").
	statusSecond bool
}

var (
	ftpText   = textProtocol{name: "ftp", caps: "FTP"}
	smtpText  = textProtocol{name: "smtp", caps: "SMTP"}
	whoisText = textProtocol{name: "whois", caps: "WHOIS"}
	httpText  = textProtocol{name: "http", caps: "HTTP", statusSecond: true, commands: []string{
		// HTTP/1.1 and WebDAV methods, as tcpdump knows them.
		"GET", "PUT", "COPY", "HEAD", "LOCK", "MOVE", "POLL", "POST",
		"BCOPY", "BMOVE", "MKCOL", "TRACE", "LABEL", "MERGE", "DELETE",
		"SEARCH", "UNLOCK", "REPORT", "UPDATE", "NOTIFY", "BDELETE",
		"CONNECT", "OPTIONS", "CHECKIN", "PROPFIND", "CHECKOUT",
		"CCM_POST", "SUBSCRIBE", "PROPPATCH", "BPROPFIND", "BPROPPATCH",
		"UNCHECKOUT", "MKACTIVITY", "MKWORKSPACE", "UNSUBSCRIBE",
		"RPC_CONNECT", "VERSION-CONTROL", "BASELINE-CONTROL",
	}}
	rtspText = textProtocol{name: "rtsp", caps: "RTSP", statusSecond: true, commands: []string{
		"DESCRIBE", "ANNOUNCE", "GET_PARAMETER", "OPTIONS", "PAUSE",
		"PLAY", "RECORD", "REDIRECT", "SETUP", "SET_PARAMETER", "TEARDOWN",
	}}
)

// maxToken is the longest token tcpdump's text protocol printer accepts
// as a request name or status code.
const maxToken = 128

func isPrintASCII(c byte) bool { return c >= 0x20 && c <= 0x7e }

// textToken finds the token starting at idx in the payload at off and
// returns its bounds and the index of what follows it and the blanks
// after it, or ok false when there is no plain-text token there.
func (p *Printer) textToken(off, idx, n int) (start, end, next int, ok bool) {
	start = idx
	for ; idx < n; idx++ {
		if !p.have(off+idx, 1) {
			return 0, 0, 0, false
		}
		c := p.pkt[off+idx]
		if c >= 0x80 {
			return 0, 0, 0, false
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
			break
		}
		if !isPrintASCII(c) || idx-start >= maxToken {
			return 0, 0, 0, false
		}
	}
	end = idx
	if end == start {
		return 0, 0, 0, false
	}
	// Skip blanks up to the next token or the end of the line.
	for ; idx < n && p.have(off+idx, 1); idx++ {
		c := p.pkt[off+idx]
		if c == '\r' || c == '\n' || !isPrintASCII(c) || (c != ' ' && c != '\t') {
			break
		}
	}
	return start, end, idx, true
}

// equalFoldASCII compares the packet bytes b with s, ignoring ASCII case.
func equalFoldASCII(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		x, y := b[i], s[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// txtProto prints a text protocol payload the way tcpdump does: the
// protocol name and, when the payload starts with a request or response
// line, that line (": GET / HTTP/1.1"); with -v ", length: N" and every
// text line on its own tab-indented line.
func (p *Printer) txtProto(off, n int, tp *textProtocol) {
	p.proto = tp.name
	show := tp.commands == nil
	if !show {
		if s, e, next, ok := p.textToken(off, 0, n); ok {
			tok := p.pkt[off+s : off+e]
			for _, c := range tp.commands {
				if equalFoldASCII(tok, c) {
					show = true
					break
				}
			}
			if tp.statusSecond {
				s, e, _, ok = p.textToken(off, next, n)
			}
			if ok && e-s == 3 && isDigit(p.pkt[off+s]) && isDigit(p.pkt[off+s+1]) && isDigit(p.pkt[off+s+2]) {
				show = true
			}
		}
	}
	p.str(tp.caps)
	if !show {
		return
	}
	if p.opt.Verbose == 0 {
		p.textLine(": ", off, 0, n)
		return
	}
	p.str(", length: ")
	p.dec(uint64(n))
	for idx := 0; idx < n; {
		eol := p.textLine("\n\t", off, idx, n)
		if eol == 0 {
			break
		}
		idx = eol
	}
}

// textLine prints prefix and the line at idx if it is plain text, and
// returns the index after its line end, or 0 when the line does not end in
// the payload or holds something other than text. A line of text that
// runs to the end of the payload is still printed, marked " [|proto]"
// with Options.MarkUnendedTextLine. A CR as the payload's last byte, or a
// CR before anything but LF, counts as something other than text: its
// line is not printed at all, in every tcpdump version.
func (p *Printer) textLine(prefix string, off, idx, n int) int {
	start := idx
	for idx < n {
		c := p.u8(off + idx)
		switch {
		case c == '\n':
			p.str(prefix)
			p.out = append(p.out, p.pkt[off+start:off+idx]...)
			return idx + 1
		case c == '\r':
			if idx+1 >= n || p.u8(off+idx+1) != '\n' {
				return 0
			}
			p.str(prefix)
			p.out = append(p.out, p.pkt[off+start:off+idx]...)
			return idx + 2
		case !isPrintASCII(c) && c != '\t':
			return 0
		}
		idx++
	}
	p.str(prefix)
	p.out = append(p.out, p.pkt[off+start:off+idx]...)
	if p.opt.MarkUnendedTextLine {
		// Printed in place, not by stopping the dissection: what
		// follows (a -x dump) prints as after any other line.
		p.str(" [|")
		p.str(p.proto)
		p.ch(']')
	}
	return 0
}

// sshVersion prints ": SSH: SSH-2.0-..." when the payload is an SSH
// version line, and nothing otherwise.
func (p *Printer) sshVersion(off, n int) {
	p.proto = "ssh"
	for i, c := range []byte("SSH-") {
		if p.u8(off+i) != c {
			return
		}
	}
	idx := 4
	for ; idx < n; idx++ {
		c := p.u8(off + idx)
		if c == '\n' {
			break
		}
		if c == '\r' {
			if idx+1 >= n || p.u8(off+idx+1) != '\n' {
				return
			}
			break
		}
		if !isPrintASCII(c) {
			return
		}
	}
	if idx >= n {
		return
	}
	p.str(": SSH: ")
	p.out = append(p.out, p.pkt[off:off+idx]...)
}
