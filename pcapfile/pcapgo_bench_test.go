//go:build pcapgo_bench

// Run with: go get github.com/gopacket/gopacket@v1.7.7 && go test -tags pcapgo_bench -bench Pcapgo ./pcapfile

package pcapfile

import (
	"bytes"
	"io"
	"testing"

	"github.com/gopacket/gopacket/pcapgo"
)

// The same reads with gopacket's pcapgo, for comparison.

func BenchmarkPcapgoReadPcapZeroCopy(b *testing.B) {
	file := benchFile(b, FormatPcap, 10000)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := pcapgo.NewReader(bytes.NewReader(file))
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, _, err := r.ZeroCopyReadPacketData()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkPcapgoReadPcapNGZeroCopy(b *testing.B) {
	file := benchFile(b, FormatPcapNG, 10000)
	b.SetBytes(int64(len(file)))
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		r, err := pcapgo.NewNgReader(bytes.NewReader(file), pcapgo.DefaultNgReaderOptions)
		if err != nil {
			b.Fatal(err)
		}
		for {
			_, _, err := r.ZeroCopyReadPacketData()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}
