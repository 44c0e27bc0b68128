// Package printer writes packets the way tcpdump prints them: one line per
// packet (plus the continuation lines tcpdump adds with -v or -x), byte for
// byte, for the protocols tcpdump's core printers handle: Ethernet (with
// 802.1Q/802.1ad tags), Linux cooked capture v1 and v2, raw IPv4/IPv6,
// BSD loopback, ARP, IPv4, IPv6 with its extension headers (options,
// routing, fragment, mobility), TCP, UDP, ICMP, ICMPv6, DNS, and the text
// protocols over TCP that tcpdump shows a line of (HTTP, RTSP, FTP, SMTP,
// WHOIS, SSH version strings).
//
// Packets of other protocols get tcpdump's generic output for the layer
// under them (for example the link header and a hex dump for an unknown
// EtherType, or "ip-proto-N LEN" for an unknown IP protocol) rather than a
// guess.
//
// The decoders walk the captured bytes themselves instead of building
// gopacket layers: tcpdump prints every field it could read before running
// off the end of a truncated packet, and reports length inconsistencies that
// a strict decoder would refuse, so the printer must work on partial headers.
//
// A Printer keeps the little state tcpdump keeps between packets (packet
// number, the previous time stamp for -ttt, TCP conversations for relative
// sequence numbers); it is not safe for concurrent use.
package printer

import (
	"bufio"
	"io"
	"net/netip"
	"time"
)

// LinkType is a pcap LINKTYPE_ value: it says what the first header of
// every packet is.
type LinkType uint32

// Link types the printer decodes. Other values print a hex dump only.
const (
	LinkNull      LinkType = 0   // BSD loopback, host-endian address family
	LinkEthernet  LinkType = 1   // Ethernet II / 802.3
	LinkRaw       LinkType = 101 // raw IPv4 or IPv6, version in the first nibble
	LinkLoop      LinkType = 108 // OpenBSD loopback, big-endian address family
	LinkLinuxSLL  LinkType = 113 // Linux cooked capture v1
	LinkIPv4      LinkType = 228 // raw IPv4
	LinkIPv6      LinkType = 229 // raw IPv6
	LinkLinuxSLL2 LinkType = 276 // Linux cooked capture v2
)

// TimestampFormat selects how the time stamp at the start of a line is
// printed; the names follow tcpdump's -t options.
type TimestampFormat int

const (
	// TimestampDefault prints the local time of day, "15:04:05.000000".
	TimestampDefault TimestampFormat = iota
	// TimestampNone prints nothing (-t).
	TimestampNone
	// TimestampUnix prints seconds since the epoch (-tt).
	TimestampUnix
	// TimestampDelta prints the time since the previous packet (-ttt).
	TimestampDelta
	// TimestampDate prints the local date and time (-tttt).
	TimestampDate
	// TimestampSinceFirst prints the time since the first packet (-ttttt).
	TimestampSinceFirst
)

