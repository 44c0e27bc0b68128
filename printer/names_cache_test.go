package printer

import (
	"context"
	"encoding/binary"
	"io"
	"net/netip"
	"strings"
	"testing"
	"time"
)

// TestNamesAskOnce checks that every key is looked up once, failures
// included, as tcpdump does.
func TestNamesAskOnce(t *testing.T) {
	r := testResolver()
	pkts := namePackets()
	p := New(io.Discard, LinkEthernet, Options{ResolveNames: true, Resolver: r, LinkHeader: true})
	for _, d := range pkts {
		p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
	}
	first := r.asked
	for _, d := range pkts {
		p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
	}
	if r.asked != first {
		t.Errorf("second pass asked %d more questions, want 0", r.asked-first)
	}
}

// TestNameCacheBounded checks that the caches stay within their size on
// traffic from many more hosts than they hold, and still name the hosts
// in use.
func TestNameCacheBounded(t *testing.T) {
	r := &fakeResolver{hosts: map[netip.Addr]string{hostLocal: "localhost"}}
	const size = 64
	p := New(io.Discard, LinkEthernet, Options{ResolveNames: true, Resolver: r, NameCacheSize: size})
	pkts := synthManyHosts(10000)
	for i, d := range pkts {
		p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
		if n := p.names.hosts.len(); n > 2*size {
			t.Fatalf("after %d packets the host cache holds %d names, want at most %d", i+1, n, 2*size)
		}
	}
	if name := p.names.hostName(hostLocal); name != "localhost" {
		t.Errorf("host in use lost its name: %q", name)
	}
	asked := r.asked
	p.names.hostName(hostLocal)
	if r.asked != asked {
		t.Error("host in use was looked up again")
	}
}

// TestNameTimeout checks that a resolver that does not answer delays a
// packet by LookupTimeout at most, that the address then prints as a
// number, and that it is not asked about it again.
func TestNameTimeout(t *testing.T) {
	r := testResolver()
	r.delay = time.Hour
	p := New(io.Discard, LinkEthernet, Options{ResolveNames: true, Resolver: r, LookupTimeout: 10 * time.Millisecond})
	start := time.Now()
	if name := p.names.hostName(hostNamed); name != "" {
		t.Errorf("timed-out lookup gave %q, want the number", name)
	}
	if d := time.Since(start); d > time.Minute {
		t.Fatalf("lookup took %v despite a 10ms timeout", d)
	}
	asked := r.asked
	p.names.hostName(hostNamed)
	if r.asked != asked {
		t.Error("timed-out address was asked about again")
	}
}

// TestPrintContextCanceled checks that a canceled context stops lookups
// and that what they could not find is asked again later.
func TestPrintContextCanceled(t *testing.T) {
	r := testResolver()
	r.delay = time.Hour
	var out strings.Builder
	p := New(&out, LinkEthernet, Options{ResolveNames: true, Resolver: r, Timestamp: TimestampNone})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := namePackets()[0]
	if err := p.PrintContext(ctx, CaptureInfo{Seconds: 1, Length: len(d)}, d); err != nil {
		t.Fatal(err)
	}
	p.Flush()
	if want := "IP 10.20.30.40.http > 192.0.2.7.55920: "; !strings.HasPrefix(out.String(), want) {
		t.Errorf("got %q, want prefix %q", out.String(), want)
	}
	if _, ok := p.names.hosts.get(hostNamed); ok {
		t.Error("answer of a canceled lookup was remembered")
	}
}

