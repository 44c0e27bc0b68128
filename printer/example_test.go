package printer_test

import (
	"encoding/hex"
	"os"
	"time"

	"github.com/gocapdump/gocapdump/printer"
)

func Example() {
	// An Ethernet frame carrying an ICMPv6 echo request from ::1 to ::1.
	frame, _ := hex.DecodeString("000000000000000000000000" + "86dd" +
		"6000000000103a40" +
		"00000000000000000000000000000001" +
		"00000000000000000000000000000001" +
		"80007fbb43210001" + "0001020304050607")
	p := printer.New(os.Stdout, printer.LinkEthernet, printer.Options{
		Timestamp: printer.TimestampDate,
		Location:  time.UTC,
	})
	p.Print(printer.CaptureInfo{Seconds: 1700000000, Fraction: 123456, Length: len(frame)}, frame)
	p.Flush()
	// Output:
	// 2023-11-14 22:13:20.123456 IP6 ::1 > ::1: ICMP6, echo request, id 17185, seq 1, length 16
}
