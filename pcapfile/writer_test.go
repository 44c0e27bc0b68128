package pcapfile

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

func TestRoundTrip(t *testing.T) {
	type pkt struct {
		ci   CaptureInfo
		data []byte
	}
	var in []pkt
	for i := 0; i < 50; i++ {
		in = append(in, pkt{
			CaptureInfo{Sec: 1700000000 + int64(i), Nsec: int64(i) * 1234567, Length: 1000 + i, InterfaceIndex: i % 2},
			bytes.Repeat([]byte{byte(i)}, i*3),
		})
	}
	for _, tc := range []struct {
		format Format
		nano   bool
		order  binary.ByteOrder
	}{
		{FormatPcap, false, nil}, {FormatPcap, true, be},
		{FormatPcapNG, false, nil}, {FormatPcapNG, true, be},
	} {
		t.Run(fmt.Sprintf("%v-nano=%v-%v", tc.format, tc.nano, tc.order), func(t *testing.T) {
			var buf bytes.Buffer
			opt := WriterOptions{Format: tc.format, Nanosecond: tc.nano, ByteOrder: tc.order, LinkType: 1, Snaplen: 65535}
			if tc.format == FormatPcapNG {
				opt.Interfaces = []Interface{{LinkType: 1, Name: "eth0", Description: "first"}, {LinkType: 113, Snaplen: 200, Name: "any"}}
			}
			w, err := NewWriter(&buf, opt)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range in {
				ci := p.ci
				if tc.format == FormatPcap {
					ci.InterfaceIndex = 0
				}
				if err := w.WritePacket(ci, p.data); err != nil {
					t.Fatal(err)
				}
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if err := w.WritePacket(CaptureInfo{}, nil); err != ErrWriterClosed {
				t.Errorf("write after close: %v", err)
			}
			r, err := NewReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			if r.Format() != tc.format || r.Nanosecond() != tc.nano || r.LinkType() != 1 {
				t.Errorf("header: %v nano=%v lt=%d", r.Format(), r.Nanosecond(), r.LinkType())
			}
			for i, p := range in {
				data, ci, err := r.ReadPacketData()
				if err != nil {
					t.Fatalf("packet %d: %v", i, err)
				}
				want := p.ci
				want.CaptureLength = len(p.data)
				want.LinkType = 1
				if tc.format == FormatPcap {
					want.InterfaceIndex = 0
				} else if want.InterfaceIndex == 1 {
					want.LinkType = 113
				}
				if !tc.nano {
					want.Nsec -= want.Nsec % 1000
				}
				if ci != want || !bytes.Equal(data, p.data) {
					t.Fatalf("packet %d: got %+v, want %+v", i, ci, want)
				}
			}
			if _, _, err := r.ReadPacketData(); err != io.EOF {
				t.Fatalf("end: %v", err)
			}
			if tc.format == FormatPcapNG {
				ifs := r.Interfaces()
				if len(ifs) != 2 || ifs[0].Name != "eth0" || ifs[0].Description != "first" || ifs[1].Name != "any" || ifs[1].Snaplen != 200 {
					t.Errorf("interfaces: %+v", ifs)
				}
			}
		})
	}
}

func TestWriterErrors(t *testing.T) {
	w, _ := NewWriter(io.Discard, WriterOptions{Snaplen: 10})
	if err := w.WritePacket(CaptureInfo{}, make([]byte, 11)); err == nil {
		t.Error("packet over the snapshot length accepted")
	}
	if err := w.WritePacket(CaptureInfo{InterfaceIndex: 1}, nil); err == nil {
		t.Error("unknown interface accepted")
	}
	if _, err := NewWriter(io.Discard, WriterOptions{LinkType: 1 << 16}); err == nil {
		t.Error("link type 65536 accepted")
	}
}

// TestCorpusRewrite copies a few corpus files through the writer in both
// formats and checks that the packets survive.
func TestCorpusRewrite(t *testing.T) {
	corpus := testcorpus.Path(t, "corpus")
	for _, name := range []string{"tcpdump/802.1ad_QinQ.pcap", "tcpdump/dns_tcp.pcap", "tcpdump/OSPFv2_Capture_FINAL.pcapng", "tcpdump/bigtcp-ipv4.pcap"} {
		path := filepath.Join(corpus, name)
		orig, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range []Format{FormatPcap, FormatPcapNG} {
			r, err := NewReader(bytes.NewReader(orig))
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			w, err := NewWriter(&buf, WriterOptions{Format: format, LinkType: r.LinkType(), Snaplen: r.Snaplen(), Nanosecond: true})
			if err != nil {
				t.Fatal(err)
			}
			var want []CaptureInfo
			for {
				data, ci, err := r.ZeroCopyReadPacketData()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatal(err)
				}
				ci.InterfaceIndex = 0
				if err := w.WritePacket(ci, data); err != nil {
					t.Fatal(err)
				}
				want = append(want, ci)
			}
			w.Close()
			r2, err := NewReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			for i, w := range want {
				_, ci, err := r2.ReadPacketData()
				if err != nil || ci != w {
					t.Fatalf("%s as %v packet %d: %+v %v, want %+v", name, format, i+1, ci, err, w)
				}
			}
		}
	}
}

