// Command mkpcap writes the deterministic benchmark savefile: a pcap file
// of synthetic Ethernet traffic (see package synth for the mix).
//
//	mkpcap [-n packets] [-seed N] -o big.pcap
//
// The file is written to a temporary name and renamed when complete, so
// an interrupted run never leaves a short file that looks finished.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gocapdump/gocapdump/bench/internal/synth"
)

func main() {
	out := flag.String("o", "", "output `file` (required)")
	n := flag.Int("n", 1000000, "number of `packets`")
	seed := flag.Uint64("seed", 1, "random `seed`; the same seed gives the same file")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	if err := write(*out, *n, *seed); err != nil {
		fmt.Fprintln(os.Stderr, "mkpcap:", err)
		os.Exit(1)
	}
}

func write(name string, n int, seed uint64) error {
	f, err := os.CreateTemp(filepath.Dir(name), filepath.Base(name)+".tmp*")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name()) // a no-op once renamed
	if err := f.Chmod(0o644); err != nil {
		f.Close()
		return err
	}
	bw := bufio.NewWriterSize(f, 1<<20)
	if err := synth.Write(bw, n, seed); err != nil {
		f.Close()
		return err
	}
	if err := bw.Flush(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), name)
}
