//go:build linux

package capture

import (
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocapdump/gocapdump/internal/kernelprobe"
	"github.com/gocapdump/gocapdump/internal/testenv"
)

// testNet is a private network namespace holding one veth pair, "va" and
// "vb", both up, with IPv6 off so that the link carries only the frames a
// test sends.
type testNet struct {
	t    *testing.T
	name string
	va   net.HardwareAddr
	vb   net.HardwareAddr
	ia   int // ifindex of va
	ib   int // ifindex of vb
	lo   int
}

var netnsSeq atomic.Int32

func run(t *testing.T, args ...string) string {
	t.Helper()
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// newTestNet makes the namespace and removes it when the test ends.
func newTestNet(t *testing.T) *testNet {
	t.Helper()
	testenv.RequireRoot(t)
	name := fmt.Sprintf("gcdcap-%d-%d", os.Getpid(), netnsSeq.Add(1))
	run(t, "ip", "netns", "add", name)
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", name).Run() })
	ns := func(args ...string) { run(t, append([]string{"ip", "netns", "exec", name}, args...)...) }
	ns("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1")
	ns("sysctl", "-qw", "net.ipv6.conf.default.disable_ipv6=1")
	run(t, "ip", "-n", name, "link", "add", "va", "address", "02:00:00:00:00:0a", "type", "veth", "peer", "name", "vb", "address", "02:00:00:00:00:0b")
	run(t, "ip", "-n", name, "link", "set", "va", "up")
	run(t, "ip", "-n", name, "link", "set", "vb", "up")
	run(t, "ip", "-n", name, "link", "set", "lo", "up")
	n := &testNet{t: t, name: name}
	n.va, _ = net.ParseMAC("02:00:00:00:00:0a")
	n.vb, _ = net.ParseMAC("02:00:00:00:00:0b")
	// The kernel marks the veth ends running (and activates their qdiscs)
	// asynchronously; frames sent before that are lost.
	n.waitRunning("va")
	n.waitRunning("vb")
	n.do(func() {
		for _, x := range []struct {
			name string
			p    *int
		}{{"va", &n.ia}, {"vb", &n.ib}, {"lo", &n.lo}} {
			ifc, err := net.InterfaceByName(x.name)
			if err != nil {
				t.Errorf("%s: %v", x.name, err)
				return
			}
			*x.p = ifc.Index
		}
	})
	return n
}

// waitRunning waits until the named interface of n is running.
func (n *testNet) waitRunning(name string) {
	n.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		running := false
		n.do(func() {
			ifc, err := net.InterfaceByName(name)
			running = err == nil && ifc.Flags&net.FlagRunning != 0
		})
		if running {
			return
		}
		if time.Now().After(deadline) {
			n.t.Fatalf("%s not running after 5 s", name)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// do runs fn on an OS thread switched into the namespace. Sockets made
// there stay in the namespace and can be used from any goroutine. The
// thread is never unlocked, so Go retires it instead of reusing it outside.
func (n *testNet) do(fn func()) {
	n.t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		runtime.LockOSThread()
		f, err := os.Open("/var/run/netns/" + n.name)
		if err != nil {
			n.t.Errorf("open netns: %v", err)
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			n.t.Errorf("setns: %v", err)
			return
		}
		fn()
	}()
	<-done
	if n.t.Failed() {
		n.t.FailNow()
	}
}

// open starts a capture inside the namespace.
func (n *testNet) open(ctx context.Context, iface string, o Options) *Handle {
	n.t.Helper()
	if o.BufferSize == 0 {
		o.BufferSize = 4 << 20
	}
	// Without kernel filters the ring, decoding, direction, VLAN,
	// cooked headers and stats are still tested.
	o.noKernelFilter = !kernelprobe.Usable(n.t)
	if o.BlockTimeout == 0 {
		o.BlockTimeout = 5e6 // 5 ms: keep the tests quick
	}
	var h *Handle
	var err error
	n.do(func() { h, err = Open(ctx, iface, o) })
	if err != nil {
		n.t.Fatalf("Open(%s): %v", iface, err)
	}
	n.t.Cleanup(func() { h.Close() })
	return h
}

// sender is a raw AF_PACKET socket in the namespace that sends handcrafted
// frames out of one interface.
type sender struct {
	fd      int
	ifindex int
}

func (n *testNet) sender(ifindex int) *sender {
	n.t.Helper()
	var fd int
	var err error
	n.do(func() { fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0) })
	if err != nil {
		n.t.Fatalf("sender socket: %v", err)
	}
	n.t.Cleanup(func() { unix.Close(fd) })
	return &sender{fd: fd, ifindex: ifindex}
}

func (s *sender) send(t *testing.T, frame []byte) {
	t.Helper()
	sa := &unix.SockaddrLinklayer{Ifindex: s.ifindex, Halen: 6}
	copy(sa.Addr[:], frame[:6])
	if err := unix.Sendto(s.fd, frame, 0, sa); err != nil {
		t.Fatalf("sendto: %v", err)
	}
}

// udpFrame builds an Ethernet/IPv4/UDP frame from src to dst MAC, padded
// with a payload so that the frame is size bytes long. seq goes into the
// payload so that frames can be told apart.
func udpFrame(dst, src net.HardwareAddr, dport uint16, seq int, size int) []byte {
	f := make([]byte, size)
	copy(f[0:6], dst)
	copy(f[6:12], src)
	f[12], f[13] = 0x08, 0x00
	ip := f[14:34]
	ip[0] = 0x45
	ipLen := size - 14
	ip[2], ip[3] = byte(ipLen>>8), byte(ipLen)
	ip[8] = 64
	ip[9] = 17
	copy(ip[12:16], []byte{198, 51, 100, 1}) // TEST-NET-2: never routed anywhere
	copy(ip[16:20], []byte{198, 51, 100, 2})
	udp := f[34:42]
	udp[0], udp[1] = 0x30, 0x39
	udp[2], udp[3] = byte(dport>>8), byte(dport)
	udpLen := size - 34
	udp[4], udp[5] = byte(udpLen>>8), byte(udpLen)
	for i := 42; i < size; i++ {
		f[i] = byte(seq + i)
	}
	if size >= 46 {
		f[42], f[43], f[44], f[45] = byte(seq>>24), byte(seq>>16), byte(seq>>8), byte(seq)
	}
	return f
}

// vlanFrame inserts an 802.1Q tag with the given TCI after the MACs.
func vlanFrame(f []byte, tpid, tci uint16) []byte {
	out := make([]byte, 0, len(f)+4)
	out = append(out, f[:12]...)
	out = append(out, byte(tpid>>8), byte(tpid), byte(tci>>8), byte(tci))
	return append(out, f[12:]...)
}
