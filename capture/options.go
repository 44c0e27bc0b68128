//go:build linux

package capture

import (
	"strconv"
	"time"

	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/net/bpf"
)

// Direction selects which packets a capture keeps, as tcpdump's -Q does.
type Direction int

// Directions.
const (
	DirectionInOut Direction = iota // packets sent and received (the default)
	DirectionIn                     // packets received by the host only
	DirectionOut                    // packets sent by the host only
)

// String returns the -Q spelling: "inout", "in" or "out".
func (d Direction) String() string {
	switch d {
	case DirectionIn:
		return "in"
	case DirectionOut:
		return "out"
	case DirectionInOut:
		return "inout"
	}
	return "Direction(" + strconv.Itoa(int(d)) + ")"
}

// Defaults used for zero-valued Options fields.
const (
	// DefaultSnaplen is tcpdump's default snap length (MAXIMUM_SNAPLEN).
	DefaultSnaplen = 262144
	// DefaultBufferSize is the default ring size. A ring this large absorbs
	// bursts of ~40k full-size frames; libpcap's 2 MiB default was measured
	// to drop at 1500-byte line rate on a lightly loaded machine.
	DefaultBufferSize = 64 << 20
	// DefaultBlockTimeout is how long the kernel keeps a ring block open
	// before handing a partly filled block to the reader.
	DefaultBlockTimeout = 50 * time.Millisecond
	// maxBlockSize and minBlockSize bound the automatic block size.
	maxBlockSize = 1 << 20
	minBlockSize = 256 << 10
)

// Options tune a capture. The zero value captures everything on the device in
// both directions, promiscuously, with tcpdump's default snap length.
type Options struct {
	// Snaplen is the most bytes kept of each packet (including a cooked
	// header or re-inserted VLAN tag). 0 means DefaultSnaplen. It is applied
	// by the kernel only through the filter's return value: without a filter
	// Open attaches "ret #Snaplen"; with one, the filter's "ret #k" must
	// carry the snap length (as compiled filters do). Packets are also
	// trimmed to Snaplen after the cooked header and VLAN tag are added.
	Snaplen int

	// Filter is a compiled classic BPF program for the capture's link type
	// (see LinkTypes; for cooked captures compile for LINUX_SLL or
	// LINUX_SLL2 and the offsets are rewritten for the kernel, see
	// CookedFilter). nil accepts every packet.
	Filter []bpf.RawInstruction

	// FilterFor, when set, is called once the link type is known and its
	// program is used instead of Filter. It lets a caller compile for the
	// link type Open actually picked.
	FilterFor func(linktype.Type) ([]bpf.RawInstruction, error)

	// NoPromiscuous leaves the interface out of promiscuous mode (tcpdump -p).
	NoPromiscuous bool

	// Direction keeps only received or only sent packets (tcpdump -Q).
	Direction Direction

	// LinkType asks for a link type other than the device's default, from
	// LinkTypes(iface): linktype.LinuxSLL on "any" (default LINUX_SLL2),
	// or linktype.DOCSIS on Ethernet. 0 means the default.
	LinkType linktype.Type

	// BufferSize is the ring size in bytes (tcpdump -B is in KiB). 0 means
	// DefaultBufferSize. When the kernel cannot allocate it, Open retries
	// with smaller rings; Handle.BufferSize reports what was obtained.
	BufferSize int

	// BlockSize is the size of one ring block in bytes, a power of two
	// times the page size. 0 picks 256 KiB-1 MiB, at least one maximal
	// packet.
	BlockSize int

	// BlockTimeout is the kernel's block retire timeout: a partly filled
	// block is handed to the reader this long after it was opened. 0 means
	// DefaultBlockTimeout; it has millisecond resolution.
	BlockTimeout time.Duration

	// Immediate delivers packets with about a millisecond of latency
	// (tcpdump --immediate-mode) by retiring blocks after 1 ms and using the
	// smallest blocks that hold a packet. TPACKET_V3 cannot hand over single
	// packets, so this is "soon", not "at once".
	Immediate bool

	// NanoTimestamps keeps the kernel's nanosecond timestamps. Otherwise
	// timestamps are truncated to microseconds, as libpcap's default
	// precision does.
	NanoTimestamps bool

	// noKernelFilter skips SO_ATTACH_FILTER; tests set it to exercise the
	// ring on a kernel whose BPF JIT allocator is wedged.
	noKernelFilter bool
}

func (o *Options) snaplen() int {
	if o.Snaplen <= 0 || o.Snaplen > DefaultSnaplen {
		return DefaultSnaplen
	}
	return o.Snaplen
}
