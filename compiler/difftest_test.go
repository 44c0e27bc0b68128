package compiler

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
)

// The optimizer may change a program's shape but never its meaning. The
// differential test below holds it to that on real traffic: random
// expressions are compiled with and without the optimizer for each of the
// corpus's savefiles, exactly as filtertest -r compiles them, and both
// programs must return the same value for every packet.

var (
	diffCount = flag.Int("difftest.count", 600, "random expressions TestOptimizerDifferential tries")
	diffSeed  = flag.Uint64("difftest.seed", 1, "seed of TestOptimizerDifferential's expression generator")
)

// diffPacket is one savefile record.
type diffPacket struct {
	data    []byte
	wireLen int
}

// diffSavefile is a savefile read into memory with the options
// filtertest -r compiles its filters with.
type diffSavefile struct {
	name    string
	opts    Options
	packets []diffPacket
}

// loadDiffSavefiles reads every savefile under dir. Files that cannot be
// opened are the corpus's deliberately broken ones and are left out; a
// file that breaks part way keeps the packets before the damage, as
// filtertest -r would have filtered them.
func loadDiffSavefiles(t *testing.T, dir string) []diffSavefile {
	t.Helper()
	var files []diffSavefile
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		r, err := pcapfile.NewReader(f)
		if err != nil {
			return nil
		}
		order := SavefileNative
		if r.ByteOrder() != binary.NativeEndian {
			order = SavefileSwapped
		}
		sf := diffSavefile{
			name: filepath.Base(path),
			opts: Options{
				LinkType: linktype.FromSavefile(r.LinkType()),
				Snaplen:  r.Snaplen(),
				Savefile: order,
			},
		}
		for {
			data, ci, err := r.ReadPacketData()
			if err != nil {
				if !errors.Is(err, io.EOF) {
					t.Logf("%s: reading stops after %d packets: %v", sf.name, len(sf.packets), err)
				}
				break
			}
			sf.packets = append(sf.packets, diffPacket{data: slices.Clone(data), wireLen: ci.Length})
		}
		files = append(files, sf)
		return nil
	})
	if err != nil {
		t.Fatalf("walking %s: %v", dir, err)
	}
	return files
}

// diffValues are the addresses, ports and protocols seen in the
// savefiles' Ethernet traffic. Expressions built from them match some
// packets, which random constants almost never do.
type diffValues struct {
	ip4, ip6 []net.IP
	macs     []net.HardwareAddr
	ports    []int
	protos   []int
}

func mineDiffValues(files []diffSavefile) *diffValues {
	v := &diffValues{}
	seen := map[string]bool{}
	addIP := func(b []byte) {
		ip := net.IP(slices.Clone(b))
		if seen[ip.String()] {
			return
		}
		seen[ip.String()] = true
		if len(b) == net.IPv4len {
			v.ip4 = append(v.ip4, ip)
		} else {
			v.ip6 = append(v.ip6, ip)
		}
	}
	addInt := func(list *[]int, n int) {
		if !slices.Contains(*list, n) {
			*list = append(*list, n)
		}
	}
	for _, f := range files {
		if f.opts.LinkType != linktype.Ethernet {
			continue
		}
		for _, p := range f.packets {
			d := p.data
			if len(d) < 14 {
				continue
			}
			for _, mac := range [][]byte{d[0:6], d[6:12]} {
				if !seen[string(mac)] {
					seen[string(mac)] = true
					v.macs = append(v.macs, net.HardwareAddr(slices.Clone(mac)))
				}
			}
			var proto, l4 int
			switch binary.BigEndian.Uint16(d[12:]) {
			case 0x0800:
				if len(d) < 34 {
					continue
				}
				addIP(d[26:30])
				addIP(d[30:34])
				proto, l4 = int(d[23]), 14+int(d[14]&0xf)*4
			case 0x86dd:
				if len(d) < 54 {
					continue
				}
				addIP(d[22:38])
				addIP(d[38:54])
				proto, l4 = int(d[20]), 54
			default:
				continue
			}
			addInt(&v.protos, proto)
			if (proto == 6 || proto == 17 || proto == 132) && len(d) >= l4+4 {
				addInt(&v.ports, int(binary.BigEndian.Uint16(d[l4:])))
				addInt(&v.ports, int(binary.BigEndian.Uint16(d[l4+2:])))
			}
		}
	}
	return v
}

