package printer_test

import (
	"context"
	"encoding/hex"
	"errors"
	"net/netip"
	"os"

	"github.com/gocapdump/gocapdump/printer"
)

// staticNames is a Resolver with fixed answers, the kind a test or a
// program with its own name database might use.
type staticNames map[netip.Addr]string

func (s staticNames) HostName(ctx context.Context, a netip.Addr) (string, error) {
	if n, ok := s[a]; ok {
		return n, nil
	}
	return "", errors.New("unknown host")
}

func (s staticNames) ServiceName(ctx context.Context, proto string, port uint16) (string, error) {
	if proto == "tcp" && port == 80 {
		return "http", nil
	}
	return "", nil
}

func (s staticNames) EtherName(ctx context.Context, mac [6]byte) (string, error) {
	return "", nil
}

// Printing names as tcpdump does without -n, with -e for the Ethernet
// header: host and service names, an OUI vendor, "Broadcast".
func ExampleResolver() {
	frame, _ := hex.DecodeString("ffffffffffff" + "00000c123456" + "0800" +
		"45000028000040004006" + "0000" + "c0000201" + "c6336402" +
		"d4310050000000010000000050020200" + "00000000")
	p := printer.New(os.Stdout, printer.LinkEthernet, printer.Options{
		Timestamp:    printer.TimestampNone,
		LinkHeader:   true,
		ResolveNames: true,
		Resolver:     staticNames{netip.MustParseAddr("198.51.100.2"): "www.example.net"},
	})
	p.Print(printer.CaptureInfo{Length: len(frame)}, frame)
	p.Flush()
	// Output:
	// 00:00:0c:12:34:56 (oui Cisco) > Broadcast, ethertype IPv4 (0x0800), length 54: 192.0.2.1.54321 > www.example.net.http: Flags [S], seq 1, win 512, length 0
}