// TestLocalNet checks -f: IPv4 addresses outside the local network are
// not looked up; IPv6 addresses always are.
func TestLocalNet(t *testing.T) {
	r := testResolver()
	p := New(io.Discard, LinkEthernet, Options{ResolveNames: true, Resolver: r, LocalNet: netip.MustParsePrefix("127.0.0.0/8")})
	if got := p.names.hostName(hostNamed); got != "" {
		t.Errorf("foreign %v printed as %q, want the number", hostNamed, got)
	}
	if got := p.names.hostName(hostLocal); got != "localhost" {
		t.Errorf("local %v printed as %q, want localhost", hostLocal, got)
	}
	if got := p.names.hostName(host6Named); got == "" {
		t.Errorf("IPv6 %v not resolved with -f", host6Named)
	}
}

// TestNamesNoAllocations checks that printing with names allocates
// nothing once the names are known.
func TestNamesNoAllocations(t *testing.T) {
	pkts := synthPackets(2000)
	p := New(io.Discard, LinkEthernet, Options{Location: time.UTC, ResolveNames: true, Resolver: testResolver(), LinkHeader: true})
	for _, d := range pkts {
		p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
	}
	i := 0
	allocs := testing.AllocsPerRun(1000, func() {
		d := pkts[i%len(pkts)]
		i++
		p.Print(CaptureInfo{Seconds: int64(1 + i/100), Length: len(d)}, d)
	})
	if allocs != 0 {
		t.Errorf("%.2f allocations per packet, want 0", allocs)
	}
}

// synthManyHosts builds n UDP packets from n different sources that
// differ only in their last two octets: the traffic that makes tcpdump's
// address table slow down quadratically (research/printing.md section 7).
func synthManyHosts(n int) [][]byte {
	pkts := make([][]byte, n)
	for i := range pkts {
		src := netip.AddrFrom4([4]byte{10, 1, byte(i >> 8), byte(i)})
		b := etherFrame(macIANA, macCisco, etherTypeIPv4, ipv4Packet(src, hostLocal, protoUDP, 0, udpDatagram(uint16(1024+i%1000), 9999, make([]byte, 8))))
		binary.BigEndian.PutUint16(b[14+10:], 0)
		pkts[i] = b
	}
	return pkts
}

// BenchmarkPrintNamesManyHosts prints traffic from ever new hosts with
// names resolved by a resolver that knows none of them: the cost per
// packet must stay flat however many hosts have been seen.
func BenchmarkPrintNamesManyHosts(b *testing.B) {
	pkts := synthManyHosts(1 << 16)
	p := New(io.Discard, LinkEthernet, Options{Timestamp: TimestampNone, ResolveNames: true, Resolver: testResolver()})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := pkts[i%len(pkts)]
		p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
	}
	p.Flush()
}

// BenchmarkPrintNamesCached is BenchmarkPrint with names, all of them
// already known.
func BenchmarkPrintNamesCached(b *testing.B) {
	pkts := synthPackets(4096)
	p := New(io.Discard, LinkEthernet, Options{Timestamp: TimestampNone, ResolveNames: true, Resolver: testResolver()})
	for _, d := range pkts {
		p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		d := pkts[i%len(pkts)]
		p.Print(CaptureInfo{Seconds: 1, Length: len(d)}, d)
	}
	p.Flush()
}

// FuzzPrintNames is FuzzPrint with names resolved: printing must never
// panic, whatever the packet.
func FuzzPrintNames(f *testing.F) {
	for _, d := range namePackets() {
		f.Add(uint8(0), d)
	}
	f.Fuzz(func(t *testing.T, sel uint8, data []byte) {
		links := []LinkType{LinkEthernet, LinkRaw, LinkLinuxSLL, LinkLinuxSLL2}
		opts := []Options{{}, {LinkHeader: true}, {Verbose: 3, LinkHeader: true}, {ShortHostNames: true, Verbose: 1}}
		opt := opts[int(sel/4)%len(opts)]
		opt.ResolveNames = true
		opt.Resolver = testResolver()
		p := New(io.Discard, links[int(sel)%len(links)], opt)
		ci := CaptureInfo{Seconds: 1, Length: len(data) + int(sel)}
		p.Print(ci, data)
		p.Print(ci, data)
	})
}
