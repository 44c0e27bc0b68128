//go:build linux

package capture_test

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/signal"

	"github.com/gocapdump/gocapdump/capture"
	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/net/bpf"
)

// Capture UDP port 53 on eth0 until interrupted, reading whole ring blocks
// without copying, then print tcpdump's closing statistics.
func Example() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	// "udp port 53" compiled for Ethernet, as a filter compiler would.
	filter, _ := bpf.Assemble([]bpf.Instruction{
		bpf.LoadAbsolute{Off: 12, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 0x0800, SkipFalse: 8},
		bpf.LoadAbsolute{Off: 23, Size: 1},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 17, SkipFalse: 6},
		bpf.LoadAbsolute{Off: 20, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpBitsSet, Val: 0x1fff, SkipTrue: 4},
		bpf.LoadMemShift{Off: 14},
		bpf.LoadIndirect{Off: 14, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 53, SkipTrue: 2},
		bpf.LoadIndirect{Off: 16, Size: 2},
		bpf.JumpIf{Cond: bpf.JumpEqual, Val: 53, SkipFalse: 1},
		bpf.RetConstant{Val: capture.DefaultSnaplen},
		bpf.RetConstant{Val: 0},
	})

	h, err := capture.Open(ctx, "eth0", capture.Options{
		FilterFor: func(lt linktype.Type) ([]bpf.RawInstruction, error) {
			if lt != linktype.EN10MB {
				return nil, fmt.Errorf("filter compiled for Ethernet, device is %v", lt)
			}
			return filter, nil
		},
	})
	if err != nil {
		log.Fatal(err) // e.g. "eth0: You don't have permission to perform this capture on that device (...)"
	}
	defer h.Close()

	captured := 0
	for {
		err := h.ReadBlock(ctx, func(b *capture.Block) error {
			for b.Next() {
				p := b.Packet() // p.Data points into the ring
				_ = p.Data
				captured++
			}
			return nil
		})
		if err != nil {
			break // ctx done (after draining ready blocks) or a capture error
		}
	}
	st, _ := h.Stats()
	fmt.Printf("%d packets captured\n%d packets received by filter\n%d packets dropped by kernel\n",
		captured, st.Received, st.Dropped)
}

// List capture devices as tcpdump -D does.
func ExampleInterfaces() {
	list, err := capture.Interfaces()
	if err != nil {
		log.Fatal(err)
	}
	for i, dev := range list {
		fmt.Printf("%d.%s\n", i+1, dev) // 1.eth0 [Up, Running, Connected]
	}
}

// The link types of the "any" device, as tcpdump -L prints them.
func ExampleLinkTypes() {
	types, err := capture.LinkTypes("any")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("Data link types for any (use option -y to set):")
	for _, t := range types {
		fmt.Printf("  %s (%s)\n", t.Name(), t.Description())
	}
	// Output:
	// Data link types for any (use option -y to set):
	//   LINUX_SLL2 (Linux cooked v2)
	//   LINUX_SLL (Linux cooked v1)
}
