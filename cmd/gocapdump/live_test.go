//go:build linux

package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gocapdump/gocapdump/capture"
	"github.com/gocapdump/gocapdump/internal/kernelprobe"
	"github.com/gocapdump/gocapdump/internal/testenv"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
	"golang.org/x/sys/unix"
)

// ---- Option parsing ----

func TestParseLiveOptions(t *testing.T) {
	cfg, err := parseTcpdumpArgs([]string{"-i", "eth0", "-p", "-B", "4096", "-Q", "IN", "-U",
		"--immediate-mode", "-w", "f", "-C", "2k", "-W", "12", "-G", "30", "-Z", "nobody", "-c", "5", "-s", "96"})
	if err != nil {
		t.Fatal(err)
	}
	want := rotation{fileSize: 2048, fileCount: 12, seconds: 30}
	if cfg.iface != "eth0" || !cfg.noPromisc || cfg.bufferSize != 4096*1024 || cfg.direction != capture.DirectionIn ||
		!cfg.packetBuffered || !cfg.immediate || cfg.rotation != want || cfg.user != "nobody" ||
		cfg.count != 5 || cfg.snaplen != 96 {
		t.Errorf("parsed %+v", cfg)
	}
	for _, tc := range []struct {
		arg  string
		size int64
	}{{"1", 1000000}, {"3m", 3 << 20}, {"1G", 1 << 30}, {"7K", 7 << 10}} {
		cfg, err := parseTcpdumpArgs([]string{"-w", "f", "-C", tc.arg})
		if err != nil || cfg.rotation.fileSize != tc.size {
			t.Errorf("-C %s: %v, %d; want %d", tc.arg, err, cfg.rotation.fileSize, tc.size)
		}
	}
	for _, args := range [][]string{{"-D"}, {"--list-interfaces"}} {
		if cfg, err := parseTcpdumpArgs(args); err != nil || !cfg.listIfaces {
			t.Errorf("%q: %v", args, err)
		}
	}
	if cfg, err := parseTcpdumpArgs([]string{"-L", "-i", "lo"}); err != nil || !cfg.listLinkTypes {
		t.Errorf("-L: %v", err)
	}
}

func TestLiveOptionErrors(t *testing.T) {
	checkExits(t, nil, []exitCase{
		{[]string{"-Q", "sideways"}, 1, "gocapdump: unknown capture direction 'sideways'\n"},
		{[]string{"-B", "x"}, 1, `gocapdump: invalid packet buffer size "x" (not a valid number)`},
		{[]string{"-B", "0"}, 1, "gocapdump: invalid packet buffer size 0 (must be >= 1 and <= 2147483647)"},
		{[]string{"-B", "3000000"}, 1, "gocapdump: packet buffer size 3000000 is too large"},
		{[]string{"-C", "5"}, 1, "gocapdump: -C cannot be used without -w.\n"},
		{[]string{"-G", "5"}, 1, "gocapdump: -G cannot be used without -w.\n"},
		{[]string{"-w", "f", "-C", "5x"}, 1, "gocapdump: invalid file size 5x (invalid units)"},
		{[]string{"-w", "f", "-C", "5kb"}, 1, "gocapdump: invalid file size 5kb (invalid units)"},
		{[]string{"-w", "f", "-C", "k"}, 1, `gocapdump: invalid file size "k" (not a valid number)`},
		{[]string{"-w", "f", "-C", "0"}, 1, "gocapdump: invalid file size 0 (must be >= 1"},
		{[]string{"-w", "f", "-C", "99999999999999g"}, 1, "gocapdump: file size 99999999999999g is too large"},
		{[]string{"-W", "0"}, 1, "gocapdump: invalid number of output files 0 (must be >= 1 and <= 2147483647)"},
		{[]string{"-w", "f", "-G", "-1"}, 1, "gocapdump: invalid number of seconds -1 (must be >= 0"},
		{[]string{"-i", "0"}, 1, "gocapdump: Invalid adapter index 0\n"},
		{[]string{"-i", "999"}, 1, "gocapdump: Invalid adapter index 999: only "},
		{[]string{"-L", "-i", "lo", "-y", "LINUX_SLL"}, 0, ""}, // -L lists, whatever -y says
		{[]string{"-L", "-i", "lo", "-y", "nosuch"}, 1, "gocapdump: invalid data link type nosuch\n"},
		{[]string{"-d", "-i", "lo", "-y", "LINUX_SLL"}, 1, "gocapdump: LINUX_SLL is not one of the DLTs supported by this device\n"},
		{[]string{"-d", "-i", "lo", "-y", "NOSUCH"}, 1, "gocapdump: invalid data link type NOSUCH\n"},
	})
}

// ---- Listings and -d with -i (no capture is started) ----

func TestListInterfaces(t *testing.T) {
	list, err := capture.Interfaces()
	if err != nil {
		t.Skipf("cannot list interfaces here: %v", err)
	}
	code, out, errOut := invoke(t, "", "-D")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != len(list) {
		t.Fatalf("-D printed %d lines for %d interfaces:\n%s", len(lines), len(list), out)
	}
	for i, ifc := range list {
		if want := fmt.Sprintf("%d.%s", i+1, ifc); lines[i] != want {
			t.Errorf("line %d: %q, want %q", i+1, lines[i], want)
		}
	}
	if !strings.Contains(out, ".any (Pseudo-device that captures on all interfaces) [Up, Running]\n") {
		t.Errorf("no 'any' line:\n%s", out)
	}
}

func TestListLinkTypes(t *testing.T) {
	code, out, errOut := invoke(t, "", "-L", "-i", "lo")
	if code != 0 || out != "Data link types for lo (use option -y to set):\n  EN10MB (Ethernet)\n" {
		t.Errorf("-L -i lo: exit %d\n%s%s", code, out, errOut)
	}
	code, out, _ = invoke(t, "", "-L", "-i", "any")
	want := "Data link types for any (use option -y to set):\n  LINUX_SLL2 (Linux cooked v2)\n  LINUX_SLL (Linux cooked v1)\n"
	if code != 0 || out != want {
		t.Errorf("-L -i any: exit %d\n%s", code, out)
	}
}