// Options mirrors tcpdump's printing flags. The zero value prints like
// "tcpdump -n" with default time stamps in the local time zone.
type Options struct {
	Timestamp TimestampFormat
	// Nano prints nine fraction digits instead of six (--nano).
	Nano bool
	// Location is the time zone for TimestampDefault and TimestampDate;
	// nil means time.Local.
	Location *time.Location

	// ResolveNames prints names like tcpdump without -n: host names for
	// IPv4 and IPv6 addresses, service names for TCP and UDP ports,
	// /etc/ethers names or OUI vendors for MAC-48 addresses, protocol
	// keywords for IP payloads no printer handles. See Resolver.
	ResolveNames bool
	// Resolver answers the lookups ResolveNames makes; nil means a
	// SystemResolver with the default configuration.
	Resolver Resolver
	// ShortHostNames prints host names without their domain (-N).
	ShortHostNames bool
	// LocalNet, when an IPv4 prefix, limits IPv4 host name lookups to
	// addresses inside it; others print as numbers (-f, "foreign"
	// addresses). IPv6 addresses are looked up regardless, as in tcpdump.
	LocalNet netip.Prefix
	// LookupTimeout bounds each name lookup; 0 means DefaultLookupTimeout.
	// A lookup that times out prints the number, and so does the same
	// address later, as tcpdump does after a failed lookup.
	LookupTimeout time.Duration
	// NameCacheSize bounds how many answers of each kind the printer
	// remembers; 0 means DefaultNameCacheSize.
	NameCacheSize int

	// NoLineBreak keeps the rest of the packet on the line of the IPv4
	// header that -v prints, instead of starting a new line (-g).
	NoLineBreak bool
	// Lengths prefixes each packet with its captured and wire lengths,
	// "caplen N len N " (--lengths).
	Lengths bool
	// Type forces how payloads are read, like tcpdump's -T; the zero
	// value picks printers by port.
	Type PacketType
	// MarkUnendedTextLine prints " [|proto]" after a text protocol line
	// (HTTP, RTSP, FTP, SMTP, WHOIS) that runs to the end of the TCP
	// payload without a CR-LF or LF, as tcpdump up to 4.99.4 does
	// (Debian 12's 4.99.3 among them). tcpdump 4.99.5 and the development
	// branch, whose output is this package's default, print the line
	// without the mark: such a payload is whole, not cut by the snapshot
	// length (an HTTP body need not end in a line end), and a payload the
	// capture did cut is marked either way.
	MarkUnendedTextLine bool

	LinkHeader  bool // -e: print the link-level header
	Quiet       bool // -q: less protocol information
	Verbose     int  // -v, -vv, -vvv
	Number      bool // -#: prefix every line with the packet number
	AbsoluteSeq bool // -S: absolute TCP sequence numbers

	// Hex is the number of -x flags: 1 dumps the packet after the link
	// header in hex, 2 or more the whole packet.
	Hex int
	// HexASCII is the number of -X flags: like Hex with an ASCII column.
	HexASCII int
	// ASCII is the number of -A flags: like Hex, in ASCII only.
	ASCII int

	// InterfaceName names an interface index for Linux cooked v2 headers;
	// nil prints "?" like tcpdump does for an index it cannot name.
	InterfaceName func(index uint32) string
}

// PacketType names a forced payload interpretation (tcpdump's -T).
type PacketType string

// Packet types the printer knows. tcpdump has more (rtcp, snmp, ...); for
// those the printer shows the TCP or UDP header and nothing of the
// payload, as it does for ports whose printers it lacks, so a caller
// should refuse them rather than pass them on.
const (
	// PacketTypeDomain reads every TCP and UDP payload as DNS.
	PacketTypeDomain PacketType = "domain"
	// PacketTypeRTP reads every UDP payload as RTP (TCP payloads are
	// not printed).
	PacketTypeRTP PacketType = "rtp"
)

// CaptureInfo describes one captured packet.
type CaptureInfo struct {
	// Seconds and Fraction are the capture time stamp as stored in the
	// savefile. Fraction counts microseconds, or nanoseconds when Nano is
	// set; a value out of range is printed as tcpdump does, flagged
	// "(invalid us)" or "(invalid ns)".
	Seconds  int64
	Fraction uint32
	Nano     bool
	// Length is the packet's length on the wire; the captured length is
	// the length of the data passed with it.
	Length int
}

// maxSnaplen is the largest capture or wire length tcpdump accepts in a
// packet header; anything larger is reported as an invalid header.
const maxSnaplen = 262144

// maxTCPConversations bounds the relative-sequence-number table so memory
// does not grow without limit on traffic with many connections; when it is
// full it is emptied and conversations start over.
const maxTCPConversations = 1 << 18

// Printer formats packets of one link type onto a writer.
type Printer struct {
	w    *bufio.Writer
	own  bool // w was created here, so Flush must push it out
	link LinkType
	opt  Options
	loc  *time.Location

	number uint64

	// Time stamp state for -ttt and -ttttt.
	refSet  bool
	refSec  int64
	refFrac uint32

	// Cached local-time conversion: the last second printed and its text.
	lastSec  int64
	lastText []byte
	lastDate bool

	tcp4 map[tcpKey4]tcpSeqs
	tcp6 map[tcpKey6]tcpSeqs

	names *nameState // nil unless ResolveNames

	// Per-packet state.
	pkt      []byte // captured bytes
	snap     int    // index one past the last byte printers may read
	out      []byte // the line(s) being built
	proto    string // name printed in " [|proto]" when a read runs off snap
	llHdrLen int    // link-layer header length, for -x / -X / -A
}

