package printer

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/gocapdump/gocapdump/pcapfile"
)

var namesPcap = flag.String("names-pcap", "", "write the packets of TestNames to this savefile (to check them with tcpdump)")

// fakeResolver answers from maps and counts the questions it is asked.
type fakeResolver struct {
	hosts    map[netip.Addr]string
	services map[string]string // "tcp/80"
	ethers   map[[6]byte]string
	asked    int
	delay    time.Duration // HostName waits this long or until ctx is done
}

func (f *fakeResolver) HostName(ctx context.Context, a netip.Addr) (string, error) {
	f.asked++
	if f.delay > 0 {
		select {
		case <-time.After(f.delay):
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	if n, ok := f.hosts[a]; ok {
		return n, nil
	}
	return "", errors.New("not found")
}

func (f *fakeResolver) ServiceName(ctx context.Context, proto string, port uint16) (string, error) {
	f.asked++
	return f.services[fmt.Sprintf("%s/%d", proto, port)], nil
}

func (f *fakeResolver) EtherName(ctx context.Context, mac [6]byte) (string, error) {
	f.asked++
	return f.ethers[mac], nil
}

// Addresses of the name tests. The names are those this machine's /etc
// files gave them when the expected text was checked with tcpdump 4.99.3.
var (
	macNamed     = [6]byte{0xaa, 0x00, 0x04, 0x00, 0x14, 0x0e}
	macIANA      = [6]byte{0x00, 0x00, 0x5e, 0x00, 0x01, 0x01}
	macCisco     = [6]byte{0x00, 0x00, 0x0c, 0x12, 0x34, 0x56}
	macMulticast = [6]byte{0x01, 0x00, 0x5e, 0x00, 0x00, 0xfb}
	macBroadcast = [6]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

	hostNamed  = netip.MustParseAddr("10.20.30.40")
	hostLocal  = netip.MustParseAddr("127.0.0.1")
	hostNoName = netip.MustParseAddr("192.0.2.7")
	host6Named = netip.MustParseAddr("fd00:a1b2:c3d4::1020:3040:5060:7080")
	host6None  = netip.MustParseAddr("2001:db8::1")
)

func testResolver() *fakeResolver {
	return &fakeResolver{
		hosts: map[netip.Addr]string{
			hostNamed:  "noeth-ipv4-noipv6.host123.libpcap.test",
			hostLocal:  "localhost",
			host6Named: "noeth-noipv4-ipv6.host123.libpcap.test",
		},
		services: map[string]string{
			"tcp/22": "ssh", "tcp/80": "http", "udp/53": "domain", "tcp/53": "domain",
		},
		ethers: map[[6]byte]string{macNamed: "eth-noipv4-noipv6.host123.libpcap.test"},
	}
}

// Packet builders for the name tests.

func etherFrame(dst, src [6]byte, etherType uint16, payload []byte) []byte {
	b := append(append(append([]byte{}, dst[:]...), src[:]...), byte(etherType>>8), byte(etherType))
	return append(b, payload...)
}

func ipv4Packet(src, dst netip.Addr, proto byte, fragOff uint16, payload []byte) []byte {
	b := make([]byte, 20, 20+len(payload))
	b[0] = 0x45
	binary.BigEndian.PutUint16(b[2:], uint16(20+len(payload)))
	binary.BigEndian.PutUint16(b[4:], 0x1234)
	binary.BigEndian.PutUint16(b[6:], fragOff)
	b[8] = 64
	b[9] = proto
	s, d := src.As4(), dst.As4()
	copy(b[12:], s[:])
	copy(b[16:], d[:])
	binary.BigEndian.PutUint16(b[10:], fold(sum16(0, b)))
	return append(b, payload...)
}

func ipv6Packet(src, dst netip.Addr, nh byte, payload []byte) []byte {
	b := make([]byte, 40, 40+len(payload))
	b[0] = 0x60
	binary.BigEndian.PutUint16(b[4:], uint16(len(payload)))
	b[6] = nh
	b[7] = 64
	s, d := src.As16(), dst.As16()
	copy(b[8:], s[:])
	copy(b[24:], d[:])
	return append(b, payload...)
}

func tcpSegment(sport, dport uint16, flags byte) []byte {
	b := make([]byte, 20)
	binary.BigEndian.PutUint16(b[0:], sport)
	binary.BigEndian.PutUint16(b[2:], dport)
	binary.BigEndian.PutUint32(b[4:], 1000)
	binary.BigEndian.PutUint32(b[8:], 2000)
	b[12] = 5 << 4
	b[13] = flags
	binary.BigEndian.PutUint16(b[14:], 512)
	return b
}

func udpDatagram(sport, dport uint16, payload []byte) []byte {
	b := make([]byte, 8, 8+len(payload))
	binary.BigEndian.PutUint16(b[0:], sport)
	binary.BigEndian.PutUint16(b[2:], dport)
	binary.BigEndian.PutUint16(b[4:], uint16(8+len(payload)))
	return append(b, payload...)
}

func arpPacket(op uint16, sha [6]byte, spa netip.Addr, tha [6]byte, tpa netip.Addr) []byte {
	b := []byte{0, 1, 8, 0, 6, 4, byte(op >> 8), byte(op)}
	s, t := spa.As4(), tpa.As4()
	b = append(append(b, sha[:]...), s[:]...)
	return append(append(b, tha[:]...), t[:]...)
}

// namePackets are Ethernet frames that exercise every kind of name.
func namePackets() [][]byte {
	var zeroMAC [6]byte
	// A DNS response whose A record holds a named address: tcpdump
	// prints DNS data as numbers.
	dns := []byte{0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0,
		1, 'a', 1, 'b', 0, 0, 1, 0, 1,
		0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 10, 20, 30, 40}
	quoted := ipv4Packet(hostNoName, hostNamed, protoUDP, 0, udpDatagram(1234, 53, nil))
	unreach := append([]byte{3, 3, 0, 0, 0, 0, 0, 0}, quoted...)
	binary.BigEndian.PutUint16(unreach[2:], fold(sum16(0, unreach)))
	target := host6Named.As16()
	ns := append([]byte{135, 0, 0, 0, 0, 0, 0, 0}, target[:]...)
	ns = append(ns, 1, 1)
	ns = append(ns, macNamed[:]...)
	return [][]byte{
		etherFrame(macIANA, macNamed, etherTypeIPv4, ipv4Packet(hostNamed, hostNoName, protoTCP, 0, tcpSegment(80, 55920, 0x02))),
		etherFrame(macBroadcast, macIANA, etherTypeARP, arpPacket(1, macIANA, hostLocal, zeroMAC, hostNamed)),
		etherFrame(macCisco, macNamed, etherTypeARP, arpPacket(2, macNamed, hostNamed, macCisco, hostLocal)),
		etherFrame(macMulticast, macCisco, etherTypeIPv4, ipv4Packet(hostNamed, hostNoName, protoUDP, 0, udpDatagram(53, 40000, dns))),
		etherFrame(macNamed, zeroMAC, etherTypeIPv4, ipv4Packet(hostLocal, hostNoName, protoICMP, 0, unreach)),
		etherFrame(macNamed, macNamed, etherTypeIPv6, ipv6Packet(host6Named, host6None, protoTCP, tcpSegment(22, 40000, 0x12))),
		etherFrame(macIANA, macIANA, etherTypeIPv4, ipv4Packet(hostNoName, hostLocal, protoUDP, 185, make([]byte, 16))),
		etherFrame(macIANA, macIANA, etherTypeIPv4, ipv4Packet(hostNoName, hostLocal, 253, 0, make([]byte, 8))),
		etherFrame(macIANA, macIANA, etherTypeIPv4, ipv4Packet(hostNoName, hostLocal, 99, 0, make([]byte, 8))),
		etherFrame(macIANA, macNamed, etherTypeIPv6, ipv6Packet(host6None, host6Named, protoICMPv6, ns)),
		etherFrame(macIANA, macIANA, etherTypeIPv4, ipv4Packet(hostNamed, hostLocal, protoTCP, 0, tcpSegment(40000, 40001, 0x10))),
	}
}

// The expected text is tcpdump 4.99.3's, run as
// "TZ=GMT0 tcpdump -r names.pcap -tt [-e] [-N]" on the savefile -names-pcap
// writes, with the names of this machine's /etc files (see testResolver).
const wantNames = `1700000000.000000 IP noeth-ipv4-noipv6.host123.libpcap.test.http > 192.0.2.7.55920: Flags [S], seq 1000, win 512, length 0
1700000001.000000 ARP, Request who-has noeth-ipv4-noipv6.host123.libpcap.test tell localhost, length 28
1700000002.000000 ARP, Reply noeth-ipv4-noipv6.host123.libpcap.test is-at eth-noipv4-noipv6.host123.libpcap.test, length 28
1700000003.000000 IP noeth-ipv4-noipv6.host123.libpcap.test.domain > 192.0.2.7.40000: 4660 1/0/0 A 10.20.30.40 (37)
1700000004.000000 IP localhost > 192.0.2.7: ICMP noeth-ipv4-noipv6.host123.libpcap.test udp port domain unreachable, length 36
1700000005.000000 IP6 noeth-noipv4-ipv6.host123.libpcap.test.ssh > 2001:db8::1.40000: Flags [S.], seq 1000, ack 2000, win 512, length 0
1700000006.000000 IP 192.0.2.7 > localhost: udp
1700000007.000000 IP 192.0.2.7 > localhost:  exptest-253 8
1700000008.000000 IP 192.0.2.7 > localhost:  ip-proto-99 8
1700000009.000000 IP6 2001:db8::1 > noeth-noipv4-ipv6.host123.libpcap.test: ICMP6, neighbor solicitation, who has noeth-noipv4-ipv6.host123.libpcap.test, length 32
1700000010.000000 IP noeth-ipv4-noipv6.host123.libpcap.test.40000 > localhost.40001: Flags [.], ack 2000, win 512, length 0
`

const wantNamesLinkHeader = `1700000000.000000 eth-noipv4-noipv6.host123.libpcap.test > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 54: noeth-ipv4-noipv6.host123.libpcap.test.http > 192.0.2.7.55920: Flags [S], seq 1000, win 512, length 0
1700000001.000000 00:00:5e:00:01:01 (oui IANA) > Broadcast, ethertype ARP (0x0806), length 42: Request who-has noeth-ipv4-noipv6.host123.libpcap.test tell localhost, length 28
1700000002.000000 eth-noipv4-noipv6.host123.libpcap.test > 00:00:0c:12:34:56 (oui Cisco), ethertype ARP (0x0806), length 42: Reply noeth-ipv4-noipv6.host123.libpcap.test is-at eth-noipv4-noipv6.host123.libpcap.test, length 28
1700000003.000000 00:00:0c:12:34:56 (oui Cisco) > 01:00:5e:00:00:fb (oui Unknown), ethertype IPv4 (0x0800), length 79: noeth-ipv4-noipv6.host123.libpcap.test.domain > 192.0.2.7.40000: 4660 1/0/0 A 10.20.30.40 (37)
1700000004.000000 00:00:00:00:00:00 (oui Ethernet) > eth-noipv4-noipv6.host123.libpcap.test, ethertype IPv4 (0x0800), length 70: localhost > 192.0.2.7: ICMP noeth-ipv4-noipv6.host123.libpcap.test udp port domain unreachable, length 36
1700000005.000000 eth-noipv4-noipv6.host123.libpcap.test > eth-noipv4-noipv6.host123.libpcap.test, ethertype IPv6 (0x86dd), length 74: noeth-noipv4-ipv6.host123.libpcap.test.ssh > 2001:db8::1.40000: Flags [S.], seq 1000, ack 2000, win 512, length 0
1700000006.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 50: 192.0.2.7 > localhost: udp
1700000007.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 42: 192.0.2.7 > localhost:  exptest-253 8
1700000008.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 42: 192.0.2.7 > localhost:  ip-proto-99 8
1700000009.000000 eth-noipv4-noipv6.host123.libpcap.test > 00:00:5e:00:01:01 (oui IANA), ethertype IPv6 (0x86dd), length 86: 2001:db8::1 > noeth-noipv4-ipv6.host123.libpcap.test: ICMP6, neighbor solicitation, who has noeth-noipv4-ipv6.host123.libpcap.test, length 32
1700000010.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 54: noeth-ipv4-noipv6.host123.libpcap.test.40000 > localhost.40001: Flags [.], ack 2000, win 512, length 0
`

const wantNamesShort = `1700000000.000000 eth-noipv4-noipv6.host123.libpcap.test > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 54: noeth-ipv4-noipv6.http > 192.0.2.7.55920: Flags [S], seq 1000, win 512, length 0
1700000001.000000 00:00:5e:00:01:01 (oui IANA) > Broadcast, ethertype ARP (0x0806), length 42: Request who-has noeth-ipv4-noipv6 tell localhost, length 28
1700000002.000000 eth-noipv4-noipv6.host123.libpcap.test > 00:00:0c:12:34:56 (oui Cisco), ethertype ARP (0x0806), length 42: Reply noeth-ipv4-noipv6 is-at eth-noipv4-noipv6.host123.libpcap.test, length 28
1700000003.000000 00:00:0c:12:34:56 (oui Cisco) > 01:00:5e:00:00:fb (oui Unknown), ethertype IPv4 (0x0800), length 79: noeth-ipv4-noipv6.domain > 192.0.2.7.40000: 4660 1/0/0 A 10.20.30.40 (37)
1700000004.000000 00:00:00:00:00:00 (oui Ethernet) > eth-noipv4-noipv6.host123.libpcap.test, ethertype IPv4 (0x0800), length 70: localhost > 192.0.2.7: ICMP noeth-ipv4-noipv6 udp port domain unreachable, length 36
1700000005.000000 eth-noipv4-noipv6.host123.libpcap.test > eth-noipv4-noipv6.host123.libpcap.test, ethertype IPv6 (0x86dd), length 74: noeth-noipv4-ipv6.ssh > 2001:db8::1.40000: Flags [S.], seq 1000, ack 2000, win 512, length 0
1700000006.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 50: 192.0.2.7 > localhost: udp
1700000007.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 42: 192.0.2.7 > localhost:  exptest-253 8
1700000008.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 42: 192.0.2.7 > localhost:  ip-proto-99 8
1700000009.000000 eth-noipv4-noipv6.host123.libpcap.test > 00:00:5e:00:01:01 (oui IANA), ethertype IPv6 (0x86dd), length 86: 2001:db8::1 > noeth-noipv4-ipv6: ICMP6, neighbor solicitation, who has noeth-noipv4-ipv6, length 32
1700000010.000000 00:00:5e:00:01:01 (oui IANA) > 00:00:5e:00:01:01 (oui IANA), ethertype IPv4 (0x0800), length 54: noeth-ipv4-noipv6.40000 > localhost.40001: Flags [.], ack 2000, win 512, length 0
`

func printNames(t *testing.T, opt Options, pkts [][]byte) string {
	t.Helper()
	var out bytes.Buffer
	opt.Timestamp = TimestampUnix
	p := New(&out, LinkEthernet, opt)
	for i, d := range pkts {
		if err := p.Print(CaptureInfo{Seconds: 1700000000 + int64(i), Length: len(d)}, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

func TestNames(t *testing.T) {
	pkts := namePackets()
	if *namesPcap != "" {
		writeNamesPcap(t, *namesPcap, pkts)
	}
	for _, tc := range []struct {
		name string
		opt  Options
		want string
	}{
		{"default", Options{ResolveNames: true, Resolver: testResolver()}, wantNames},
		{"-e", Options{ResolveNames: true, Resolver: testResolver(), LinkHeader: true}, wantNamesLinkHeader},
		{"-N -e", Options{ResolveNames: true, Resolver: testResolver(), LinkHeader: true, ShortHostNames: true}, wantNamesShort},
		{"system files", Options{ResolveNames: true, Resolver: systemResolverFromFiles(t), LinkHeader: true}, wantNamesLinkHeader},
	} {
		t.Run(tc.name, func(t *testing.T) {
			diffLines(t, printNames(t, tc.opt, pkts), tc.want)
		})
	}
}

// TestNamesOff checks that without ResolveNames nothing is looked up and
// the output is tcpdump -n's.
func TestNamesOff(t *testing.T) {
	r := testResolver()
	got := printNames(t, Options{Resolver: r, LinkHeader: true}, namePackets())
	if r.asked != 0 {
		t.Errorf("resolver asked %d questions without ResolveNames", r.asked)
	}
	if strings.Contains(got, "libpcap.test") || strings.Contains(got, "oui") || strings.Contains(got, "exptest") {
		t.Errorf("names printed without ResolveNames:\n%s", got)
	}
}

func diffLines(t *testing.T, got, want string) {
	t.Helper()
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < max(len(g), len(w)); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			t.Errorf("line %d:\n got: %q\nwant: %q", i+1, gl, wl)
		}
	}
}

func writeNamesPcap(t *testing.T, path string, pkts [][]byte) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pcapfile.NewWriter(f, pcapfile.WriterOptions{LinkType: uint32(LinkEthernet)})
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range pkts {
		ci := pcapfile.CaptureInfo{Sec: 1700000000 + int64(i), CaptureLength: len(d), Length: len(d)}
		if err := w.WritePacket(ci, d); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// systemResolverFromFiles returns a SystemResolver without DNS reading
// files that give testResolver's names, with the duplicates and comments
// real files have: the first line for an address wins.
func systemResolverFromFiles(t *testing.T) *SystemResolver {
	dir := t.TempDir()
	write := func(name, text string) string {
		path := dir + "/" + name
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	return NewSystemResolver(SystemResolverConfig{
		NoDNS: true,
		HostsFile: write("hosts", `# comment
127.0.0.1 localhost
127.0.0.1	other-name
10.20.30.40 noeth-ipv4-noipv6.host123.libpcap.test alias # trailing comment
10.20.30.40 second.example
fe80::1%lo zoned
fd00:a1b2:c3d4::1020:3040:5060:7080 noeth-noipv4-ipv6.host123.libpcap.test
fd00:a1b2:c3d4::1020:3040:5060:7080 eth-ipv4-ipv6.host123.libpcap.test
bogus
`),
		ServicesFile: write("services", `# Network services
ssh		22/tcp				# SSH Remote Login Protocol
domain		53/tcp				# Domain Name Server
domain		53/udp
http		80/tcp		www		# WorldWideWeb HTTP
web		80/tcp
tproxy		8081/tcp
echo		4/ddp
broken		99999/tcp
`),
		EthersFile: write("ethers", `aa:00:04:00:14:0e eth-noipv4-noipv6.host123.libpcap.test
aa:0:4:0:14:e eth-noipv4-ipv6.host123.libpcap.test
# 00:00:5e:00:01:01 commented-out
zz:00:00:00:00:00 bad
`),
	})
}
