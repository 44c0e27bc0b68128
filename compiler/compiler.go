// Package compiler compiles pcap-filter(7) expressions to classic BPF,
// producing the programs libpcap's pcap_compile produces.
//
// A compile is self-contained: no state is shared between calls, so
// programs may be compiled concurrently.
package compiler

import (
	"encoding/binary"
	"errors"
	"io"
	"net"
	"strings"

	"golang.org/x/net/bpf"

	"github.com/gocapdump/gocapdump/bpfcheck"
	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/compiler/internal/gen"
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/optimize"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
	"github.com/gocapdump/gocapdump/linktype"
)

// DefaultSnaplen is tcpdump's default snapshot length, the value accepted
// packets are truncated to.
const DefaultSnaplen = 262144

// NetmaskUnknown is libpcap's PCAP_NETMASK_UNKNOWN.
const NetmaskUnknown = 0xffffffff

// ByteOrder tells the compiler a filter is for a savefile, and whether the
// savefile's byte order matches the host's. It matters for link types
// whose header holds host-endian fields (DLT_NULL, DLT_LOOP, pflog).
type ByteOrder int

const (
	Live            ByteOrder = iota // a live capture
	SavefileNative                   // a savefile written in this host's byte order
	SavefileSwapped                  // a savefile in the other byte order
)

// Options control a compile. The zero value compiles for Ethernet with
// tcpdump's defaults.
type Options struct {
	// LinkType is the link-layer header type (DLT) of the packets; zero
	// is DLT_NULL, so set it (linktype.Ethernet for the common case).
	LinkType linktype.Type

	// Snaplen is what the program returns for an accepted packet; zero
	// means DefaultSnaplen.
	Snaplen uint32

	// Netmask is the IPv4 netmask of the capture network, used by
	// "ip broadcast"; nil means unknown.
	Netmask net.IPMask

	// NoOptimize turns the optimizer off (tcpdump -O).
	NoOptimize bool

	// LinuxExtensions generates code that uses the Linux kernel's BPF
	// extensions, as libpcap does for a live capture on Linux.
	LinuxExtensions bool

	// Savefile selects code for a savefile instead of a live capture.
	Savefile ByteOrder

	// Resolver resolves host, network, port, protocol and Ethernet names;
	// nil means the system's files and DNS.
	Resolver *names.Resolver
}

// systemNames resolves names from the system's files and DNS for every
// compile that brings no Resolver of its own. It only caches what it read
// (each file once, on first use) and is safe for concurrent use, so
// sharing it keeps compiles independent while sparing each one a fresh
// read of /etc/services; a profile showed that read costing a quarter of
// a typical compile.
var systemNames = &names.Resolver{}

// Program is a compiled filter.
type Program struct {
	insns     []bpf.RawInstruction
	optimized bool
}

// Instructions returns the program, ready for SO_ATTACH_FILTER or an
// interpreter. The slice is the caller's to keep.
func (p *Program) Instructions() []bpf.RawInstruction {
	return append([]bpf.RawInstruction(nil), p.insns...)
}

// Len is the number of instructions.
func (p *Program) Len() int { return len(p.insns) }

// Optimized reports whether the optimizer ran on the program. It is false
// with NoOptimize, and for the few expressions libpcap never optimizes
// (protochain, some radio headers).
func (p *Program) Optimized() bool { return p.optimized }

// Check runs the Linux kernel's load-time checks on the program (see
// package bpfcheck). libpcap emits a few programs the kernel refuses:
// "protochain" walks IPv6 extension headers with a backward jump, and a
// very long filter can exceed 4096 instructions; libpcap, and gocapdump's
// capture, then filter in user space.
func (p *Program) Check() error { return bpfcheck.Check(p.insns) }

// Format writes the program in one of tcpdump's dump forms (-d, -dd, -ddd).
func (p *Program) Format(w io.Writer, f bpftext.Format) error {
	return bpftext.Dump(w, p.insns, f)
}

// String is the program as tcpdump -d lists it.
func (p *Program) String() string {
	var sb strings.Builder
	_ = bpftext.Dump(&sb, p.insns, bpftext.Listing)
	return sb.String()
}

// Error is a compile error. Its text is libpcap's for the same mistake.
type Error struct {
	Expr string
	Msg  string
}

func (e *Error) Error() string { return e.Msg }

// Compile compiles expr. An empty expression accepts every packet.
func Compile(expr string, opts Options) (*Program, error) {
	cfg := gen.Config{
		LinkType: int(opts.LinkType),
		Snaplen:  opts.Snaplen,
		Netmask:  NetmaskUnknown,
		LinuxExt: opts.LinuxExtensions,
		Offline:  opts.Savefile != Live,
		Swapped:  opts.Savefile == SavefileSwapped,
	}
	if cfg.Snaplen == 0 {
		cfg.Snaplen = DefaultSnaplen
	}
	if m := opts.Netmask; len(m) == net.IPv4len {
		cfg.Netmask = binary.BigEndian.Uint32(m)
	} else if m != nil {
		return nil, &Error{Expr: expr, Msg: "netmask is not an IPv4 netmask"}
	}
	cfg.Names = systemNames
	if opts.Resolver != nil {
		cfg.Names = opts.Resolver
	}
	res, err := gen.Generate(cfg, func(b parse.Builder) error { return parse.Parse(expr, b) })
	if err != nil {
		return nil, wrap(expr, err)
	}
	root, optimized := res.Root, false
	if !opts.NoOptimize && !res.NoOptimize {
		if root, err = optimize.Optimize(root); err != nil {
			return nil, &Error{Expr: expr, Msg: err.Error()}
		}
		if root.Jump.Code == ir.RET|ir.K && root.Jump.K == 0 {
			return nil, &Error{Expr: expr, Msg: "expression rejects all packets"}
		}
		optimized = true
	}
	insns, err := ir.Linearize(root)
	if err != nil {
		return nil, &Error{Expr: expr, Msg: err.Error()}
	}
	return &Program{insns: insns, optimized: optimized}, nil
}

func wrap(expr string, err error) error {
	var ge *gen.Error
	if errors.As(err, &ge) {
		return &Error{Expr: expr, Msg: ge.Msg}
	}
	// Parser errors already carry libpcap's text.
	return &Error{Expr: expr, Msg: err.Error()}
}