// TestTimestampsPast2106 reads the corpus files whose seconds exceed 32 bits
// (tcpdump prints them as 4294967296 and 4323283200).
func TestTimestampsPast2106(t *testing.T) {
	corpus := testcorpus.Path(t, "corpus")
	for name, want := range map[string]int64{"time_2106_overflow.pcapng": 4294967296, "time_2107.pcapng": 4323283200} {
		f, err := os.Open(filepath.Join(corpus, "tcpdump", name))
		if err != nil {
			t.Fatal(err)
		}
		r, err := NewReader(f)
		if err != nil {
			t.Fatal(err)
		}
		_, ci, err := r.ReadPacketData()
		f.Close()
		if err != nil || ci.Sec != want || ci.Nsec != 0 {
			t.Errorf("%s: %+v %v, want sec %d", name, ci, err, want)
		}
	}
}

// TestWritePacketInPlace writes the same packets with WritePacket and
// WritePacketInPlace, to a file (writev from the packets' memory) and to
// a plain io.Writer, flushing in the middle and then overwriting the
// packets' memory as a capture ring would after its block is released:
// every output must be WritePacket's.
func TestWritePacketInPlace(t *testing.T) {
	var sizes []int
	for i := 0; i < 3000; i++ {
		sizes = append(sizes, []int{0, 1, 60, inPlaceMin - 1, inPlaceMin, 1514, 9000}[i%7])
	}
	ring := make([]byte, 0, 1<<20)
	var data [][]byte
	for i, n := range sizes {
		if len(ring)+RecordHeaderLen+n > cap(ring) {
			ring = make([]byte, 0, 1<<20)
		}
		// Each packet has RecordHeaderLen bytes of junk in front of it,
		// the scratch space of WriteRecordInPlace.
		for j := 0; j < RecordHeaderLen; j++ {
			ring = append(ring, 0xee)
		}
		s := len(ring)
		for j := 0; j < n; j++ {
			ring = append(ring, byte(i+j))
		}
		data = append(data, ring[s:len(ring):len(ring)])
	}
	ci := func(i int) CaptureInfo {
		return CaptureInfo{Sec: 1700000000 + int64(i), Nsec: int64(i) * 1001, Length: len(data[i]) + 4}
	}
	for _, format := range []Format{FormatPcap, FormatPcapNG} {
		opt := WriterOptions{Format: format, LinkType: 1, Snaplen: 65535, BufferSize: 64 << 10}
		var want bytes.Buffer
		w, err := NewWriter(&want, opt)
		if err != nil {
			t.Fatal(err)
		}
		for i := range data {
			if err := w.WritePacket(ci(i), data[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			toFile, record bool
		}{{true, false}, {false, false}, {true, true}, {false, true}} {
			toFile := tc.toFile
			t.Run(fmt.Sprintf("%v-file=%v-record=%v", format, toFile, tc.record), func(t *testing.T) {
				// The packets change after every flush: work on a copy,
				// with the scratch space in front of each.
				pkts, recs := make([][]byte, len(data)), make([][]byte, len(data))
				for i, d := range data {
					recs[i] = append(bytes.Repeat([]byte{0xee}, RecordHeaderLen), d...)
					pkts[i] = recs[i][RecordHeaderLen:]
				}
				var out io.Writer
				var buf bytes.Buffer
				name := filepath.Join(t.TempDir(), "o.pcap")
				if toFile {
					f, err := os.Create(name)
					if err != nil {
						t.Fatal(err)
					}
					defer f.Close()
					out = f
				} else {
					out = &buf
				}
				w, err := NewWriter(out, opt)
				if err != nil {
					t.Fatal(err)
				}
				for i := range pkts {
					write := w.WritePacketInPlace
					if tc.record {
						write = func(ci CaptureInfo, _ []byte) error { return w.WriteRecordInPlace(ci, recs[i]) }
					}
					if err := write(ci(i), pkts[i]); err != nil {
						t.Fatal(err)
					}
					if i%500 == 499 {
						if err := w.Flush(); err != nil {
							t.Fatal(err)
						}
						for j := i - 499; j <= i; j++ {
							clear(recs[j])
						}
					}
				}
				if err := w.Close(); err != nil {
					t.Fatal(err)
				}
				got := buf.Bytes()
				if toFile {
					if got, err = os.ReadFile(name); err != nil {
						t.Fatal(err)
					}
				}
				if !bytes.Equal(got, want.Bytes()) {
					t.Fatalf("output differs from WritePacket's (%d vs %d bytes)", len(got), want.Len())
				}
			})
		}
	}
}

// TestWritePacketInPlaceBorrows checks that large packets really are
// referenced rather than copied (what makes the live capture cheap): a
// change made before Flush shows in the output, for small packets not.
func TestWritePacketInPlaceBorrows(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewWriter(&buf, WriterOptions{LinkType: 1})
	if err != nil {
		t.Fatal(err)
	}
	small, large := make([]byte, inPlaceMin-1), make([]byte, inPlaceMin)
	for _, d := range [][]byte{small, large} {
		if err := w.WritePacketInPlace(CaptureInfo{Length: len(d)}, d); err != nil {
			t.Fatal(err)
		}
		d[0] = 0xee
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	smallAt := pcapFileHeaderLen + pcapRecordHeaderLen
	largeAt := smallAt + len(small) + pcapRecordHeaderLen
	if out[smallAt] != 0 || out[largeAt] != 0xee {
		t.Errorf("small packet's first byte %#x (want a copy, 0), large one's %#x (want the change, 0xee)", out[smallAt], out[largeAt])
	}
}
