//go:build linux

package capture

import (
	"fmt"

	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// Linux ancillary-data offsets (SKF_AD_*), loaded as absolute offsets from
// SKF_AD_OFF (-0x1000).
const (
	skfAdOff      = 0xfffff000 // SKF_AD_OFF as a uint32
	skfAdProtocol = 0
	skfAdPktType  = 4
	skfAdIfIndex  = 8
)

// acceptAll is the program attached when the caller gives none: keep every
// packet, truncated by the kernel to snaplen.
func acceptAll(snaplen int) []bpf.RawInstruction {
	return []bpf.RawInstruction{{Op: unix.BPF_RET | unix.BPF_K, K: uint32(snaplen)}}
}

// CookedFilter rewrites a program compiled for a Linux cooked link type
// (linktype.LinuxSLL or linktype.LinuxSLL2) into the program the kernel must
// run on a SOCK_DGRAM socket, where offset 0 is the network header and the
// cooked header does not exist. Loads past the header move back by its
// length; loads of the header's protocol, packet type and interface index
// fields become the kernel's ancillary loads. A load of any other header
// byte (the hardware address, the hardware type) has no kernel equivalent
// and makes CookedFilter fail with ErrFilter. The input is not modified.
// Open and SetFilter apply it themselves; it is exported for tools that
// print the program the kernel runs.
func CookedFilter(prog []bpf.RawInstruction, lt linktype.Type) ([]bpf.RawInstruction, error) {
	var hdrLen uint32
	var fields map[uint32]uint32 // header offset -> SKF_AD_* code
	switch lt {
	case linktype.LinuxSLL:
		hdrLen = sllHeaderLen
		fields = map[uint32]uint32{0: skfAdPktType, 14: skfAdProtocol}
	case linktype.LinuxSLL2:
		hdrLen = sll2HeaderLen
		fields = map[uint32]uint32{0: skfAdProtocol, 4: skfAdIfIndex, 10: skfAdPktType}
	default:
		return nil, fmt.Errorf("cooked filter for %v: %w", lt, ErrLinkType)
	}
	out := make([]bpf.RawInstruction, len(prog))
	copy(out, prog)
	for i := range out {
		ins := &out[i]
		class := ins.Op & 0x07
		if class != unix.BPF_LD && class != unix.BPF_LDX {
			continue
		}
		switch ins.Op & 0xe0 { // addressing mode
		case unix.BPF_ABS, unix.BPF_IND, unix.BPF_MSH:
		default:
			continue
		}
		k := ins.K
		switch {
		case k >= skfAdOff:
			// Already an ancillary load.
		case k >= hdrLen && int32(k) >= 0:
			ins.K = k - hdrLen
		case int32(k) < 0:
			// SKF_NET_OFF / SKF_LL_OFF relative loads mean the same
			// thing on a cooked socket.
		default:
			ad, ok := fields[k]
			if !ok {
				return nil, fmt.Errorf("instruction %d loads byte %d of the %s header, which the kernel cannot supply: %w",
					i, k, lt.Name(), ErrFilter)
			}
			ins.K = skfAdOff + ad
		}
	}
	return out, nil
}

// attachFilter installs prog on the socket.
func attachFilter(fd int, prog []bpf.RawInstruction) error {
	if len(prog) == 0 || len(prog) > 0xffff {
		return fmt.Errorf("program of %d instructions: %w", len(prog), ErrFilter)
	}
	fp := unix.SockFprog{
		Len:    uint16(len(prog)),
		Filter: (*unix.SockFilter)(rawPtr(prog)),
	}
	return unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fp)
}
