package pcapfile_test

import (
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"

	"github.com/gocapdump/gocapdump/pcapfile"
)

func Example() {
	// Write two packets to a pcapng file in memory ...
	var buf bytes.Buffer
	w, err := pcapfile.NewWriter(&buf, pcapfile.WriterOptions{Format: pcapfile.FormatPcapNG, LinkType: 1, Nanosecond: true})
	if err != nil {
		log.Fatal(err)
	}
	w.WritePacket(pcapfile.CaptureInfo{Sec: 1700000000, Nsec: 5, Length: 60}, []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff})
	w.WritePacket(pcapfile.CaptureInfo{Sec: 1700000001, Length: 1514}, []byte{1, 2, 3})
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}

	// ... and read them back without copying.
	r, err := pcapfile.NewReader(&buf)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(r.Format(), "link type", r.LinkType())
	var ci pcapfile.CaptureInfo
	for {
		data, err := r.ReadPacket(&ci)
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s caplen %d len %d: % x\n", ci.Timestamp().UTC().Format("15:04:05.000000000"), ci.CaptureLength, ci.Length, data)
	}
	// Output:
	// pcapng link type 1
	// 22:13:20.000000005 caplen 6 len 60: ff ff ff ff ff ff
	// 22:13:21.000000000 caplen 3 len 1514: 01 02 03
}

func ExampleFormatError() {
	// A pcap header claiming version 1.4.
	file := []byte{0xd4, 0xc3, 0xb2, 0xa1, 1, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0}
	_, err := pcapfile.NewReader(bytes.NewReader(file))
	fmt.Println(err)
	// Output: unsupported pcap savefile version 1.4
}

// Copy the packets of a savefile that pass a test to another file. The
// input is memory-mapped, and the records kept go from the mapping to the
// output file as they are, with no copy in user space.
func ExampleWriter_CopyRecord() {
	dir, err := os.MkdirTemp("", "pcapfile-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	in := filepath.Join(dir, "in.pcap")
	var buf bytes.Buffer
	w, _ := pcapfile.NewWriter(&buf, pcapfile.WriterOptions{LinkType: 1})
	for i := 0; i < 10; i++ {
		w.WritePacket(pcapfile.CaptureInfo{Sec: int64(i), Length: 60}, bytes.Repeat([]byte{byte(i)}, 60))
	}
	w.Close()
	if err := os.WriteFile(in, buf.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}

	f, err := os.Open(in)
	if err != nil {
		log.Fatal(err)
	}
	defer f.Close()
	r, err := pcapfile.NewFileReader(f, pcapfile.ReaderOptions{})
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close() // after the writer is closed: it may still refer to the mapping
	out, err := os.Create(filepath.Join(dir, "out.pcap"))
	if err != nil {
		log.Fatal(err)
	}
	defer out.Close()
	w, err = pcapfile.NewWriter(out, pcapfile.WriterOptions{LinkType: r.LinkType(), Snaplen: r.Snaplen()})
	if err != nil {
		log.Fatal(err)
	}
	var ci pcapfile.CaptureInfo
	copied := 0
	for {
		data, err := r.ReadPacket(&ci)
		if err == io.EOF {
			break
		}
		if err != nil {
			log.Fatal(err)
		}
		if ci.Sec%2 != 0 {
			continue // keep the even seconds
		}
		ok, err := w.CopyRecord(r)
		if err != nil {
			log.Fatal(err)
		}
		if !ok { // formats differ: encode it anew
			if err := w.WritePacket(ci, data); err != nil {
				log.Fatal(err)
			}
			continue
		}
		copied++
	}
	if err := w.Close(); err != nil {
		log.Fatal(err)
	}
	st, _ := out.Stat()
	fmt.Println("mapped:", r.Mapped(), "records copied:", copied, "bytes:", st.Size())
	// Output: mapped: true records copied: 5 bytes: 404
}
