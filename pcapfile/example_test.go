package pcapfile_test

import (
	"bytes"
	"fmt"
	"io"
	"log"

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