// tcpdump 4.99.3 -i lo -d 'udp dst port 9' (libpcap 1.10.3).
const loUDP9 = `(000) ldh      [12]
(001) jeq      #0x86dd          jt 2	jf 6
(002) ldb      [20]
(003) jeq      #0x11            jt 4	jf 15
(004) ldh      [56]
(005) jeq      #0x9             jt 14	jf 15
(006) jeq      #0x800           jt 7	jf 15
(007) ldb      [23]
(008) jeq      #0x11            jt 9	jf 15
(009) ldh      [20]
(010) jset     #0x1fff          jt 15	jf 11
(011) ldxb     4*([14]&0xf)
(012) ldh      [x + 16]
(013) jeq      #0x9             jt 14	jf 15
(014) ret      #262144
(015) ret      #0
`

// tcpdump 4.99.3 -i any -d 'udp dst port 9': LINUX_SLL2 offsets.
const anyUDP9 = `(000) ldh      [0]
(001) jeq      #0x86dd          jt 2	jf 6
(002) ldb      [26]
(003) jeq      #0x11            jt 4	jf 15
(004) ldh      [62]
(005) jeq      #0x9             jt 14	jf 15
(006) jeq      #0x800           jt 7	jf 15
(007) ldb      [29]
(008) jeq      #0x11            jt 9	jf 15
(009) ldh      [26]
(010) jset     #0x1fff          jt 15	jf 11
(011) ldxb     4*([20]&0xf)
(012) ldh      [x + 22]
(013) jeq      #0x9             jt 14	jf 15
(014) ret      #262144
(015) ret      #0
`

func TestDumpProgramForInterface(t *testing.T) {
	for _, tc := range []struct {
		args           []string
		stdout, stderr string
	}{
		{[]string{"-i", "lo", "-d", "udp dst port 9"}, loUDP9, ""},
		{[]string{"-i", "any", "-d", "udp dst port 9"}, anyUDP9, "gocapdump: data link type LINUX_SLL2\n"},
		{[]string{"-i", "any", "-y", "LINUX_SLL", "-s", "100", "-d", "ip"},
			"(000) ldh      [14]\n(001) jeq      #0x800           jt 2\tjf 3\n(002) ret      #100\n(003) ret      #0\n",
			"gocapdump: data link type LINUX_SLL\n"},
	} {
		code, out, errOut := invoke(t, "", tc.args...)
		if code != 0 || out != tc.stdout || errOut != tc.stderr {
			t.Errorf("%q: exit %d\n%s\nstderr %q", tc.args, code, out, errOut)
		}
	}
	// Linux extensions are on for a device: "vlan" tests the kernel's
	// tag metadata, not only the bytes.
	code, out, _ := invoke(t, "", "-i", "lo", "-d", "vlan")
	if code != 0 || !strings.HasPrefix(out, "(000) ldb      [vlanp]\n") {
		t.Errorf("-i lo -d vlan: exit %d, no vlanp load:\n%s", code, out)
	}
}

func TestUnknownInterface(t *testing.T) {
	for _, args := range [][]string{{"-i", "nosuch0"}, {"-i", "nosuch0", "-d", "ip"}, {"-L", "-i", "nosuch0"}} {
		code, _, errOut := invoke(t, "", args...)
		if code != 1 || !strings.HasPrefix(errOut, "gocapdump: nosuch0: No such device exists\n") {
			t.Errorf("%q: exit %d, stderr %q", args, code, errOut)
			continue
		}
		if !strings.Contains(errOut, "(gocapdump -D):\n1.") || !strings.Contains(errOut, ".lo [") {
			t.Errorf("%q: no interface list in %q", args, errOut)
		}
	}
}

// ---- Rotation naming and the rotating savefile ----

func TestRotationFileName(t *testing.T) {
	at := time.Date(2024, 3, 9, 14, 5, 7, 0, time.UTC)
	for _, tc := range []struct {
		rot     rotation
		pattern string
		number  int
		want    string
	}{
		{rotation{}, "out.pcap", 0, "out.pcap"},
		{rotation{fileSize: 1}, "out.pcap", 0, "out.pcap"},
		{rotation{fileSize: 1}, "out.pcap", 1, "out.pcap1"},
		{rotation{fileSize: 1}, "out.pcap", 12, "out.pcap12"},
		{rotation{fileSize: 1, fileCount: 1}, "out.pcap", 0, "out.pcap"},
		{rotation{fileSize: 1, fileCount: 3}, "out.pcap", 0, "out.pcap0"},
		{rotation{fileSize: 1, fileCount: 3}, "out.pcap", 2, "out.pcap2"},
		{rotation{fileSize: 1, fileCount: 10}, "f", 9, "f9"},
		{rotation{fileSize: 1, fileCount: 11}, "f", 0, "f00"},
		{rotation{fileSize: 1, fileCount: 11}, "f", 10, "f10"},
		{rotation{fileSize: 1, fileCount: 1000}, "f", 7, "f007"},
		{rotation{fileCount: 5}, "f", 3, "f"}, // -W without -C: no number
		{rotation{seconds: 60}, "cap-%Y%m%d-%H%M%S.pcap", 0, "cap-20240309-140507.pcap"},
		{rotation{seconds: 60}, "plain", 0, "plain"},
		{rotation{seconds: 60, fileSize: 1}, "%H.pcap", 0, "14.pcap"},
		{rotation{seconds: 60, fileSize: 1}, "%H.pcap", 2, "14.pcap2"},
		{rotation{seconds: 60, fileSize: 1, fileCount: 20}, "%H.pcap", 0, "14.pcap00"},
	} {
		got, err := tc.rot.fileName(tc.pattern, tc.number, at)
		if err != nil || got != tc.want {
			t.Errorf("%+v %q #%d: %q, %v; want %q", tc.rot, tc.pattern, tc.number, got, err, tc.want)
		}
	}
	if _, err := (rotation{}).fileName("", 0, at); err == nil || err.Error() != "an empty string is not a valid file name" {
		t.Errorf("empty name: %v", err)
	}
	long := strings.Repeat("x", pathMax)
	if _, err := (rotation{fileSize: 1}).fileName(long, 1, at); err == nil || !strings.Contains(err.Error(), "filename is too long (> 4096)") {
		t.Errorf("long name: %v", err)
	}
}