// exprGen writes random pcap-filter expressions from a small grammar over
// the primitives that make sense on Ethernet and raw IP traffic. protochain
// is left out: libpcap never optimizes it.
type exprGen struct {
	r *rand.Rand
	v *diffValues
}

func (g *exprGen) pick(list []string) string { return list[g.r.IntN(len(list))] }

func (g *exprGen) chance(p float64) bool { return g.r.Float64() < p }

// expr is an expression nested at most depth levels.
func (g *exprGen) expr(depth int) string {
	if depth == 0 || g.chance(0.3) {
		return g.primitive()
	}
	switch g.r.IntN(7) {
	case 0, 1:
		return g.expr(depth-1) + g.pick([]string{" and ", " && "}) + g.expr(depth-1)
	case 2, 3:
		return g.expr(depth-1) + g.pick([]string{" or ", " || "}) + g.expr(depth-1)
	case 4:
		return g.pick([]string{"not ", "!"}) + g.expr(depth-1)
	default:
		return "(" + g.expr(depth-1) + ")"
	}
}

func (g *exprGen) primitive() string {
	return diffPrimitives[g.r.IntN(len(diffPrimitives))](g)
}

func (g *exprGen) ip4() net.IP {
	if len(g.v.ip4) > 0 && g.chance(0.8) {
		return g.v.ip4[g.r.IntN(len(g.v.ip4))]
	}
	return net.IPv4(10, byte(g.r.IntN(4)), byte(g.r.IntN(256)), byte(g.r.IntN(256)))
}

func (g *exprGen) ip6() net.IP {
	if len(g.v.ip6) > 0 && g.chance(0.8) {
		return g.v.ip6[g.r.IntN(len(g.v.ip6))]
	}
	ip := net.ParseIP("fe80::")
	binary.BigEndian.PutUint64(ip[8:], g.r.Uint64())
	return ip
}

func (g *exprGen) host() string {
	if g.chance(0.7) {
		return g.ip4().String()
	}
	return g.ip6().String()
}

// network is an address with its host bits cleared (libpcap refuses
// "net" with host bits set) and the prefix length.
func (g *exprGen) network() string {
	if g.chance(0.75) {
		bits := g.pick([]string{"8", "16", "24", "32", "12", "20"})
		var n int
		fmt.Sscan(bits, &n)
		return (&net.IPNet{IP: g.ip4().To4().Mask(net.CIDRMask(n, 32)), Mask: net.CIDRMask(n, 32)}).String()
	}
	n := []int{16, 32, 48, 64, 128}[g.r.IntN(5)]
	return (&net.IPNet{IP: g.ip6().Mask(net.CIDRMask(n, 128)), Mask: net.CIDRMask(n, 128)}).String()
}

func (g *exprGen) mac() string {
	if len(g.v.macs) > 0 && g.chance(0.8) {
		return g.v.macs[g.r.IntN(len(g.v.macs))].String()
	}
	m := make(net.HardwareAddr, 6)
	binary.BigEndian.PutUint32(m[2:], g.r.Uint32())
	return m.String()
}

func (g *exprGen) port() int {
	if len(g.v.ports) > 0 && g.chance(0.8) {
		return g.v.ports[g.r.IntN(len(g.v.ports))]
	}
	return []int{22, 53, 80, 443, 500, 4500, 4789, 6081, 0, 65535}[g.r.IntN(10)]
}

func (g *exprGen) proto() int {
	if len(g.v.protos) > 0 && g.chance(0.7) {
		return g.v.protos[g.r.IntN(len(g.v.protos))]
	}
	return []int{1, 2, 6, 17, 41, 47, 50, 51, 58, 103, 112, 132}[g.r.IntN(12)]
}

func (g *exprGen) relop() string { return g.pick([]string{"=", "==", "!=", "<", "<=", ">", ">="}) }

