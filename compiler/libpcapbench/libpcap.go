//go:build libpcapbench

package libpcapbench

/*
#cgo LDFLAGS: -lpcap
#include <stdlib.h>
#include <pcap/pcap.h>

// compile_len compiles expr and returns the program's length, or -1 with
// the error left in p for pcap_geterr. The program itself is not needed.
static int compile_len(pcap_t *p, const char *expr, int optimize, bpf_u_int32 netmask) {
	struct bpf_program prog;
	int n;

	if (pcap_compile(p, &prog, expr, optimize, netmask) < 0)
		return -1;
	n = (int)prog.bf_len;
	pcap_freecode(&prog);
	return n;
}
*/
import "C"

import (
	"errors"
	"fmt"
	"unsafe"
)

// Libpcap is a libpcap handle opened with pcap_open_dead, on which
// pcap_compile compiles filters for one link type and snapshot length, as
// libpcap's filtertest does. It is not safe for concurrent use.
type Libpcap struct {
	p *C.pcap_t
}

// OpenLibpcap opens a handle for the link type (a DLT_ value) and snapshot
// length.
func OpenLibpcap(linkType, snaplen int) (*Libpcap, error) {
	p := C.pcap_open_dead(C.int(linkType), C.int(snaplen))
	if p == nil {
		return nil, fmt.Errorf("pcap_open_dead(%d, %d) failed", linkType, snaplen)
	}
	return &Libpcap{p: p}, nil
}

// Compile compiles expr with pcap_compile and returns the number of
// instructions. netmask is in host byte order, as pcap_compile takes it
// (NetmaskUnknown when not known).
func (l *Libpcap) Compile(expr string, optimize bool, netmask uint32) (int, error) {
	if l.p == nil {
		return 0, errors.New("libpcap handle is closed")
	}
	cexpr := C.CString(expr)
	defer C.free(unsafe.Pointer(cexpr))
	opt := C.int(0)
	if optimize {
		opt = 1
	}
	n := C.compile_len(l.p, cexpr, opt, C.bpf_u_int32(netmask))
	if n < 0 {
		return 0, errors.New(C.GoString(C.pcap_geterr(l.p)))
	}
	return int(n), nil
}

// Close releases the handle.
func (l *Libpcap) Close() {
	if l.p != nil {
		C.pcap_close(l.p)
		l.p = nil
	}
}

// LibpcapVersion is pcap_lib_version's text, e.g. "libpcap version 1.10.3
// (with TPACKET_V3)".
func LibpcapVersion() string {
	return C.GoString(C.pcap_lib_version())
}