func TestStrftime(t *testing.T) {
	at := time.Date(2021, 1, 3, 9, 4, 5, 0, time.UTC) // a Sunday, ISO week 53 of 2020
	for format, want := range map[string]string{
		"%Y-%m-%d %H:%M:%S":  "2021-01-03 09:04:05",
		"%a %A %b %B %h":     "Sun Sunday Jan January Jan",
		"%e|%k|%l|%I %p %P":  " 3| 9| 9|09 AM am",
		"%j %U %W %V %G %g":  "003 01 00 53 2020 20",
		"%u %w %C %y %s":     "7 0 20 21 1609664645",
		"%D %F %R %T %x %X":  "01/03/21 2021-01-03 09:04 09:04:05 01/03/21 09:04:05",
		"%c":                 "Sun Jan  3 09:04:05 2021",
		"%r":                 "09:04:05 AM",
		"%z %Z %%":           "+0000 UTC %",
		"100%% %q trailing%": "100% %q trailing%",
		"%n%t":               "\n\t",
	} {
		if got := strftime(format, at); got != want {
			t.Errorf("strftime(%q) = %q, want %q", format, got, want)
		}
	}
}

// TestStrftimeMatchesDate checks the conversions against the C library
// through date(1), over times that cross year and week boundaries.
func TestStrftimeMatchesDate(t *testing.T) {
	if _, err := exec.LookPath("date"); err != nil {
		t.Skip("no date(1)")
	}
	const format = "%a %A %b %B %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %p %R %S %T %u %U %V %w %W %x %X %y %Y %z %%"
	for _, sec := range []int64{0, 951782400, 1104537600, 1230681600, 1609664645, 1704067199, 1735603200, 4102444800} {
		out, err := exec.Command("date", "-u", "-d", fmt.Sprintf("@%d", sec), "+"+format).Output()
		if err != nil {
			t.Skipf("date -d: %v", err)
		}
		got := strftime(format, time.Unix(sec, 0).UTC())
		if want := strings.TrimSuffix(string(out), "\n"); got != want {
			t.Errorf("%d:\n got %q\nwant %q", sec, got, want)
		}
	}
}

// readPcap returns the packets of a pcap file.
func readPcap(t *testing.T, path string) [][]byte {
	t.Helper()
	r := openPcap(t, path)
	var pkts [][]byte
	for {
		data, _, err := r.ReadPacketData()
		if err == io.EOF {
			return pkts
		}
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		pkts = append(pkts, data)
	}
}

func testPacket(i int) []byte {
	p := make([]byte, 60)
	binary.BigEndian.PutUint32(p[56:], uint32(i))
	return p
}

// writeTestPacket writes testPacket(i), whole, to s.
func writeTestPacket(s *savefile, i int) error {
	p := testPacket(i)
	return s.writePacket(pcapfile.CaptureInfo{CaptureLength: len(p), Length: len(p)}, p)
}

