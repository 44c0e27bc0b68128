// Package synth makes a deterministic stream of Ethernet frames that looks
// like a busy network link, for benchmarking savefile readers, filters and
// printers against tcpdump on the same data.
//
// The mix is what a campus or office uplink carries: TCP conversations
// (IPv4 and IPv6, web ports, handshakes, bulk transfers with full-size
// segments, pure ACKs, timestamps options, a few HTTP request and response
// lines), DNS queries and answers with compression and CNAME chains, other
// UDP, ICMP and ICMPv6 echo and errors, neighbour discovery and ARP.
// Addresses come from large pools picked with a skew, so a printer's
// address caches see both hot and cold entries. Frame sizes run from the
// 60-byte Ethernet minimum (short frames are zero-padded, as a NIC
// delivers them) to 1514 bytes.
//
// The same seed always gives the same frames, byte for byte, on every
// platform: the only source of randomness is a PCG generator seeded from it.
package synth

import (
	"encoding/binary"
	"fmt"
	"io"
	"math/rand/v2"

	"github.com/gocapdump/gocapdump/pcapfile"
)

// LinkTypeEthernet is the pcap link type of the frames (LINKTYPE_ETHERNET).
const LinkTypeEthernet = 1

// Frame sizes on an Ethernet link without the FCS.
const (
	minFrame = 60
	maxFrame = 1514
	mtu      = 1500
)

// StartTime is the time stamp of the first frame: 2024-01-01 00:00:00 UTC.
const StartTime = 1704067200

// Generator produces frames one at a time. It is not safe for concurrent
// use.
type Generator struct {
	rng   *rand.Rand
	pool  addressPool
	tcp   []*tcpFlow
	dns   []dnsQuery // queries still waiting for their answer
	ping  []echo     // ICMP echo requests still waiting for their reply
	ping6 []echo     // the same for ICMPv6

	nextPort uint16
	sec      int64
	usec     int64
	buf      [maxFrame]byte
}

// New returns a Generator whose frames depend only on seed.
func New(seed uint64) *Generator {
	g := &Generator{
		rng:      rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)),
		nextPort: 32768,
		sec:      StartTime,
	}
	g.pool = newAddressPool(g.rng)
	g.tcp = make([]*tcpFlow, activeFlows)
	return g
}

// kind is one entry of the traffic mix.
type kind struct {
	weight int
	make   func(g *Generator, b []byte) int
}

// mix is the share of each kind of frame, in parts per thousand. TCP
// dominates by packet count as on real links; DNS is next.
var mix = []kind{
	{720, (*Generator).tcpSegment},
	{110, (*Generator).dnsMessage},
	{90, (*Generator).otherUDP},
	{25, (*Generator).icmpEcho},
	{10, (*Generator).icmpError},
	{15, (*Generator).icmp6Echo},
	{10, (*Generator).neighbor},
	{20, (*Generator).arp},
}

var mixTotal = func() int {
	t := 0
	for _, k := range mix {
		t += k.weight
	}
	return t
}()

// Next returns the next frame and its capture information. The frame is
// valid until the following call.
func (g *Generator) Next() (pcapfile.CaptureInfo, []byte) {
	// Inter-arrival times are exponential with a 25 µs mean (40 kpps).
	g.usec += 1 + int64(g.rng.ExpFloat64()*24)
	g.sec += g.usec / 1e6
	g.usec %= 1e6

	b := g.buf[:]
	clear(b[:minFrame])
	pick := g.rng.IntN(mixTotal)
	n := 0
	for _, k := range mix {
		if pick < k.weight {
			n = k.make(g, b)
			break
		}
		pick -= k.weight
	}
	if n < minFrame {
		n = minFrame // the rest was cleared: Ethernet padding
	}
	ci := pcapfile.CaptureInfo{Sec: g.sec, Nsec: g.usec * 1000, CaptureLength: n, Length: n, LinkType: LinkTypeEthernet}
	return ci, b[:n]
}

