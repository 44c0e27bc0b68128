// Command gocapdump is a tcpdump-compatible packet capture and filter tool.
//
//	gocapdump -d 'ip and tcp port 8080'       print the compiled filter
//	gocapdump -i eth0 -w out.pcap [expr]      capture to a savefile
//	gocapdump -r in.pcap [expr]               read a savefile
//	gocapdump dbg --pcap file.pcap            step a filter over a savefile
//	gocapdump filtertest DLT expr             libpcap's filtertest interface
package main

import (
	"io"
	"os"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches to a subcommand or to the tcpdump-style command line and
// returns the exit status.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		switch args[0] {
		case "filtertest":
			return runFiltertest(args[1:], stdin, stdout, stderr)
		case "dbg":
			return runDbg(args[1:], stdin, stdout, stderr)
		}
	}
	return runTcpdump(args, stdin, stdout, stderr)
}
