package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/pcapfile"
)

// invoke runs the command in-process and returns its exit status and
// output.
func invoke(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

// tcpdump -O -d 'ip and tcp port 8080' (libpcap 1.10.3 and the
// development branch agree on it).
const ipTCP8080Unopt = `(000) ldh      [12]
(001) jeq      #0x800           jt 2	jf 23
(002) ldh      [12]
(003) jeq      #0x86dd          jt 4	jf 10
(004) ldb      [20]
(005) jeq      #0x6             jt 6	jf 10
(006) ldh      [54]
(007) jeq      #0x1f90          jt 22	jf 8
(008) ldh      [56]
(009) jeq      #0x1f90          jt 22	jf 10
(010) ldh      [12]
(011) jeq      #0x800           jt 12	jf 23
(012) ldb      [23]
(013) jeq      #0x6             jt 14	jf 23
(014) ldh      [20]
(015) jset     #0x1fff          jt 23	jf 16
(016) ldxb     4*([14]&0xf)
(017) ldh      [x + 14]
(018) jeq      #0x1f90          jt 22	jf 19
(019) ldxb     4*([14]&0xf)
(020) ldh      [x + 16]
(021) jeq      #0x1f90          jt 22	jf 23
(022) ret      #262144
(023) ret      #0
`

func TestDumpProgram(t *testing.T) {
	code, out, errOut := invoke(t, "", "-O", "-d", "ip and tcp port 8080")
	if code != 0 || out != ipTCP8080Unopt {
		t.Fatalf("exit %d, stdout:\n%s\nstderr: %s", code, out, errOut)
	}
	if !strings.HasPrefix(errOut, "Warning: assuming Ethernet\n") {
		t.Errorf("stderr %q lacks tcpdump's warning", errOut)
	}
	// Options after the expression, clustered flags, -y.
	code, out, errOut = invoke(t, "", "ip", "-Oddd", "-y", "LINUX_SLL2")
	if code != 0 || !strings.HasPrefix(out, "4\n40 0 0 0\n21 0 1 2048\n") || strings.Contains(errOut, "assuming") {
		t.Errorf("-ddd -y: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestFilterFile(t *testing.T) {
	f := filepath.Join(t.TempDir(), "expr")
	if err := os.WriteFile(f, []byte("# a comment\nip and # more\n tcp port 8080\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, _ := invoke(t, "", "-O", "-d", "-F", f)
	if code != 0 || out != ipTCP8080Unopt {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
}

// exitCase is a command line and what the command must do with it: exit
// with code, with msg somewhere in its standard error.
type exitCase struct {
	args []string
	code int
	msg  string
}

// checkExits runs the command with prefix and then each case's
// arguments, and checks the exit status and the standard error.
func checkExits(t *testing.T, prefix []string, cases []exitCase) {
	t.Helper()
	for _, tc := range cases {
		code, _, errOut := invoke(t, "", append(append([]string(nil), prefix...), tc.args...)...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) {
			t.Errorf("%q: exit %d, stderr %q; want %d, %q", tc.args, code, errOut, tc.code, tc.msg)
		}
	}
}

func TestErrors(t *testing.T) {
	checkExits(t, nil, []exitCase{
		{[]string{"-d", "ip and"}, 1, "gocapdump: can't parse filter expression: syntax error\n"},
		{[]string{"-d", "-y", "FOO", "ip"}, 1, "gocapdump: invalid data link type FOO\n"},
		{[]string{"-d", "host no.such.host.invalid"}, 1, "gocapdump: unknown host 'no.such.host.invalid'\n"},
		{[]string{"-s"}, 1, "gocapdump: option requires an argument -- 's'\nUsage: gocapdump"},
		{[]string{"--bogus"}, 1, "gocapdump: unrecognized option '--bogus'\n"},
		{[]string{"-r", "/nonexistent/x.pcap"}, 1, "gocapdump: /nonexistent/x.pcap: No such file or directory\n"},
		{[]string{"-F", "/nonexistent/expr", "-d"}, 1, "gocapdump: can't open /nonexistent/expr: No such file or directory\n"},
	})
	if code, out, _ := invoke(t, "", "--version"); code != 0 || !strings.HasPrefix(out, "gocapdump version ") {
		t.Errorf("--version: %d %q", code, out)
	}
}

func TestFiltertest(t *testing.T) {
	code, out, _ := invoke(t, "", "filtertest", "-O", "EN10MB", "ip and tcp port 8080")
	if code != 0 || out != ipTCP8080Unopt {
		t.Errorf("exit %d, stdout:\n%s", code, out)
	}
	checkExits(t, []string{"filtertest"}, []exitCase{
		{[]string{"EN10MB", "ip and"}, exDataErr, "can't parse filter expression: syntax error"},
		{[]string{"NOSUCHDLT", "ip"}, exUsage, "invalid data link type NOSUCHDLT"},
		{[]string{}, exUsage, "Usage: filtertest"},
		{[]string{"-m", "300.1.1.1", "EN10MB"}, exUsage, "invalid netmask 300.1.1.1"},
		{[]string{"-s", "x", "EN10MB"}, exUsage, "invalid snaplen x"},
		{[]string{"-r", "/nonexistent"}, exNoInput, "Failed opening: "},
		{[]string{"-r", "x", "-l"}, exUsage, "-r is not compatible with -l"},
	})
}

// udpFrame is an Ethernet/IPv4/UDP frame from 10.0.0.1:1234 to
// 10.0.0.2:dport with a 4-byte payload.
func udpFrame(dport byte) []byte {
	return []byte{
		0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 1, 0x08, 0x00,
		0x45, 0, 0, 32, 0, 1, 0, 0, 64, 17, 0, 0, 10, 0, 0, 1, 10, 0, 0, 2,
		0x04, 0xd2, 0, dport, 0, 12, 0, 0, 'a', 'b', 'c', 'd',
	}
}

func writeSavefile(t *testing.T, frames [][]byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "in.pcap")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w, err := pcapfile.NewWriter(f, pcapfile.WriterOptions{LinkType: 1, Snaplen: 262144})
	if err != nil {
		t.Fatal(err)
	}
	for i, fr := range frames {
		ci := pcapfile.CaptureInfo{Sec: 1700000000 + int64(i), Nsec: 5000, CaptureLength: len(fr), Length: len(fr)}
		if err := w.WritePacket(ci, fr); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// openPcap opens a savefile for reading; the file is closed when the
// test ends.
func openPcap(t *testing.T, path string) *pcapfile.Reader {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	r, err := pcapfile.NewReader(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return r
}

func TestReadSavefile(t *testing.T) {
	in := writeSavefile(t, [][]byte{udpFrame(53), udpFrame(9), udpFrame(53)})
	t.Setenv("TZ", "UTC")
	code, out, errOut := invoke(t, "", "-n", "-tt", "-r", in, "udp port 53")
	want := "1700000000.000005 IP 10.0.0.1.1234 > 10.0.0.2.53: domain [length 4 < 12] (invalid)\n" +
		"1700000002.000005 IP 10.0.0.1.1234 > 10.0.0.2.53: domain [length 4 < 12] (invalid)\n"
	if code != 0 || out != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s\nstderr: %s", code, out, want, errOut)
	}
	if !strings.HasPrefix(errOut, "reading from file "+in+", link-type EN10MB (Ethernet), snapshot length 262144\n") {
		t.Errorf("banner: %q", errOut)
	}

	// -w keeps the matching packets; -c stops early.
	outFile := filepath.Join(t.TempDir(), "out.pcap")
	if code, _, errOut := invoke(t, "", "-r", in, "-w", outFile, "-c", "1", "udp port 53"); code != 0 {
		t.Fatalf("-w: exit %d: %s", code, errOut)
	}
	r := openPcap(t, outFile)
	n := 0
	for {
		if _, _, err := r.ReadPacketData(); err != nil {
			break
		}
		n++
	}
	if n != 1 {
		t.Errorf("-c 1 wrote %d packets", n)
	}
}

func TestTruncatedSavefileKeepsOutput(t *testing.T) {
	in := writeSavefile(t, [][]byte{udpFrame(53), udpFrame(53)})
	data, err := os.ReadFile(in)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(in, data[:len(data)-10], 0o644); err != nil {
		t.Fatal(err)
	}
	outFile := filepath.Join(t.TempDir(), "out.pcap")
	code, _, errOut := invoke(t, "", "-r", in, "-w", outFile)
	if code != 1 || !strings.Contains(errOut, "truncated dump file") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
	st, err := os.Stat(outFile)
	if err != nil || st.Size() != 24+16+int64(len(udpFrame(53))) {
		t.Errorf("the packet read before the damage was not kept: %v %v", st, err)
	}
}

func TestUnimplementedOptionFails(t *testing.T) {
	code, _, errOut := invoke(t, "", "-I", "-d", "ip")
	if code != 1 || !strings.Contains(errOut, "gocapdump: option -I is not implemented yet") {
		t.Errorf("exit %d, stderr %q", code, errOut)
	}
}