// Write writes a pcap file (microsecond time stamps, little-endian,
// Ethernet) of n frames made from seed.
func Write(w io.Writer, n int, seed uint64) error {
	pw, err := pcapfile.NewWriter(w, pcapfile.WriterOptions{LinkType: LinkTypeEthernet, Snaplen: 262144})
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	g := New(seed)
	for i := 0; i < n; i++ {
		ci, frame := g.Next()
		if err := pw.WritePacket(ci, frame); err != nil {
			return fmt.Errorf("synth: frame %d: %w", i+1, err)
		}
	}
	if err := pw.Close(); err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	return nil
}

// skewed returns an index below n, small indexes far more often than large
// ones (roughly a power law), so some hosts are hot and most are cold.
func (g *Generator) skewed(n int) int {
	u := g.rng.Float64()
	return int(float64(n) * u * u * u)
}

// ephemeralPort hands out client ports the way Linux does, sequentially
// through 32768-60999.
func (g *Generator) ephemeralPort() uint16 {
	p := g.nextPort
	g.nextPort++
	if g.nextPort > 60999 {
		g.nextPort = 32768
	}
	return p
}

var be = binary.BigEndian

// Ether types and IP protocol numbers used below.
const (
	etherIPv4 = 0x0800
	etherARP  = 0x0806
	etherIPv6 = 0x86dd

	protoICMP   = 1
	protoTCP    = 6
	protoUDP    = 17
	protoICMPv6 = 58
)

// ether writes an Ethernet header and returns its length.
func ether(b []byte, dst, src mac, etherType uint16) int {
	copy(b[0:6], dst[:])
	copy(b[6:12], src[:])
	be.PutUint16(b[12:], etherType)
	return 14
}

// ipv4 writes an IPv4 header (no options, checksum filled in) for a
// payload of plen bytes and returns its length.
func ipv4(b []byte, src, dst ip4, proto uint8, plen int, id uint16, ttl uint8, df bool) int {
	b[0] = 0x45
	b[1] = 0
	be.PutUint16(b[2:], uint16(20+plen))
	be.PutUint16(b[4:], id)
	be.PutUint16(b[6:], 0)
	if df {
		b[6] = 0x40
	}
	b[8] = ttl
	b[9] = proto
	be.PutUint16(b[10:], 0)
	copy(b[12:16], src[:])
	copy(b[16:20], dst[:])
	be.PutUint16(b[10:], ^fold(sum(0, b[:20])))
	return 20
}

// ipv6 writes an IPv6 header for a payload of plen bytes.
func ipv6(b []byte, src, dst ip6, next uint8, plen int, hops uint8, flow uint32) int {
	be.PutUint32(b[0:], 6<<28|flow&0xfffff)
	be.PutUint16(b[4:], uint16(plen))
	b[6] = next
	b[7] = hops
	copy(b[8:24], src[:])
	copy(b[24:40], dst[:])
	return 40
}

// sum adds b to a ones'-complement accumulator.
func sum(acc uint32, b []byte) uint32 {
	for len(b) >= 2 {
		acc += uint32(be.Uint16(b))
		b = b[2:]
	}
	if len(b) == 1 {
		acc += uint32(b[0]) << 8
	}
	return acc
}

func fold(acc uint32) uint16 {
	for acc > 0xffff {
		acc = acc&0xffff + acc>>16
	}
	return uint16(acc)
}

// l4Checksum computes a TCP, UDP or ICMPv6 checksum over seg (with its
// checksum field zero) and the pseudo-header of the IP header at ip.
func l4Checksum(ip []byte, v6 bool, proto uint8, seg []byte) uint16 {
	var acc uint32
	if v6 {
		acc = sum(acc, ip[8:40])
	} else {
		acc = sum(acc, ip[12:20])
	}
	acc += uint32(proto) + uint32(len(seg))
	c := ^fold(sum(acc, seg))
	if c == 0 && proto == protoUDP {
		c = 0xffff
	}
	return c
}

// fill writes pseudo-random bytes, the look of compressed or encrypted
// payload.
func (g *Generator) fill(b []byte) {
	for len(b) >= 8 {
		be.PutUint64(b, g.rng.Uint64())
		b = b[8:]
	}
	v := g.rng.Uint64()
	for i := range b {
		b[i] = byte(v >> (8 * i))
	}
}
