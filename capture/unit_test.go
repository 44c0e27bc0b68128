//go:build linux

package capture

import (
	"errors"
	"syscall"
	"testing"
	"time"

	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/net/bpf"
)

func TestCookedFilter(t *testing.T) {
	ld := func(mode uint16, size uint16, k uint32) bpf.RawInstruction {
		return bpf.RawInstruction{Op: 0x00 | mode | size, K: k}
	}
	const abs, ind, h, w, b = 0x20, 0x40, 0x08, 0x00, 0x10
	prog := []bpf.RawInstruction{
		ld(abs, h, 0),                       // SLL: pkttype / SLL2: protocol
		ld(abs, h, 14),                      // SLL: protocol
		ld(abs, b, 16+9),                    // IPv4 protocol
		ld(ind, h, 16+2),                    // X-relative
		{Op: 0xb1, K: 16},                   // ldxb 4*([16]&0xf)
		ld(abs, w, 0xfffff000+48),           // vlan_avail: untouched
		ld(abs, b, 0xfff00000+9),            // SKF_NET_OFF: untouched
		{Op: 0x06, K: 262144},               // ret
		{Op: 0x15, Jt: 0, Jf: 1, K: 0x0800}, // jeq: untouched
		{Op: 0x00, K: 3},                    // ld #3: untouched
		ld(abs, w, 4),                       // SLL2: ifindex
		ld(abs, b, 10),                      // SLL2: pkttype
		ld(abs, h, 20),                      // past SLL2
		{Op: 0x06, K: 0},
	}
	sll, err := CookedFilter(prog[:10], linktype.LinuxSLL)
	if err != nil {
		t.Fatal(err)
	}
	wantK := []uint32{0xfffff000 + 4, 0xfffff000 + 0, 9, 2, 0, 0xfffff000 + 48, 0xfff00000 + 9, 262144, 0x0800, 3}
	for i, k := range wantK {
		if sll[i].K != k || sll[i].Op != prog[i].Op {
			t.Errorf("SLL insn %d: %+v, want k %#x", i, sll[i], k)
		}
	}
	if prog[0].K != 0 {
		t.Error("input modified")
	}
	sll2, err := CookedFilter(append(append([]bpf.RawInstruction{}, prog[0]), prog[10:]...), linktype.LinuxSLL2)
	if err != nil {
		t.Fatal(err)
	}
	for i, k := range []uint32{0xfffff000 + 0, 0xfffff000 + 8, 0xfffff000 + 4, 0} {
		if sll2[i].K != k {
			t.Errorf("SLL2 insn %d: k %#x, want %#x", i, sll2[i].K, k)
		}
	}
	// The hardware address has no kernel equivalent.
	if _, err := CookedFilter([]bpf.RawInstruction{ld(abs, w, 6), {Op: 0x06}}, linktype.LinuxSLL); !errors.Is(err, ErrFilter) {
		t.Errorf("address load: %v", err)
	}
	if _, err := CookedFilter(prog, linktype.EN10MB); !errors.Is(err, ErrLinkType) {
		t.Errorf("Ethernet: %v", err)
	}
}

func TestOpenErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want string
		is   error
	}{
		{classify("eth0", "socket", syscall.EPERM),
			"eth0: You don't have permission to perform this capture on that device (socket: Operation not permitted - CAP_NET_RAW may be required)", ErrPermission},
		{classify("eth9", "SIOCGIFINDEX", syscall.ENODEV), "eth9: No such device exists (SIOCGIFINDEX: No such device)", ErrNoSuchDevice},
		{classify("eth0", "bind", syscall.ENETDOWN), "eth0: That device is not up (bind: Network is down)", ErrInterfaceDown},
		{&OpenError{Iface: "x", Kind: ErrNoSuchDevice}, "x: No such device exists", ErrNoSuchDevice},
		{classify("eth0", "mmap", syscall.ENOMEM), "eth0: mmap: Cannot allocate memory", syscall.ENOMEM},
	} {
		if tc.err.Error() != tc.want {
			t.Errorf("got  %q\nwant %q", tc.err.Error(), tc.want)
		}
		if !errors.Is(tc.err, tc.is) {
			t.Errorf("%v is not %v", tc.err, tc.is)
		}
	}
}

func TestInterfaceString(t *testing.T) {
	for _, tc := range []struct {
		i    Interface
		want string
	}{
		{Interface{Name: "eth0", Flags: FlagUp | FlagRunning, Connection: ConnectionConnected}, "eth0 [Up, Running, Connected]"},
		{Interface{Name: "any", Description: anyDescription, Flags: FlagUp | FlagRunning, Connection: ConnectionNotApplicable},
			"any (Pseudo-device that captures on all interfaces) [Up, Running]"},
		{Interface{Name: "lo", Flags: FlagUp | FlagRunning | FlagLoopback, Connection: ConnectionNotApplicable}, "lo [Up, Running, Loopback]"},
		{Interface{Name: "ifb0", Connection: ConnectionNotApplicable}, "ifb0 [none]"},
		{Interface{Name: "eth1", Connection: ConnectionDisconnected}, "eth1 [none, Disconnected]"},
		{Interface{Name: "wlan0", Flags: FlagUp | FlagWireless, Connection: ConnectionDisconnected}, "wlan0 [Up, Wireless, Not associated]"},
		{Interface{Name: "dummy0"}, "dummy0"},
		{Interface{Name: "eth2", Flags: FlagUp}, "eth2 [Up, Connection status unknown]"},
	} {
		if got := tc.i.String(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
	list := []Interface{
		{Name: "down0", Connection: ConnectionNotApplicable},
		{Name: "lo", Flags: FlagUp | FlagRunning | FlagLoopback},
		{Name: "any", Flags: FlagUp | FlagRunning},
		{Name: "eth0", Flags: FlagUp | FlagRunning, Connection: ConnectionConnected},
	}
	var got []string
	for _, i := range sortInterfaces(list) {
		got = append(got, i.Name)
	}
	if want := "eth0 any lo down0"; joinSpace(got) != want {
		t.Errorf("order %q, want %q", joinSpace(got), want)
	}
}

func joinSpace(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += " "
		}
		out += v
	}
	return out
}