func (g *exprGen) direction() string {
	return g.pick([]string{"", "", "src ", "dst ", "src or dst ", "src and dst "})
}

// small is a constant for comparisons: mostly byte-sized, sometimes wider.
func (g *exprGen) small() int {
	switch g.r.IntN(4) {
	case 0:
		return g.r.IntN(16)
	case 1:
		return g.r.IntN(65536)
	default:
		return g.r.IntN(256)
	}
}

// load is a packet access: proto[off], proto[off:size], or a named field.
func (g *exprGen) load() string {
	switch g.r.IntN(8) {
	case 0:
		return "tcp[tcpflags]"
	case 1:
		return "icmp[icmptype]"
	case 2:
		return fmt.Sprintf("ether[%d:%d]", g.r.IntN(20), g.pick1of(1, 2, 4))
	case 3:
		return fmt.Sprintf("ip6[%d]", g.r.IntN(48))
	case 4:
		return g.pick([]string{"len", "ip[0] & 0xf", "ip[2:2]", "ip[9]", "ip[6:2] & 0x1fff"})
	default:
		layer := g.pick([]string{"ip", "ip", "tcp", "udp", "icmp", "ether"})
		if g.chance(0.2) {
			return fmt.Sprintf("%s[%d:%d]", layer, g.r.IntN(24), g.pick1of(1, 2, 4))
		}
		return fmt.Sprintf("%s[%d]", layer, g.r.IntN(24))
	}
}

func (g *exprGen) pick1of(vals ...int) int { return vals[g.r.IntN(len(vals))] }

// arith is an arithmetic expression over loads and constants. Divisors
// are never zero: libpcap refuses division by a constant 0.
func (g *exprGen) arith(depth int) string {
	if depth == 0 || g.chance(0.5) {
		if g.chance(0.6) {
			return g.load()
		}
		return fmt.Sprint(g.small())
	}
	switch op := g.pick([]string{"+", "-", "*", "&", "|", "^", "<<", ">>", "/", "%"}); op {
	case "/", "%":
		return fmt.Sprintf("%s %s %d", g.arith(depth-1), op, 1+g.r.IntN(16))
	case "<<", ">>":
		return fmt.Sprintf("%s %s %d", g.arith(depth-1), op, g.r.IntN(8))
	default:
		return fmt.Sprintf("(%s %s %s)", g.arith(depth-1), op, g.arith(depth-1))
	}
}