// New returns a Printer that writes packets of the given link type to w.
// Output is buffered: call Flush when done. If w is a *bufio.Writer it is
// used as is.
func New(w io.Writer, link LinkType, opt Options) *Printer {
	p := &Printer{link: link, opt: opt, lastSec: -1}
	if bw, ok := w.(*bufio.Writer); ok {
		p.w = bw
	} else {
		p.w = bufio.NewWriterSize(w, 64*1024)
		p.own = true
	}
	p.loc = opt.Location
	if p.loc == nil {
		p.loc = time.Local
	}
	p.out = make([]byte, 0, 512)
	if opt.ResolveNames {
		p.names = newNameState(opt)
	}
	return p
}

// SetLinkType changes the link type of the packets that follow, for
// pcapng files whose interfaces differ; numbering and TCP state carry on.
func (p *Printer) SetLinkType(link LinkType) { p.link = link }

// Flush writes any buffered output to the underlying writer.
func (p *Printer) Flush() error {
	return p.w.Flush()
}

// truncated is the value printers panic with when they need a byte past
// the end of the captured data; Print recovers it and appends tcpdump's
// " [|proto]" mark, as tcpdump's longjmp does.
type truncated struct{}

// Print formats one packet. data is the captured bytes (the captured length
// is len(data)). The only errors are write errors.
func (p *Printer) Print(ci CaptureInfo, data []byte) error {
	p.number++
	p.out = p.out[:0]
	if p.opt.Number {
		p.out = appendPadUint(p.out, p.number, 5)
		p.out = append(p.out, ' ', ' ')
	}
	if p.opt.Lengths {
		p.str("caplen ")
		p.dec(uint64(len(data)))
		p.str(" len ")
		p.dec(uint64(ci.Length))
		p.ch(' ')
	}
	if p.headerInvalid(len(data), ci.Length) {
		p.out = append(p.out, '\n')
		_, err := p.w.Write(p.out)
		return err
	}
	p.timestamp(ci)
	p.pkt = data
	p.snap = len(data)
	p.proto = ""
	p.llHdrLen = 0
	p.dissect(ci.Length)
	p.snap = len(data)
	p.dump()
	p.out = append(p.out, '\n')
	_, err := p.w.Write(p.out)
	p.pkt = nil
	return err
}

// Skip counts a packet without printing it, so that the packet numbers
// of -# stay those of the file when packets are left out (--skip). The
// packet leaves no other trace: time deltas and TCP conversations only
// see printed packets, as in tcpdump.
func (p *Printer) Skip() { p.number++ }

// dissect runs the link-layer printer, turning a truncation panic into
// tcpdump's mark.
func (p *Printer) dissect(wireLen int) {
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(truncated); !ok {
				panic(r)
			}
			p.str(" [|")
			p.str(p.proto)
			p.ch(']')
			p.llHdrLen = 0
		}
	}()
	switch p.link {
	case LinkEthernet:
		p.proto = "ether"
		p.llHdrLen += p.ether(0, wireLen, len(p.pkt))
	case LinkLinuxSLL:
		p.sll(wireLen)
	case LinkLinuxSLL2:
		p.sll2(wireLen)
	case LinkRaw:
		p.rawIP(wireLen)
	case LinkIPv4:
		p.proto = "ip"
		if p.opt.LinkHeader {
			p.str("IP ")
		}
		p.ip4(0, wireLen)
	case LinkIPv6:
		p.proto = "ip6"
		if p.opt.LinkHeader {
			p.str("IP6 ")
		}
		p.ip6(0, wireLen)
	case LinkNull, LinkLoop:
		p.null(wireLen)
	default:
		p.defaultPrint(0, len(p.pkt))
	}
}

// headerInvalid prints tcpdump's "[Invalid header: ...]" text and reports
// whether the packet header was unusable.
func (p *Printer) headerInvalid(caplen, length int) bool {
	bad := false
	sep := func() {
		if !bad {
			p.str("[Invalid header:")
			bad = true
		} else {
			p.ch(',')
		}
	}
	if caplen == 0 {
		p.str("[Invalid header: caplen==0")
		bad = true
	}
	if length == 0 {
		sep()
		p.str(" len==0")
	} else if length < caplen {
		sep()
		p.str(" len(")
		p.dec(uint64(length))
		p.str(") < caplen(")
		p.dec(uint64(caplen))
		p.ch(')')
	}
	if caplen > maxSnaplen {
		sep()
		p.str(" caplen(")
		p.dec(uint64(caplen))
		p.str(") > 262144")
	}
	if length > maxSnaplen {
		sep()
		p.str(" len(")
		p.dec(uint64(length))
		p.str(") > 262144")
	}
	if bad {
		p.ch(']')
	}
	return bad
}
