package bench

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"io"
	"sync"
	"testing"
	"time"

	"github.com/gocapdump/gocapdump/bench/internal/synth"
	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
	"github.com/gocapdump/gocapdump/printer"
)

// benchPackets is the size of the in-memory savefile: big enough that the
// TCP, DNS and address state of the printer fills as it does on the real
// file, small enough to generate in a moment.
const benchPackets = 200000

// benchFilter is the filter of the "savefiles" comparison.
const benchFilter = "tcp port 80 or udp"

var (
	fileOnce sync.Once
	fileData []byte
	filePkts []packet
)

type packet struct {
	ci   pcapfile.CaptureInfo
	data []byte
}

// savefile returns the generated pcap file and its packets, decoded once.
func savefile(tb testing.TB) ([]byte, []packet) {
	fileOnce.Do(func() {
		var buf bytes.Buffer
		if err := synth.Write(&buf, benchPackets, 1); err != nil {
			panic(err)
		}
		fileData = buf.Bytes()
		r, err := pcapfile.NewReader(bytes.NewReader(fileData))
		if err != nil {
			panic(err)
		}
		// The packets' data are slices of the file itself, in file
		// order, so the stage benchmarks walk memory the way the
		// reader's buffer does rather than chasing scattered copies.
		off := 24 // pcap file header
		var ci pcapfile.CaptureInfo
		for {
			if _, err := r.ReadPacket(&ci); err != nil {
				break
			}
			off += 16 // record header
			filePkts = append(filePkts, packet{ci, fileData[off : off+ci.CaptureLength]})
			off += ci.CaptureLength
		}
	})
	if len(filePkts) != benchPackets {
		tb.Fatalf("generated %d packets, want %d", len(filePkts), benchPackets)
	}
	if last := filePkts[len(filePkts)-1].data; &last[len(last)-1] != &fileData[len(fileData)-1] {
		tb.Fatal("packet offsets do not match the file layout")
	}
	return fileData, filePkts
}

// compileFilter compiles expr the way gocapdump -r does for r's file.
func compileFilter(tb testing.TB, expr string, r *pcapfile.Reader) *bpfvm.Program {
	order := compiler.SavefileNative
	if r.ByteOrder() != binary.NativeEndian {
		order = compiler.SavefileSwapped
	}
	prog, err := compiler.Compile(expr, compiler.Options{
		LinkType: linktype.FromSavefile(r.LinkType()),
		Snaplen:  r.Snaplen(),
		Savefile: order,
	})
	if err != nil {
		tb.Fatal(err)
	}
	vm, err := bpfvm.New(prog.Instructions(), bpfvm.Libpcap)
	if err != nil {
		tb.Fatal(err)
	}
	return vm
}

// perPacket reports the cost of one pass as time per packet and packets
// per second, comparable with offline.sh's numbers.
func perPacket(b *testing.B, n int) {
	ns := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(n)
	b.ReportMetric(ns, "ns/pkt")
	b.ReportMetric(1e9/ns, "pkts/s")
}

// BenchmarkOfflineWrite is gocapdump -r FILE -w OUT 'tcp port 80 or udp'
// in process, output discarded: one op is one pass over the file.
func BenchmarkOfflineWrite(b *testing.B) {
	file, pkts := savefile(b)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		r, err := pcapfile.NewReader(bufio.NewReaderSize(bytes.NewReader(file), 1<<20))
		if err != nil {
			b.Fatal(err)
		}
		vm := compileFilter(b, benchFilter, r)
		w, err := pcapfile.NewWriter(io.Discard, pcapfile.WriterOptions{LinkType: r.LinkType(), Snaplen: r.Snaplen()})
		if err != nil {
			b.Fatal(err)
		}
		var ci pcapfile.CaptureInfo
		for {
			data, err := r.ReadPacket(&ci)
			if err != nil {
				break
			}
			if vm.Run(data, ci.Length, nil) == 0 {
				continue
			}
			if err := w.WritePacket(ci, data); err != nil {
				b.Fatal(err)
			}
		}
		w.Close()
	}
	perPacket(b, len(pkts))
}

// BenchmarkOfflinePrint is TZ=UTC gocapdump -n -r FILE > /dev/null in
// process.
func BenchmarkOfflinePrint(b *testing.B) {
	file, pkts := savefile(b)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		r, err := pcapfile.NewReader(bufio.NewReaderSize(bytes.NewReader(file), 1<<20))
		if err != nil {
			b.Fatal(err)
		}
		vm := compileFilter(b, "", r)
		pr := printer.New(bufio.NewWriterSize(io.Discard, 64<<10), printer.LinkType(r.LinkType()), printer.Options{Location: time.UTC})
		var ci pcapfile.CaptureInfo
		for {
			data, err := r.ReadPacket(&ci)
			if err != nil {
				break
			}
			if vm.Run(data, ci.Length, nil) == 0 {
				continue
			}
			info := printer.CaptureInfo{Seconds: ci.Sec, Fraction: uint32(ci.Nsec / 1000), Length: ci.Length}
			if err := pr.Print(info, data); err != nil {
				b.Fatal(err)
			}
		}
		pr.Flush()
	}
	perPacket(b, len(pkts))
}

// BenchmarkStageRead is the reader alone.
func BenchmarkStageRead(b *testing.B) {
	file, pkts := savefile(b)
	b.SetBytes(int64(len(file)))
	for b.Loop() {
		r, err := pcapfile.NewReader(bufio.NewReaderSize(bytes.NewReader(file), 1<<20))
		if err != nil {
			b.Fatal(err)
		}
		var ci pcapfile.CaptureInfo
		for {
			if _, err := r.ReadPacket(&ci); err != nil {
				break
			}
		}
	}
	perPacket(b, len(pkts))
}

// BenchmarkStageFilter is the filter alone, over packets already in
// memory.
func BenchmarkStageFilter(b *testing.B) {
	file, pkts := savefile(b)
	r, err := pcapfile.NewReader(bytes.NewReader(file))
	if err != nil {
		b.Fatal(err)
	}
	vm := compileFilter(b, benchFilter, r)
	accepted := 0
	for b.Loop() {
		accepted = 0
		for i := range pkts {
			if vm.Run(pkts[i].data, pkts[i].ci.Length, nil) != 0 {
				accepted++
			}
		}
	}
	if accepted == 0 || accepted == len(pkts) {
		b.Fatalf("filter accepted %d of %d packets", accepted, len(pkts))
	}
	perPacket(b, len(pkts))
}

// BenchmarkStageWrite is the writer alone, every packet.
func BenchmarkStageWrite(b *testing.B) {
	_, pkts := savefile(b)
	for b.Loop() {
		w, err := pcapfile.NewWriter(io.Discard, pcapfile.WriterOptions{LinkType: synth.LinkTypeEthernet})
		if err != nil {
			b.Fatal(err)
		}
		for i := range pkts {
			w.WritePacket(pkts[i].ci, pkts[i].data)
		}
		w.Close()
	}
	perPacket(b, len(pkts))
}

// BenchmarkStagePrint is the printer alone, every packet.
func BenchmarkStagePrint(b *testing.B) {
	_, pkts := savefile(b)
	for b.Loop() {
		pr := printer.New(bufio.NewWriterSize(io.Discard, 64<<10), printer.LinkEthernet, printer.Options{Location: time.UTC})
		for i := range pkts {
			ci := &pkts[i].ci
			pr.Print(printer.CaptureInfo{Seconds: ci.Sec, Fraction: uint32(ci.Nsec / 1000), Length: ci.Length}, pkts[i].data)
		}
		pr.Flush()
	}
	perPacket(b, len(pkts))
}