func TestPlanRing(t *testing.T) {
	for _, tc := range []struct {
		o       Options
		bs, nr  int
		tov     uint32
		wantErr bool
	}{
		{Options{}, 1 << 20, 64, 50, false},
		{Options{BufferSize: 2 << 20}, 512 << 10, 4, 50, false}, // a block holds a 256 KiB packet
		{Options{BufferSize: 2 << 20, Snaplen: 1000}, 256 << 10, 8, 50, false},
		{Options{Immediate: true, Snaplen: 1000}, 4096, 16384, 1, false},
		{Options{BlockSize: 8192, BufferSize: 1 << 20, BlockTimeout: 100 * time.Millisecond}, 8192, 128, 100, false},
		{Options{BlockTimeout: 1500 * time.Microsecond}, 1 << 20, 64, 2, false},
		{Options{BlockSize: 1000}, 0, 0, 0, true},
	} {
		cfg, err := planRing(&tc.o, tc.o.snaplen(), 4)
		if (err != nil) != tc.wantErr {
			t.Errorf("%+v: %v", tc.o, err)
			continue
		}
		if !tc.wantErr && (cfg.blockSize != tc.bs || cfg.blockNr != tc.nr || cfg.tovMs != tc.tov) {
			t.Errorf("%+v: %+v, want %d x %d, %d ms", tc.o, cfg, tc.nr, tc.bs, tc.tov)
		}
	}
}

func TestRefilterAllocatesNothing(t *testing.T) {
	var pkts []fakePacket
	for i := 0; i < 20; i++ {
		pkts = append(pkts, fakePacket{data: ether(100), wireLen: 100, ifindex: 2})
	}
	h := fakeRing(t, linktype.EN10MB, pkts)
	prog := bpfvm.MustNew([]bpf.RawInstruction{{Op: 0x28, K: 12}, {Op: 0x15, K: 0x0800, Jf: 1}, {Op: 0x06, K: 50}, {Op: 0x06}}, bpfvm.Linux)
	h.refilter = &refilter{prog: prog, blocks: 1 << 30}
	kept := 0
	n := testing.AllocsPerRun(10, func() {
		var b Block
		_ = b.reset(h, 0)
		kept = 0
		for b.Next() {
			if len(b.Packet().Data) != 50 {
				t.Fatal("refilter snap length not applied")
			}
			kept++
		}
	})
	if n != 0 || kept != 20 {
		t.Errorf("%v allocations, %d kept", n, kept)
	}
}

// FuzzCookedFilter rewrites arbitrary programs: it must not panic, must
// keep the length and opcodes, and must only change load offsets.
func FuzzCookedFilter(f *testing.F) {
	f.Add([]byte{0x28, 0, 0, 0, 0, 0, 0, 0, 0x06, 0, 0, 0, 0, 0, 4, 0}, false)
	f.Add([]byte{0x30, 0, 0, 0, 25, 0, 0, 0, 0xb1, 0, 0, 0, 16, 0, 0, 0}, true)
	f.Fuzz(func(t *testing.T, raw []byte, sll2 bool) {
		var prog []bpf.RawInstruction
		for i := 0; i+8 <= len(raw); i += 8 {
			prog = append(prog, bpf.RawInstruction{
				Op: uint16(raw[i]) | uint16(raw[i+1])<<8, Jt: raw[i+2], Jf: raw[i+3],
				K: uint32(raw[i+4]) | uint32(raw[i+5])<<8 | uint32(raw[i+6])<<16 | uint32(raw[i+7])<<24,
			})
		}
		lt := linktype.LinuxSLL
		if sll2 {
			lt = linktype.LinuxSLL2
		}
		out, err := CookedFilter(prog, lt)
		if err != nil {
			return
		}
		if len(out) != len(prog) {
			t.Fatalf("length %d -> %d", len(prog), len(out))
		}
		for i := range out {
			if out[i].Op != prog[i].Op || out[i].Jt != prog[i].Jt || out[i].Jf != prog[i].Jf {
				t.Fatalf("insn %d changed beyond k: %+v -> %+v", i, prog[i], out[i])
			}
			if out[i].K != prog[i].K && prog[i].Op&0x07 > 1 {
				t.Fatalf("non-load insn %d changed: %+v -> %+v", i, prog[i], out[i])
			}
		}
	})
}
