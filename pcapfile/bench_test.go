package pcapfile

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// benchFile builds an in-memory capture of n packets of 60 to 1514 bytes.
func benchFile(b *testing.B, format Format, n int) []byte {
	b.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, WriterOptions{Format: format, LinkType: 1})
	if err != nil {
		b.Fatal(err)
	}
	data := make([]byte, 1514)
	for i := 0; i < n; i++ {
		size := 60 + (i*7919)%1455
		if err := w.WritePacket(CaptureInfo{Sec: int64(i), Nsec: 1000, Length: size}, data[:size]); err != nil {
			b.Fatal(err)
		}
	}
	w.Close()
	return buf.Bytes()
}

func benchRead(b *testing.B, format Format, zeroCopy bool) {
	file := benchFile(b, format, 10000)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r, err := NewReader(bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		for {
			var err error
			if zeroCopy {
				_, _, err = r.ZeroCopyReadPacketData()
			} else {
				_, _, err = r.ReadPacketData()
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10000), "ns/packet")
}

func BenchmarkReadPcapZeroCopy(b *testing.B)   { benchRead(b, FormatPcap, true) }
func BenchmarkReadPcapCopy(b *testing.B)       { benchRead(b, FormatPcap, false) }
func BenchmarkReadPcapNGZeroCopy(b *testing.B) { benchRead(b, FormatPcapNG, true) }
func BenchmarkReadPcapNGCopy(b *testing.B)     { benchRead(b, FormatPcapNG, false) }

func benchWrite(b *testing.B, format Format) {
	data := make([]byte, 800)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	w, err := NewWriter(io.Discard, WriterOptions{Format: format, LinkType: 1})
	if err != nil {
		b.Fatal(err)
	}
	ci := CaptureInfo{Sec: 1, Length: len(data)}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := w.WritePacket(ci, data); err != nil {
			b.Fatal(err)
		}
	}
	w.Flush()
}

func BenchmarkWritePcap(b *testing.B)   { benchWrite(b, FormatPcap) }
func BenchmarkWritePcapNG(b *testing.B) { benchWrite(b, FormatPcapNG) }

// mappedBenchFile writes benchFile's pcap to a temporary file.
func mappedBenchFile(b *testing.B) (*os.File, int64) {
	file := benchFile(b, FormatPcap, 10000)
	name := filepath.Join(b.TempDir(), "bench.pcap")
	if err := os.WriteFile(name, file, 0o644); err != nil {
		b.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { f.Close() })
	return f, int64(len(file))
}

// BenchmarkReadPcapMapped is BenchmarkReadPcapZeroCopy through
// NewFileReader's mapping (page-cached file).
func BenchmarkReadPcapMapped(b *testing.B) {
	f, size := mappedBenchFile(b)
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		f.Seek(0, io.SeekStart)
		r, err := NewFileReader(f, ReaderOptions{})
		if err != nil {
			b.Fatal(err)
		}
		var ci CaptureInfo
		for {
			if _, err := r.ReadPacket(&ci); err != nil {
				break
			}
		}
		r.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10000), "ns/packet")
}

// BenchmarkCopyRecordsMapped passes every record of a mapped file
// through to /dev/null: the user-space cost of gocapdump -r -w when
// formats agree, the kernel's copy aside.
func BenchmarkCopyRecordsMapped(b *testing.B) {
	f, size := mappedBenchFile(b)
	null, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Skip(err)
	}
	defer null.Close()
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		f.Seek(0, io.SeekStart)
		r, err := NewFileReader(f, ReaderOptions{})
		if err != nil {
			b.Fatal(err)
		}
		w, _ := NewWriter(null, WriterOptions{LinkType: 1})
		var ci CaptureInfo
		for {
			if _, err := r.ReadPacket(&ci); err != nil {
				break
			}
			if ok, err := w.CopyRecord(r); !ok || err != nil {
				b.Fatal("not copied", err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		r.Close()
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10000), "ns/packet")
}
