package pcapfile

import (
	"bytes"
	"errors"
	"io"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the reader (seeds in
// testdata/fuzz/FuzzReader: small pcap, Kuznetzov and pcapng files). It
// must never panic, every error must be a FormatError, every packet must
// respect its length bounds, and what was read must survive a rewrite.
func FuzzReader(f *testing.F) {
	f.Fuzz(func(t *testing.T, file []byte) {
		for _, strict := range []bool{false, true} {
			r, err := NewReaderOptions(bytes.NewReader(file), ReaderOptions{StrictLibpcap: strict, BufferSize: 1})
			if err != nil {
				var fe *FormatError
				if !errors.As(err, &fe) {
					t.Fatalf("open: %T %v", err, err)
				}
				return
			}
			var out bytes.Buffer
			w, err := NewWriter(&out, WriterOptions{Format: FormatPcapNG, Nanosecond: true, Interfaces: []Interface{{LinkType: r.LinkType(), Snaplen: 0x7fffffff}}})
			if err != nil {
				t.Fatal(err)
			}
			var got []CaptureInfo
			var datas [][]byte
			for len(got) < 200 {
				data, ci, err := r.ReadPacketData()
				if err == io.EOF {
					break
				}
				if err != nil {
					var fe *FormatError
					if !errors.As(err, &fe) {
						t.Fatalf("packet: %T %v", err, err)
					}
					break
				}
				if len(data) != ci.CaptureLength || ci.InterfaceIndex >= len(r.Interfaces()) || uint32(len(data)) > r.Interfaces()[ci.InterfaceIndex].snapshot {
					t.Fatalf("bad packet %+v with %d bytes", ci, len(data))
				}
				if ci.Nsec < 0 || (r.Format() == FormatPcapNG && ci.Nsec >= 1e9) {
					t.Fatalf("bad time stamp %+v", ci)
				}
				ci.InterfaceIndex = 0
				if err := w.WritePacket(ci, data); err != nil {
					if ci.Sec >= 0 && ci.Sec < 1<<32 {
						t.Fatal(err)
					}
					continue // beyond what a nanosecond EPB can hold
				}
				got = append(got, ci)
				datas = append(datas, data)
			}
			w.Close()
			r2, err := NewReader(&out)
			if err != nil {
				t.Fatalf("rewritten file: %v", err)
			}
			for i, want := range got {
				data, ci, err := r2.ReadPacketData()
				want.LinkType = r.LinkType()
				if err != nil || ci != want || !bytes.Equal(data, datas[i]) {
					if r.Format() == FormatPcap && want.Nsec >= 1e9 {
						continue // unnormalised pcap fraction: the EPB time stamp normalises it
					}
					t.Fatalf("rewrite of packet %d: %+v %v, want %+v", i, ci, err, want)
				}
			}
		}
	})
}