// diffPrimitives are the generator's leaves.
var diffPrimitives = []func(g *exprGen) string{
	func(g *exprGen) string { return g.direction() + "host " + g.host() },
	func(g *exprGen) string { return "host " + g.host() + " or " + g.host() },
	func(g *exprGen) string {
		return g.pick([]string{"ip ", "ip6 ", ""}) + g.direction() + "net " + g.network()
	},
	func(g *exprGen) string {
		return "ether " + g.pick([]string{"host ", "src ", "dst "}) + g.mac()
	},
	func(g *exprGen) string {
		return g.pick([]string{"ether broadcast", "ether multicast", "ip multicast", "ip6 multicast", "broadcast", "multicast"})
	},
	func(g *exprGen) string {
		return g.pick([]string{"", "tcp ", "udp ", "sctp "}) + g.direction() + fmt.Sprintf("port %d", g.port())
	},
	func(g *exprGen) string { return fmt.Sprintf("port %d or %d", g.port(), g.port()) },
	func(g *exprGen) string {
		a, b := g.port(), g.port()
		if a > b {
			a, b = b, a
		}
		return g.pick([]string{"", "tcp ", "udp "}) + g.direction() + fmt.Sprintf("portrange %d-%d", a, b)
	},
	func(g *exprGen) string {
		return g.pick([]string{"ip", "ip6", "arp", "rarp", "tcp", "udp", "icmp", "icmp6", "igmp", "sctp", "pim", "vrrp", "ah", "esp", "carp"})
	},
	func(g *exprGen) string {
		return g.pick([]string{"ip proto ", "ip6 proto ", "proto "}) + fmt.Sprint(g.proto())
	},
	func(g *exprGen) string {
		return fmt.Sprintf("ether proto 0x%x", g.pick1of(0x800, 0x86dd, 0x806, 0x8035, 0x8100, 0x88a8, 0x8847, 0x8864, 0x6003))
	},
	func(g *exprGen) string {
		if g.chance(0.5) {
			return g.pick([]string{"vlan", "mpls", "pppoes", "pppoed"})
		}
		return fmt.Sprintf("%s %d", g.pick([]string{"vlan", "mpls", "pppoes"}), g.r.IntN(8))
	},
	func(g *exprGen) string {
		return fmt.Sprintf("%s %d", g.pick([]string{"len <=", "len >=", "less", "greater", "len ="}), 40+g.r.IntN(1500))
	},
	func(g *exprGen) string { return fmt.Sprintf("%s %s %d", g.load(), g.relop(), g.small()) },
	func(g *exprGen) string { return fmt.Sprintf("%s & 0x%x != 0", g.load(), 1+g.r.IntN(255)) },
	func(g *exprGen) string { return fmt.Sprintf("%s %s %s", g.arith(3), g.relop(), g.arith(2)) },
	func(g *exprGen) string {
		return "tcp[tcpflags] & (" + g.pick([]string{"tcp-syn", "tcp-ack", "tcp-fin", "tcp-rst", "tcp-push", "tcp-syn|tcp-ack"}) + ") " + g.pick([]string{"!= 0", "= 0"})
	},
	func(g *exprGen) string {
		return "icmp[icmptype] " + g.pick([]string{"=", "!="}) + " " + g.pick([]string{"icmp-echo", "icmp-echoreply", "icmp-unreach", "icmp-timxceed"})
	},
}

// onlyLoadFailureDiffers reports whether two programs that disagree on p
// agree once the packet is long enough for every load to succeed. libpcap's
// optimizer treats loads as free of side effects (see opt_root and the
// dead-store pass in optimize.c): it drops dead loads and jumps past
// blocks whose branches meet, although in bpf_filter a load beyond
// the captured bytes ends the program with 0. An optimized program may
// therefore accept a short packet that the unoptimized one rejects, and
// gocapdump, which reproduces libpcap's programs, must do the same. The
// packet is extended twice, with zeros and with 0xff bytes, so a wrong
// program cannot hide behind one padding's contents; the wire length is
// kept, so "len" still reads the original.
func onlyLoadFailureDiffers(unopt, opt *bpfvm.Program, p diffPacket) bool {
	const pad = 4096
	if unopt.Run(p.data, p.wireLen, nil) == unopt.Run(append(slices.Clone(p.data), make([]byte, pad)...), p.wireLen, nil) {
		return false // no load of the unoptimized program failed
	}
	for _, fill := range []byte{0x00, 0xff} {
		long := append(slices.Clone(p.data), bytes.Repeat([]byte{fill}, pad)...)
		if unopt.Run(long, p.wireLen, nil) != opt.Run(long, p.wireLen, nil) {
			return false
		}
	}
	return true
}

// optimizerRefusals are the errors libpcap's optimizer itself raises when
// constant folding finds an operation gencode could not see.
var optimizerRefusals = map[string]bool{
	"division by zero":           true,
	"modulus by zero":            true,
	"shift by more than 31 bits": true,
}

