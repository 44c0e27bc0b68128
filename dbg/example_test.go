package dbg_test

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"github.com/gocapdump/gocapdump/dbg"
	"github.com/gocapdump/gocapdump/pcapfile"
)

// Example steps a program over a one-packet savefile held in memory. The
// commands are bpf_dbg's; Options.Open serves the file without touching
// the file system.
func Example() {
	// An ARP request, as a pcap file.
	var file bytes.Buffer
	w, _ := pcapfile.NewWriter(&file, pcapfile.WriterOptions{LinkType: 1})
	arp := []byte{
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0x14, 0xa4, 0x43, 0x78, 0x69, 0x08, 0x06,
		0, 1, 8, 0, 6, 4, 0, 1, 0, 0x14, 0xa4, 0x43, 0x78, 0x69, 10, 59, 1, 38,
		0, 0, 0, 0, 0, 0, 10, 59, 1, 1,
	}
	w.WritePacket(pcapfile.CaptureInfo{Length: len(arp)}, arp)
	w.Close()

	s := dbg.New(os.Stdout, &dbg.Options{
		Open: func(string) (io.ReadCloser, error) {
			return io.NopCloser(bytes.NewReader(file.Bytes())), nil
		},
	})
	for _, cmd := range []string{
		"load pcap arp.pcap",
		"load bpf 4,40 0 0 12,21 0 1 2054,6 0 0 4294967295,6 0 0 0,",
		"disassemble",
		"breakpoint 1",
		"run",
		"step",
		"step",
	} {
		if err := s.Exec(cmd); err != nil {
			fmt.Println("error:", err)
		}
	}
	// Output:
	// arp.pcap: 1 packet, pcap EN10MB
	// l0:	ldh [12]
	// l1:	jeq #0x806, l2, l3
	// l2:	ret #0xffffffff
	// l3:	ret #0
	// breakpoint at: l1:	jeq #0x806, l2, l3
	// -- register dump --
	// pc:       [1]
	// code:     [21] jt[0] jf[1] k[2054]
	// curr:     l1:	jeq #0x806, l2, l3
	// jt:       l2:	ret #0xffffffff
	// jf:       l3:	ret #0
	// A:        [0x000806][2054]
	// X:        [0x000000][0]
	// M[0,15]:  [0x000000][0]
	// -- packet dump --
	// packet:   [1]
	// len: 42
	//   0: ff ff ff ff ff ff 00 14 a4 43 78 69 08 06 00 01
	//  16: 08 00 06 04 00 01 00 14 a4 43 78 69 0a 3b 01 26
	//  32: 00 00 00 00 00 00 0a 3b 01 01
	// (breakpoint)
	// -- register dump --
	// pc:       [2]
	// code:     [6] jt[0] jf[0] k[4294967295]
	// curr:     l2:	ret #0xffffffff
	// A:        [0x000806][2054]
	// X:        [0x000000][0]
	// M[0,15]:  [0x000000][0]
	// -- packet dump --
	// packet:   [1]
	// len: 42
	//   0: ff ff ff ff ff ff 00 14 a4 43 78 69 08 06 00 01
	//  16: 08 00 06 04 00 01 00 14 a4 43 78 69 0a 3b 01 26
	//  32: 00 00 00 00 00 00 0a 3b 01 01
	// ret:      [0xffffffff][4294967295]
	// (going back to first packet)
	// -- register dump --
	// pc:       [0]
	// code:     [40] jt[0] jf[0] k[12]
	// curr:     l0:	ldh [12]
	// A:        [0x000000][0]
	// X:        [0x000000][0]
	// M[0,15]:  [0x000000][0]
	// -- packet dump --
	// packet:   [1]
	// len: 42
	//   0: ff ff ff ff ff ff 00 14 a4 43 78 69 08 06 00 01
	//  16: 08 00 06 04 00 01 00 14 a4 43 78 69 0a 3b 01 26
	//  32: 00 00 00 00 00 00 0a 3b 01 01
}