func TestSavefileRotatesBySize(t *testing.T) {
	dir := t.TempDir()
	pattern := filepath.Join(dir, "f.pcap")
	// Each record is 16+60 bytes; the header 24. With -C 200 bytes a file
	// takes packets until it is over 200: 24+3*76 = 252 > 200 after 3.
	rot := rotation{fileSize: 200, fileCount: 3}
	s, err := newSavefile(pattern, rot, pcapfile.WriterOptions{LinkType: 1}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 10; i++ {
		if err := writeTestPacket(s, i); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.close(); err != nil {
		t.Fatal(err)
	}
	// Files 0,1,2 then 0 again: f.pcap0 holds packets 9 (reused), 1 holds
	// 3-5, 2 holds 6-8.
	want := map[string][]int{"f.pcap0": {9}, "f.pcap1": {3, 4, 5}, "f.pcap2": {6, 7, 8}}
	entries, _ := os.ReadDir(dir)
	if len(entries) != len(want) {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Fatalf("files %v", names)
	}
	for name, nums := range want {
		pkts := readPcap(t, filepath.Join(dir, name))
		var got []int
		for _, p := range pkts {
			got = append(got, int(binary.BigEndian.Uint32(p[56:])))
		}
		if fmt.Sprint(got) != fmt.Sprint(nums) {
			t.Errorf("%s holds %v, want %v", name, got, nums)
		}
	}
}

func TestSavefileRotatesByTime(t *testing.T) {
	dir := t.TempDir()
	now := time.Date(2024, 1, 1, 10, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	rot := rotation{seconds: 60, fileCount: 3}
	s, err := newSavefile(filepath.Join(dir, "%H%M.pcap"), rot, pcapfile.WriterOptions{LinkType: 1}, nil, clock)
	if err != nil {
		t.Fatal(err)
	}
	steps := []time.Duration{0, 30 * time.Second, 30 * time.Second, 90 * time.Second}
	for i, d := range steps {
		now = now.Add(d)
		if err := writeTestPacket(s, i); err != nil {
			t.Fatalf("packet %d: %v", i, err)
		}
	}
	// 10:00 gets packets 0,1; 10:01 packet 2; 10:02:30 packet 3.
	for name, n := range map[string]int{"1000.pcap": 2, "1001.pcap": 1, "1002.pcap": 1} {
		s.flush()
		if got := len(readPcap(t, filepath.Join(dir, name))); got != n {
			t.Errorf("%s: %d packets, want %d", name, got, n)
		}
	}
	// The third rotation reaches -W 3: the capture ends.
	now = now.Add(time.Minute)
	var maxFiles *errMaxFiles
	if err := writeTestPacket(s, 4); !errors.As(err, &maxFiles) || err.Error() != "Maximum file limit reached: 3" {
		t.Errorf("after -W files: %v", err)
	}
	if err := s.close(); err != nil {
		t.Errorf("close after the limit: %v", err)
	}
}

func TestWriteErrorMessage(t *testing.T) {
	if _, err := os.Stat("/dev/full"); err != nil {
		t.Skip("no /dev/full")
	}
	s, err := newSavefile("/dev/full", rotation{}, pcapfile.WriterOptions{LinkType: 1, BufferSize: 4096}, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	var werr error
	for i := 0; i < 200 && werr == nil; i++ {
		werr = writeTestPacket(s, i)
	}
	if werr == nil {
		werr = s.close()
	}
	if werr == nil || werr.Error() != "error writing /dev/full: No space left on device" {
		t.Errorf("got %v", werr)
	}
}

// ---- Report texts ----

func TestStatsText(t *testing.T) {
	st := capture.Stats{Received: 1, Dropped: 0}
	if got := statsText(3, st, false); got != "3 packets captured\n1 packet received by filter\n0 packets dropped by kernel\n" {
		t.Errorf("exit report %q", got)
	}
	if got := statsText(1, capture.Stats{Received: 5, Dropped: 2}, true); got != "gocapdump: 1 packet captured, 5 packets received by filter, 2 packets dropped by kernel\n" {
		t.Errorf("SIGUSR1 report %q", got)
	}
}

func TestBanner(t *testing.T) {
	if got := banner("eth0", linktype.EN10MB, 262144, false, false); got != "gocapdump: verbose output suppressed, use -v[v]... for full protocol decode\nlistening on eth0, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n" {
		t.Errorf("printing banner %q", got)
	}
	if got := banner("any", linktype.LinuxSLL2, 96, false, true); got != "gocapdump: listening on any, link-type LINUX_SLL2 (Linux cooked v2), snapshot length 96 bytes\n" {
		t.Errorf("-w banner %q", got)
	}
	if got := banner("x", 4242, 1, true, false); got != "gocapdump: listening on x, link-type 4242, snapshot length 1 bytes\n" {
		t.Errorf("unknown link type %q", got)
	}
}

func TestLiveLoopPacket(t *testing.T) {
	var out bytes.Buffer
	cfg := &tcpdumpConfig{writeFile: "-"}
	sk, err := cfg.newSink(sinkSpec{linkType: 1, snaplen: 65535}, &out)
	if err != nil {
		t.Fatal(err)
	}
	l := &liveLoop{sink: sk, linkType: 1}
	p := &capture.Packet{Data: testPacket(7)}
	p.Timestamp = time.Unix(1700000000, 123456789)
	p.CaptureLength, p.Length = 60, 1500
	if err := l.packet(p); err != nil {
		t.Fatal(err)
	}
	if err := sk.close(); err != nil {
		t.Fatal(err)
	}
	b := out.Bytes()
	if len(b) != 24+16+60 {
		t.Fatalf("%d bytes written", len(b))
	}
	rec := b[24:40]
	if sec, usec, incl, orig := binary.LittleEndian.Uint32(rec), binary.LittleEndian.Uint32(rec[4:]),
		binary.LittleEndian.Uint32(rec[8:]), binary.LittleEndian.Uint32(rec[12:]); sec != 1700000000 || usec != 123456 || incl != 60 || orig != 1500 {
		t.Errorf("record header %d.%06d %d/%d", sec, usec, incl, orig)
	}
}

func TestDropPrivilegesUnknownUser(t *testing.T) {
	err := dropPrivileges("no-such-user-gocapdump", nil, io.Discard)
	if err == nil || err.Error() != "Couldn't find user 'no-such-user-gocapdump'" {
		t.Errorf("got %v", err)
	}
}

// ---- End to end: the real binary in a private network namespace ----

var e2eBinary struct {
	once sync.Once
	path string
	err  error
	dir  string
}

func TestMain(m *testing.M) {
	code := m.Run()
	if e2eBinary.dir != "" {
		os.RemoveAll(e2eBinary.dir)
	}
	os.Exit(code)
}

// gocapdumpBinary builds the command once per test run.
func gocapdumpBinary(t *testing.T) string {
	t.Helper()
	e2eBinary.once.Do(func() {
		e2eBinary.dir, e2eBinary.err = os.MkdirTemp("", "gocapdump-e2e-")
		if e2eBinary.err != nil {
			return
		}
		// Other users run it too (the permission and -Z tests).
		if e2eBinary.err = os.Chmod(e2eBinary.dir, 0o755); e2eBinary.err != nil {
			return
		}
		e2eBinary.path = filepath.Join(e2eBinary.dir, "gocapdump")
		cmd := exec.Command("go", "build", "-o", e2eBinary.path, ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			e2eBinary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if e2eBinary.err != nil {
		t.Fatal(e2eBinary.err)
	}
	return e2eBinary.path
}

// testNS is a network namespace with the veth pair va <-> vb, both up,
// IPv6 off so that only the test's frames cross the link.
type testNS struct {
	t    *testing.T
	name string
	va   net.HardwareAddr
	vb   net.HardwareAddr
}

var nsSeq atomic.Int32

func ipCmd(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("ip", args...).CombinedOutput(); err != nil {
		t.Fatalf("ip %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func newTestNS(t *testing.T) *testNS {
	t.Helper()
	testenv.RequireRoot(t)
	name := fmt.Sprintf("gcdlive-%d-%d", os.Getpid(), nsSeq.Add(1))
	ipCmd(t, "netns", "add", name)
	t.Cleanup(func() { _ = exec.Command("ip", "netns", "del", name).Run() })
	for _, kv := range []string{"net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1"} {
		ipCmd(t, "netns", "exec", name, "sysctl", "-qw", kv)
	}
	ipCmd(t, "-n", name, "link", "add", "va", "address", "02:00:00:00:01:0a", "type", "veth", "peer", "name", "vb", "address", "02:00:00:00:01:0b")
	for _, dev := range []string{"va", "vb", "lo"} {
		ipCmd(t, "-n", name, "link", "set", dev, "up")
	}
	n := &testNS{t: t, name: name}
	n.va, _ = net.ParseMAC("02:00:00:00:01:0a")
	n.vb, _ = net.ParseMAC("02:00:00:00:01:0b")
	return n
}

// inNS runs fn on an OS thread moved into the namespace; the thread is
// never unlocked, so Go discards it afterwards.
func (n *testNS) inNS(fn func() error) error {
	errc := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		f, err := os.Open("/var/run/netns/" + n.name)
		if err != nil {
			errc <- err
			return
		}
		defer f.Close()
		if err := unix.Setns(int(f.Fd()), unix.CLONE_NEWNET); err != nil {
			errc <- fmt.Errorf("setns: %w", err)
			return
		}
		errc <- fn()
	}()
	return <-errc
}

// sendFrames sends Ethernet frames out of dev (inside the namespace)
// through a raw socket; no filter is attached to it.
func (n *testNS) sendFrames(dev string, frames ...[]byte) {
	n.t.Helper()
	err := n.inNS(func() error {
		ifc, err := net.InterfaceByName(dev)
		if err != nil {
			return err
		}
		fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
		if err != nil {
			return err
		}
		defer unix.Close(fd)
		for _, f := range frames {
			sa := &unix.SockaddrLinklayer{Ifindex: ifc.Index, Halen: 6}
			copy(sa.Addr[:], f[:6])
			if err := unix.Sendto(fd, f, 0, sa); err != nil {
				return fmt.Errorf("sendto: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		n.t.Fatalf("sending on %s: %v", dev, err)
	}
}

// udpTo builds an Ethernet/IPv4/UDP frame of size bytes to dport, with
// seq in the payload.
func udpTo(dst, src net.HardwareAddr, dport uint16, seq, size int) []byte {
	f := make([]byte, size)
	copy(f[0:6], dst)
	copy(f[6:12], src)
	binary.BigEndian.PutUint16(f[12:], 0x0800)
	ip := f[14:34]
	ip[0] = 0x45
	binary.BigEndian.PutUint16(ip[2:], uint16(size-14))
	ip[8], ip[9] = 64, 17
	copy(ip[12:16], []byte{198, 51, 100, 1}) // TEST-NET-2, routed nowhere
	copy(ip[16:20], []byte{198, 51, 100, 2})
	var sum uint32
	for i := 0; i < 20; i += 2 {
		sum += uint32(binary.BigEndian.Uint16(ip[i:]))
	}
	for sum > 0xffff {
		sum = sum&0xffff + sum>>16
	}
	binary.BigEndian.PutUint16(ip[10:], ^uint16(sum))
	udp := f[34:42]
	binary.BigEndian.PutUint16(udp[0:], 12345)
	binary.BigEndian.PutUint16(udp[2:], dport)
	binary.BigEndian.PutUint16(udp[4:], uint16(size-34))
	binary.BigEndian.PutUint32(f[42:], uint32(seq))
	for i := 46; i < size; i++ {
		f[i] = byte(seq + i)
	}
	return f
}

// framesToVA builds count frames from vb to va, udpTo port 9: frame i
// carries seq i and is size(i) bytes.
func (n *testNS) framesToVA(count int, size func(i int) int) [][]byte {
	frames := make([][]byte, 0, count)
	for i := 0; i < count; i++ {
		frames = append(frames, udpTo(n.va, n.vb, 9, i, size(i)))
	}
	return frames
}

// liveRun is the binary capturing inside the namespace.
type liveRun struct {
	t      *testing.T
	cmd    *exec.Cmd
	mu     sync.Mutex
	stderr bytes.Buffer
	ready  chan struct{}
	done   chan struct{}
	err    error
}

// startCapture runs gocapdump in the namespace and waits for its banner.
// stdout may be nil (discarded).
func (n *testNS) startCapture(stdout io.Writer, args ...string) *liveRun {
	n.t.Helper()
	kernelprobe.RequireFilterAttach(n.t)
	bin := gocapdumpBinary(n.t)
	cmd := exec.Command("ip", append([]string{"netns", "exec", n.name, bin}, args...)...)
	cmd.Stdout = stdout
	pipe, err := cmd.StderrPipe()
	if err != nil {
		n.t.Fatal(err)
	}
	r := &liveRun{t: n.t, cmd: cmd, ready: make(chan struct{}), done: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		n.t.Fatal(err)
	}
	go func() {
		sc := bufio.NewScanner(pipe)
		seen := false
		for sc.Scan() {
			r.mu.Lock()
			r.stderr.WriteString(sc.Text() + "\n")
			r.mu.Unlock()
			if !seen && strings.Contains(sc.Text(), "listening on ") {
				seen = true
				close(r.ready)
			}
		}
		r.err = cmd.Wait()
		if !seen {
			close(r.ready)
		}
		close(r.done)
	}()
	n.t.Cleanup(func() {
		select {
		case <-r.done:
		default:
			_ = cmd.Process.Kill()
			<-r.done
		}
	})
	select {
	case <-r.ready:
	case <-time.After(10 * time.Second):
		n.t.Fatalf("no banner after 10 s; stderr so far:\n%s", r.stderrText())
	}
	select {
	case <-r.done:
		n.t.Fatalf("gocapdump exited at start: %v\n%s", r.err, r.stderrText())
	default:
	}
	return r
}

func (r *liveRun) stderrText() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stderr.String()
}

// wait waits for the process to end and returns its exit status.
func (r *liveRun) wait() int {
	r.t.Helper()
	select {
	case <-r.done:
	case <-time.After(10 * time.Second):
		_ = r.cmd.Process.Kill()
		<-r.done
		r.t.Fatalf("gocapdump did not finish; stderr:\n%s", r.stderrText())
	}
	var ee *exec.ExitError
	if errors.As(r.err, &ee) {
		return ee.ExitCode()
	}
	if r.err != nil {
		r.t.Fatalf("wait: %v", r.err)
	}
	return 0
}

// waitExit waits for the process to end and fails the test unless it
// exited with want.
func (r *liveRun) waitExit(want int) {
	r.t.Helper()
	if code := r.wait(); code != want {
		r.t.Fatalf("exit %d\n%s", code, r.stderrText())
	}
}

// stderrHas fails the test unless the process's standard error holds
// every one of wants.
func (r *liveRun) stderrHas(wants ...string) {
	r.t.Helper()
	for _, w := range wants {
		if !strings.Contains(r.stderrText(), w) {
			r.t.Errorf("stderr:\n%s", r.stderrText())
			return
		}
	}
}

func (r *liveRun) signal(sig os.Signal) {
	r.t.Helper()
	if err := r.cmd.Process.Signal(sig); err != nil {
		r.t.Fatalf("signal: %v", err)
	}
}

// checkFrames compares the packets of a pcap file with the frames sent.
func checkFrames(t *testing.T, path string, want [][]byte) {
	t.Helper()
	got := readPcap(t, path)
	if len(got) != len(want) {
		t.Fatalf("%s holds %d packets, want %d", path, len(got), len(want))
	}
	for i := range want {
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("packet %d:\n got % x\nwant % x", i, got[i], want[i])
		}
	}
}

// tcpdumpReads checks that tcpdump -r reads the file and sees n packets.
func tcpdumpReads(t *testing.T, path string, n int) {
	t.Helper()
	// An optional cross-check outside CI; under CI=true testenv.Tool
	// fails the test when tcpdump is missing.
	if _, err := exec.LookPath("tcpdump"); err != nil && !testenv.InCI() {
		t.Log("tcpdump not installed: not cross-checking the savefile")
		return
	}
	tcpdump := testenv.Tool(t, "tcpdump")
	out, err := exec.Command(tcpdump, "-n", "-r", path).Output()
	if err != nil {
		t.Fatalf("tcpdump -r %s: %v", path, err)
	}
	if lines := strings.Count(string(out), "\n"); lines != n {
		t.Errorf("tcpdump -r %s printed %d lines, want %d:\n%s", path, lines, n, out)
	}
}

func TestLiveListInNamespace(t *testing.T) {
	// No capture: -D and -L inside a namespace see its interfaces.
	n := newTestNS(t)
	bin := gocapdumpBinary(t)
	out, err := exec.Command("ip", "netns", "exec", n.name, bin, "-D").Output()
	if err != nil {
		t.Fatalf("-D: %v", err)
	}
	for _, want := range []string{".va [Up, Running, Connected]", ".vb [Up, Running, Connected]", ".any (", ".lo [Up, Running, Loopback]"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("-D lacks %q:\n%s", want, out)
		}
	}
	out, _ = exec.Command("ip", "netns", "exec", n.name, bin, "-L", "-i", "va").Output()
	if string(out) != "Data link types for va (use option -y to set):\n  EN10MB (Ethernet)\n  DOCSIS (DOCSIS) (printing not supported)\n" {
		t.Errorf("-L -i va:\n%s", out)
	}
}

func TestLivePermissionDenied(t *testing.T) {
	testenv.RequireRoot(t)
	bin := gocapdumpBinary(t)
	cmd := exec.Command(bin, "-i", "lo", "-c", "1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Fatalf("exit: %v, stderr %q", err, stderr.String())
	}
	want := "gocapdump: lo: You don't have permission to perform this capture on that device\n(socket: Operation not permitted - CAP_NET_RAW may be required)\n"
	if stderr.String() != want {
		t.Errorf("stderr %q, want %q", stderr.String(), want)
	}
}

func TestLiveFilterAndCount(t *testing.T) {
	n := newTestNS(t)
	out := filepath.Join(t.TempDir(), "f.pcap")
	r := n.startCapture(nil, "-i", "va", "-w", out, "-c", "3", "udp dst port 9")
	var want [][]byte
	var frames [][]byte
	for i := 0; i < 8; i++ {
		port := uint16(9)
		if i%2 == 1 {
			port = 53
		}
		f := udpTo(n.va, n.vb, port, i, 100+i)
		frames = append(frames, f)
		if port == 9 && len(want) < 3 {
			want = append(want, f)
		}
	}
	n.sendFrames("vb", frames...)
	r.waitExit(0)
	checkFrames(t, out, want)
	tcpdumpReads(t, out, 3)
	r.stderrHas("gocapdump: listening on va, link-type EN10MB (Ethernet), snapshot length 262144 bytes\n",
		"\n3 packets captured\n")
}

func TestLiveSnaplenAndDirection(t *testing.T) {
	n := newTestNS(t)
	dir := t.TempDir()
	in, outgoing := filepath.Join(dir, "in.pcap"), filepath.Join(dir, "out.pcap")
	rin := n.startCapture(nil, "-i", "va", "-Q", "in", "-s", "64", "-w", in, "udp")
	rout := n.startCapture(nil, "-i", "va", "-Q", "out", "-w", outgoing, "udp")
	toA := udpTo(n.va, n.vb, 9, 1, 300)
	fromA := udpTo(n.vb, n.va, 9, 2, 200)
	n.sendFrames("vb", toA)
	n.sendFrames("va", fromA)
	time.Sleep(300 * time.Millisecond) // several block timeouts
	rin.signal(syscall.SIGINT)
	rout.signal(syscall.SIGINT)
	if c1, c2 := rin.wait(), rout.wait(); c1 != 0 || c2 != 0 {
		t.Fatalf("exit %d %d\n%s\n%s", c1, c2, rin.stderrText(), rout.stderrText())
	}
	checkFrames(t, in, [][]byte{toA[:64]})
	checkFrames(t, outgoing, [][]byte{fromA})
	rd := openPcap(t, in)
	if _, ci, err := rd.ReadPacketData(); err != nil || ci.Length != 300 || rd.Snaplen() != 64 {
		t.Errorf("snaplen 64: wire length %d, file snaplen %d, %v", ci.Length, rd.Snaplen(), err)
	}
}

func TestLiveInterruptLosesNothing(t *testing.T) {
	n := newTestNS(t)
	out := filepath.Join(t.TempDir(), "f.pcap")
	r := n.startCapture(nil, "-i", "va", "-w", out, "udp dst port 9")
	frames := n.framesToVA(200, func(i int) int { return 60 + i%1400 })
	n.sendFrames("vb", frames...)
	// At once, while the kernel still holds the last packets in its
	// open block.
	r.signal(syscall.SIGINT)
	r.waitExit(0)
	checkFrames(t, out, frames)
	tcpdumpReads(t, out, len(frames))
	r.stderrHas("\n200 packets captured\n200 packets received by filter\n0 packets dropped by kernel\n")
}

func TestLiveAnyDevice(t *testing.T) {
	n := newTestNS(t)
	out := filepath.Join(t.TempDir(), "f.pcap")
	r := n.startCapture(nil, "-i", "any", "-Q", "in", "-w", out, "-c", "1", "udp dst port 9")
	f := udpTo(n.va, n.vb, 9, 1, 120)
	n.sendFrames("vb", f)
	r.waitExit(0)
	pkts := readPcap(t, out)
	if len(pkts) != 1 {
		t.Fatalf("%d packets", len(pkts))
	}
	// SLL2: protocol, reserved, ifindex, hatype, pkttype, halen, address.
	p := pkts[0]
	if len(p) != 20+len(f)-14 || binary.BigEndian.Uint16(p[0:]) != 0x0800 || binary.BigEndian.Uint16(p[8:]) != 1 ||
		!bytes.Equal(p[12:18], n.vb) || !bytes.Equal(p[20:], f[14:]) {
		t.Errorf("SLL2 packet % x", p)
	}
	r.stderrHas("link-type LINUX_SLL2 (Linux cooked v2)")
	tcpdumpReads(t, out, 1)
}

func TestLiveRotation(t *testing.T) {
	n := newTestNS(t)
	dir := t.TempDir()
	// -C 1k: a new file once the current one is over 1024 bytes; 300-byte
	// frames fill one after 4 (24 + 4*316 > 1024).
	r := n.startCapture(nil, "-i", "va", "-w", filepath.Join(dir, "f.pcap"), "-C", "1k", "-c", "10", "udp")
	frames := n.framesToVA(10, func(int) int { return 300 })
	n.sendFrames("vb", frames...)
	r.waitExit(0)
	checkFrames(t, filepath.Join(dir, "f.pcap"), frames[0:4])
	checkFrames(t, filepath.Join(dir, "f.pcap1"), frames[4:8])
	checkFrames(t, filepath.Join(dir, "f.pcap2"), frames[8:10])
}

func TestLiveWriteErrorStops(t *testing.T) {
	n := newTestNS(t)
	r := n.startCapture(nil, "-i", "va", "-U", "-w", "/dev/full", "udp")
	n.sendFrames("vb", udpTo(n.va, n.vb, 9, 1, 100))
	r.waitExit(1)
	r.stderrHas("gocapdump: error writing /dev/full: No space left on device\n")
}

func TestLiveClosedPipe(t *testing.T) {
	n := newTestNS(t)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	r := n.startCapture(pw, "-i", "va", "-U", "-w", "-", "udp")
	pw.Close()
	pr.Close() // the reader goes away
	n.sendFrames("vb", udpTo(n.va, n.vb, 9, 1, 100))
	r.waitExit(1)
	r.stderrHas("gocapdump: error writing the standard output: Broken pipe\n")
}

func TestLiveDropPrivileges(t *testing.T) {
	n := newTestNS(t)
	// A directory nobody may write in (t.TempDir's parent is private).
	dir, err := os.MkdirTemp("", "gocapdump-Z-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "f.pcap")
	r := n.startCapture(nil, "-i", "va", "-Z", "nobody", "-w", out, "-C", "1k", "-W", "2", "-c", "10", "udp")
	frames := n.framesToVA(10, func(int) int { return 300 })
	n.sendFrames("vb", frames...)
	r.waitExit(0)
	r.stderrHas("dropped privs to nobody\n")
	// f.pcap0 was created as root, given to nobody and reopened by nobody
	// when the rotation came back to it.
	for _, name := range []string{"f.pcap0", "f.pcap1"} {
		st, err := os.Stat(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if uid := st.Sys().(*syscall.Stat_t).Uid; uid != 65534 {
			t.Errorf("%s owned by uid %d", name, uid)
		}
	}
	checkFrames(t, filepath.Join(dir, "f.pcap0"), frames[8:10])
}

// TestRotationMatchesTcpdump rotates a savefile read with -r through
// -C/-W in both tools and compares the files byte for byte. tcpdump -r
// filters in user space, so nothing touches the kernel.
func TestRotationMatchesTcpdump(t *testing.T) {
	tcpdump := testenv.Tool(t, "tcpdump")
	var frames [][]byte
	for i := 0; i < 2600; i++ {
		frames = append(frames, udpFrameSized(i, 400+i%900))
	}
	in := writeSavefile(t, frames)
	for _, opts := range [][]string{{"-C", "1"}, {"-C", "1", "-W", "2"}, {"-C", "1", "-W", "11"}} {
		mine, theirs := t.TempDir(), t.TempDir()
		args := append([]string{"-r", in, "-c", "2500"}, opts...)
		if code, _, errOut := invoke(t, "", append(args, "-w", filepath.Join(mine, "o.pcap"), "udp")...); code != 0 {
			t.Fatalf("%q: exit %d: %s", opts, code, errOut)
		}
		// -Z root: Debian's tcpdump would otherwise write as user tcpdump.
		cmd := exec.Command(tcpdump, append(append([]string{"-Z", "root"}, args...), "-w", filepath.Join(theirs, "o.pcap"), "udp")...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Skipf("tcpdump %q: %v\n%s", opts, err, out)
		}
		a, _ := os.ReadDir(mine)
		b, _ := os.ReadDir(theirs)
		if len(a) != len(b) || len(a) < 2 {
			t.Errorf("%q: %d files, tcpdump %d", opts, len(a), len(b))
			continue
		}
		for i := range a {
			x, _ := os.ReadFile(filepath.Join(mine, a[i].Name()))
			y, err := os.ReadFile(filepath.Join(theirs, a[i].Name()))
			if err != nil || !bytes.Equal(x, y) {
				t.Errorf("%q: %s differs from tcpdump's (%v)", opts, a[i].Name(), err)
			}
		}
	}
}

// udpFrameSized is udpFrame(9) grown to size bytes.
func udpFrameSized(seq, size int) []byte {
	f := append(udpFrame(9), make([]byte, size-len(udpFrame(9)))...)
	binary.BigEndian.PutUint16(f[16:], uint16(size-14))
	binary.BigEndian.PutUint16(f[38:], uint16(size-34))
	binary.BigEndian.PutUint32(f[42:], uint32(seq))
	return f
}

// withVLAN inserts an 802.1Q tag after the MAC addresses.
func withVLAN(f []byte, tci uint16) []byte {
	out := append([]byte(nil), f[:12]...)
	out = binary.BigEndian.AppendUint16(out, 0x8100)
	out = binary.BigEndian.AppendUint16(out, tci)
	return append(out, f[12:]...)
}

func TestLiveVLAN(t *testing.T) {
	n := newTestNS(t)
	out := filepath.Join(t.TempDir(), "f.pcap")
	// The kernel removes the tag before the tap; the filter reads it from
	// the packet's metadata and the capture puts it back into the frame.
	r := n.startCapture(nil, "-i", "va", "-w", out, "-c", "2", "vlan 5 and udp dst port 9")
	tagged := withVLAN(udpTo(n.va, n.vb, 9, 1, 100), 5)
	n.sendFrames("vb",
		withVLAN(udpTo(n.va, n.vb, 9, 0, 100), 6),
		udpTo(n.va, n.vb, 9, 0, 100),
		tagged,
		withVLAN(udpTo(n.va, n.vb, 53, 0, 100), 5),
		withVLAN(udpTo(n.va, n.vb, 9, 2, 120), 0x2005), // priority 1, VLAN 5
	)
	r.waitExit(0)
	checkFrames(t, out, [][]byte{tagged, withVLAN(udpTo(n.va, n.vb, 9, 2, 120), 0x2005)})
	tcpdumpReads(t, out, 2)
}

func FuzzParseFileSize(f *testing.F) {
	for _, s := range []string{"1", "10k", "3M", "1g", "0", "-5", "5x", "k", "", "99999999999999999999", "9223372036854775807g"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := parseFileSize(s)
		if err == nil && n < 1 {
			t.Errorf("%q: %d without an error", s, n)
		}
	})
}

func FuzzStrftime(f *testing.F) {
	for _, s := range []string{"%Y%m%d-%H%M%S.pcap", "%", "%%%", "%c %x %X", "plain", "%q%E%O"} {
		f.Add(s, int64(1700000000))
	}
	f.Fuzz(func(t *testing.T, format string, sec int64) {
		at := time.Unix(sec%(1<<40), 0).UTC()
		out := strftime(format, at)
		if !strings.Contains(format, "%") && out != format {
			t.Errorf("%q without conversions became %q", format, out)
		}
	})
}

// TestLivePrint prints live packets (no -w) and compares the lines with
// tcpdump's for the same frames read from a savefile; on "any" every line
// also names the interface and the direction.
func TestLivePrint(t *testing.T) {
	tcpdump := testenv.Tool(t, "tcpdump")
	n := newTestNS(t)
	frames := [][]byte{udpTo(n.va, n.vb, 9, 1, 100), udpTo(n.va, n.vb, 9, 2, 300), udpTo(n.va, n.vb, 9, 3, 1400)}
	want, err := exec.Command(tcpdump, "-n", "-t", "-r", writeSavefile(t, frames)).Output()
	if err != nil {
		t.Fatalf("tcpdump -r: %v", err)
	}
	// Read only once the process has exited: exec's copying goroutine
	// has then finished with the buffer.
	var out bytes.Buffer
	r := n.startCapture(&out, "-i", "va", "-n", "-t", "-c", "3", "udp dst port 9")
	n.sendFrames("vb", frames...)
	r.waitExit(0)
	if out.String() != string(want) {
		t.Errorf("-i va printed\n%s\nwant (tcpdump -r)\n%s", out.String(), want)
	}

	var anyOut bytes.Buffer
	r = n.startCapture(&anyOut, "-i", "any", "-Q", "in", "-n", "-t", "-c", "1", "udp dst port 9")
	n.sendFrames("vb", frames[0])
	r.waitExit(0)
	if got, wantLine := anyOut.String(), "va    In  "+strings.SplitN(string(want), "\n", 2)[0]+"\n"; got != wantLine {
		t.Errorf("-i any printed %q, want %q", got, wantLine)
	}
}
