// Package gen is the code generator: it implements parse.Builder, turning
// each recognised primitive into a fragment of the control-flow graph, and
// joins the fragments with and/or/not exactly as libpcap does, so that the
// unoptimized program matches libpcap's instruction for instruction.
package gen

import (
	"fmt"

	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// NetmaskUnknown is the netmask value that means "not known"; broadcast
// tests that need the netmask then fail.
const NetmaskUnknown = 0xffffffff

// Config is what the generator needs to know about the capture.
type Config struct {
	LinkType int    // DLT_ value
	Snaplen  uint32 // returned for accepted packets
	Netmask  uint32 // NetmaskUnknown when unknown

	// LinuxExt enables the Linux BPF extensions a live Linux capture has
	// ([vlanp], [vlan_tci], [type], [ifidx]); libpcap's
	// BPF_SPECIAL_BASIC_HANDLING and BPF_SPECIAL_VLAN_HANDLING.
	LinuxExt bool

	// Offline asks for code for a savefile rather than a live capture
	// (libpcap's BPF_OFFLINE_AF_HANDLING); Swapped says the savefile's
	// byte order is not the host's.
	Offline bool
	Swapped bool

	// FDDIPad is the padding before an FDDI header (0 on Linux).
	FDDIPad uint32

	Names Resolver
}

// Result is the generated graph.
type Result struct {
	Root *ir.Block
	// NoOptimize is set when the program contains code the optimizer
	// must not touch (libpcap's cstate->no_optimize, set by protochain).
	NoOptimize bool
}

// Error is a compile error with libpcap's text.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Generate builds the control-flow graph for one expression. parse drives
// the generator: it is called with the Builder and makes its calls in the
// grammar's reduction order (the compiler passes parse.Parse bound to the
// expression text).
func Generate(cfg Config, parse func(parse.Builder) error) (*Result, error) {
	if cfg.Snaplen == 0 {
		return nil, &Error{"snaplen of 0 rejects all packets"}
	}
	g := &gen{cfg: cfg}
	g.initRegs()
	if err := g.initLinkType(); err != nil {
		return nil, err
	}
	if err := parse(g); err != nil {
		return nil, err
	}
	if g.root == nil {
		g.root = g.retBlock(cfg.Snaplen)
	}
	return &Result{Root: g.root, NoOptimize: g.noOptimize}, nil
}

// gen is the state of one compilation. Nothing in it outlives Generate,
// so concurrent compilations never share anything.
type gen struct {
	cfg  Config
	root *ir.Block

	nextID     int
	noOptimize bool

	// Link-layer state; it changes as encapsulations (vlan, mpls, pppoes,
	// geneve, vxlan) move the link layer further into the packet.
	lay layout

	regUsed [16]bool
	curReg  int
}

// bailout carries a compile error up through the generator to the
// Builder method that was called; see catch.
type bailout struct{ err *Error }

// fail stops the current primitive with libpcap's error text.
func (g *gen) fail(format string, args ...any) {
	panic(bailout{&Error{fmt.Sprintf(format, args...)}})
}

// catch turns a bailout into the error a Builder method returns.
func catch(err *error) {
	if r := recover(); r != nil {
		b, ok := r.(bailout)
		if !ok {
			panic(r)
		}
		*err = b.err
	}
}

// Registers: the 16 scratch memory slots, handed out round-robin as
// libpcap does so the slot numbers in listings match.

func (g *gen) initRegs() {
	g.curReg = 0
	g.regUsed = [16]bool{}
}

func (g *gen) allocReg() int {
	for range 16 {
		if !g.regUsed[g.curReg] {
			g.regUsed[g.curReg] = true
			return g.curReg
		}
		g.curReg = (g.curReg + 1) % 16
	}
	g.fail("too many registers needed to evaluate expression")
	return 0
}

func (g *gen) freeReg(n int) { g.regUsed[n] = false }
