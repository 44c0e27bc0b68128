package printer

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
	"github.com/gocapdump/gocapdump/pcapfile"
)

var namesOracle = flag.Bool("names-oracle", false, "compare name resolution with the system tcpdump on the corpus")

// TestNamesOracle checks name resolution against the tcpdump installed on
// this machine, which resolves through the same /etc files and DNS as a
// SystemResolver. The versions differ in places (the corpus goldens are
// tcpdump's development branch), so only packets that both print alike
// with -n are compared without it. Run with -names-oracle; it needs
// tcpdump in PATH and takes minutes: tcpdump waits for every DNS answer.
func TestNamesOracle(t *testing.T) {
	if !*namesOracle {
		t.Skip("run with -names-oracle to compare with the system tcpdump")
	}
	tcpdump, err := exec.LookPath("tcpdump")
	if err != nil {
		t.Skip("no tcpdump in PATH")
	}
	dir := testcorpus.Dir(t, "tcpdump")
	resolver := NewSystemResolver(SystemResolverConfig{})
	compared, same, skipped := 0, 0, 0
	for _, ct := range readTestList(t, filepath.Join(dir, "TESTLIST")) {
		opt, ok := optionsFor(ct.args)
		if !ok {
			continue
		}
		args := []string{"-#", "-r", filepath.Join(dir, ct.input)}
		special := false
		for _, a := range ct.args {
			if a == "SPECIAL_t" {
				special = true
				continue
			}
			args = append(args, a)
		}
		if !special {
			args = append(args, "-tttt")
		}
		run := func(extra ...string) map[int]string {
			// tcpdump waits for DNS as long as the C library lets it.
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			cmd := exec.CommandContext(ctx, tcpdump, append(extra, args...)...)
			cmd.Env = append(os.Environ(), "TZ=GMT0")
			out, _ := cmd.Output()
			return splitPackets(out)
		}
		wantN, wantNames := run("-n"), run()
		gotN, ok := runCorpusTest(t, dir, ct)
		if !ok {
			continue
		}
		opt.ResolveNames = true
		opt.Resolver = resolver
		gotNames, ok := runCorpusTestWith(t, dir, ct, opt)
		if !ok {
			continue
		}
		gn, gm := splitPackets(gotN), splitPackets(gotNames)
		for n, w := range wantN {
			if gn[n] != w {
				skipped++
				continue
			}
			compared++
			if gm[n] == wantNames[n] {
				same++
			} else {
				t.Errorf("%s #%d:\n got: %q\nwant: %q", ct.name, n, gm[n], wantNames[n])
			}
		}
	}
	t.Logf("%d of %d packets print the same names as %s (%d packets skipped: they differ even with -n)", same, compared, tcpdump, skipped)
}

// runCorpusTestWith is runCorpusTest with explicit options.
func runCorpusTestWith(t *testing.T, dir string, ct corpusTest, opt Options) ([]byte, bool) {
	var out bytes.Buffer
	if !printFile(t, filepath.Join(dir, ct.input), &out, opt) {
		return nil, false
	}
	return out.Bytes(), true
}

// printFile prints a savefile with opt; false if it cannot be read.
func printFile(t *testing.T, path string, w io.Writer, opt Options) bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := pcapfile.NewReader(bufio.NewReader(f))
	if err != nil {
		return false
	}
	pr := New(w, LinkType(r.LinkType()), opt)
	nano := r.Format() != pcapfile.FormatPcap || r.Nanosecond()
	for {
		data, ci, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) || err != nil {
			break
		}
		info := CaptureInfo{Seconds: ci.Sec, Length: ci.Length, Nano: nano}
		if nano {
			info.Fraction = uint32(ci.Nsec)
		} else {
			info.Fraction = uint32(ci.Nsec / 1000)
		}
		pr.SetLinkType(LinkType(ci.LinkType))
		if err := pr.Print(info, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := pr.Flush(); err != nil {
		t.Fatal(err)
	}
	return true
}
