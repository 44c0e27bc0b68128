// Command gopcapcap is the Go peer that `make bench-capture` measures
// gocapdump against: a live capture with github.com/packetcap/go-pcap
// (its TPACKET_V3 ring), written as pcap with gopacket's pcapgo, driven
// like tcpdump so the capture benchmark can run it in tcpdump's place:
//
//	gopcapcap -i IF -w FILE [-s snaplen] [expression]
//
// The expression is compiled by gocapdump's compiler for Ethernet and
// attached with SetRawBPFFilter (go-pcap's own compiler gets several
// common expressions wrong; see ../shared/research/peers.md), so both
// tools run the same kernel filter. On SIGINT or SIGTERM it flushes the
// file and prints tcpdump's "N packets captured" line. It is a benchmark
// harness, not part of gocapdump.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gopacket/gopacket/layers"
	"github.com/gopacket/gopacket/pcapgo"
	pcap "github.com/packetcap/go-pcap"
	"github.com/sirupsen/logrus"
)

func main() {
	iface := flag.String("i", "", "interface to capture on (required)")
	out := flag.String("w", "", "pcap `file` to write (required)")
	snaplen := flag.Int("s", 262144, "snapshot length")
	flag.Parse()
	if *iface == "" || *out == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(*iface, *out, *snaplen, strings.Join(flag.Args(), " ")); err != nil {
		fmt.Fprintln(os.Stderr, "gopcapcap:", err)
		os.Exit(1)
	}
}

func run(iface, out string, snaplen int, expr string) error {
	// go-pcap logs every open at info level.
	logrus.SetLevel(logrus.WarnLevel)
	h, err := pcap.OpenLive(iface, int32(snaplen), true, 100*time.Millisecond, false)
	if err != nil {
		return err
	}
	if expr != "" {
		prog, err := compiler.Compile(expr, compiler.Options{LinkType: linktype.EN10MB, Snaplen: uint32(snaplen)})
		if err != nil {
			return err
		}
		if err := h.SetRawBPFFilter(prog.Instructions()); err != nil {
			return err
		}
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	w := pcapgo.NewWriter(bw)
	if err := w.WriteFileHeader(uint32(snaplen), layers.LinkTypeEthernet); err != nil {
		return err
	}

	var mu sync.Mutex // the writer and the count, shared with the signal handler
	captured := 0
	failed := make(chan error, 1)
	go func() {
		for {
			data, ci, err := h.ReadPacketData()
			if err != nil {
				failed <- err
				return
			}
			if data == nil {
				continue
			}
			mu.Lock()
			err = w.WritePacket(ci, data)
			captured++
			mu.Unlock()
			if err != nil {
				failed <- err
				return
			}
		}
	}()
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	select {
	case <-stop:
	case err := <-failed:
		return err
	}
	mu.Lock()
	defer mu.Unlock()
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d packets captured\n", captured)
	return nil
}