func TestOptimizerDifferential(t *testing.T) {
	files := loadDiffSavefiles(t, filepath.Join(testcorpus.Dir(t, "libpcap"), "savefiles"))
	if len(files) == 0 {
		t.Fatal("no readable savefiles in the corpus")
	}
	g := &exprGen{r: rand.New(rand.NewPCG(*diffSeed, 0x9e3779b97f4a7c15)), v: mineDiffValues(files)}

	// Files with the same link type, snapshot length and byte order share
	// their programs.
	type group struct {
		opts  Options
		files []diffSavefile
	}
	var groups []*group
	for _, f := range files {
		i := slices.IndexFunc(groups, func(gr *group) bool {
			return gr.opts.LinkType == f.opts.LinkType && gr.opts.Snaplen == f.opts.Snaplen && gr.opts.Savefile == f.opts.Savefile
		})
		if i < 0 {
			groups = append(groups, &group{opts: f.opts})
			i = len(groups) - 1
		}
		groups[i].files = append(groups[i].files, f)
	}

	var stats struct {
		exprs, compiled, rejectsAll, refused, runs, accepted, shortLoads, failures int
	}
	fail := func(format string, args ...any) {
		stats.failures++
		if stats.failures <= 10 {
			t.Errorf(format, args...)
		}
	}
	for stats.exprs < *diffCount {
		expr := g.expr(1 + g.r.IntN(4))
		stats.exprs++
		for _, gr := range groups {
			unoptOpts, optOpts := gr.opts, gr.opts
			unoptOpts.NoOptimize = true
			unopt, uerr := Compile(expr, unoptOpts)
			opt, oerr := Compile(expr, optOpts)
			if uerr != nil {
				// Not valid for this link type (vlan on 802.11, ...): the
				// optimizer never sees it, so it must fail the same way.
				if oerr == nil || oerr.Error() != uerr.Error() {
					fail("%s %q: unoptimized fails with %q, optimized gives %v", gr.opts.LinkType, expr, uerr, oerr)
				}
				continue
			}
			stats.compiled++
			uvm, err := bpfvm.New(unopt.Instructions(), bpfvm.Libpcap)
			if err != nil {
				fail("%s %q: unoptimized program does not load: %v\n%s", gr.opts.LinkType, expr, err, unopt)
				continue
			}
			var ovm *bpfvm.Program
			switch {
			case oerr != nil && optimizerRefusals[oerr.Error()]:
				// libpcap's optimizer refuses these too, once constant
				// folding exposes them ("ip[0] >> 6 * 113").
				stats.refused++
				continue
			case oerr != nil && oerr.Error() == "expression rejects all packets":
				stats.rejectsAll++ // checked packet by packet below
			case oerr != nil:
				fail("%s %q: only the optimized compile fails: %v", gr.opts.LinkType, expr, oerr)
				continue
			default:
				if ovm, err = bpfvm.New(opt.Instructions(), bpfvm.Libpcap); err != nil {
					fail("%s %q: optimized program does not load: %v\n%s", gr.opts.LinkType, expr, err, opt)
					continue
				}
			}
			for _, f := range gr.files {
				for i, p := range f.packets {
					want := uvm.Run(p.data, p.wireLen, nil)
					var got uint32
					if ovm != nil {
						got = ovm.Run(p.data, p.wireLen, nil)
					}
					stats.runs++
					if want != 0 {
						stats.accepted++
					}
					if got == want {
						continue
					}
					if ovm != nil && onlyLoadFailureDiffers(uvm, ovm, p) {
						stats.shortLoads++
						continue
					}
					if ovm == nil {
						fail("%s %q: the optimizer says it rejects all packets, but the unoptimized program returns %d for packet %d of %s\n%s",
							gr.opts.LinkType, expr, want, i+1, f.name, unopt)
					} else {
						fail("%s %q: packet %d of %s: unoptimized returns %d, optimized %d\n--- unoptimized\n%s--- optimized\n%s",
							gr.opts.LinkType, expr, i+1, f.name, want, got, unopt, opt)
					}
					break
				}
			}
		}
	}
	if stats.failures > 10 {
		t.Errorf("... %d failures in all", stats.failures)
	}
	t.Logf("%d expressions over %d savefiles (%d link-type groups): %d compiled, %d optimized to \"rejects all packets\", %d refused by the optimizer's constant checks; %d packet runs, %d accepted; %d differ only where the unoptimized program's load runs off the packet",
		stats.exprs, len(files), len(groups), stats.compiled, stats.rejectsAll, stats.refused, stats.runs, stats.accepted, stats.shortLoads)
	// A generator whose expressions never match proves nothing.
	if stats.accepted == 0 || stats.accepted == stats.runs {
		t.Errorf("%d of %d packet runs accepted: the generator does not exercise both verdicts", stats.accepted, stats.runs)
	}
}
