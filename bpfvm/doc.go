// Package bpfvm runs classic BPF programs (struct sock_filter /
// golang.org/x/net/bpf.RawInstruction) the way Linux or libpcap does.
//
// The two differ, and the choice is explicit: New takes a Mode. Linux mode
// follows the kernel running a socket filter (see the project's research
// notes, cbpf_semantics.md): a failed load ends the program with 0, div and
// mod by X == 0 return 0, shift counts in X are taken modulo 32, X+k wraps
// at 32 bits, and loads at negative offsets read ancillary data (SKF_AD_*)
// and the link-layer and network headers (SKF_LL_OFF, SKF_NET_OFF) from a
// caller-supplied Metadata. Libpcap mode follows libpcap's bpf_filter,
// which is what filters a savefile (tcpdump -r): loads are bounded by the
// captured length, ld #len gives the wire length, there are no negative
// offsets, register shifts by 32 or more give 0, and ja may jump backwards.
//
// New translates a program once into pre-decoded instructions whose
// opcodes already carry the mode's choices, so Run is a single switch
// (compiled to a jump table) with no per-run allocation. A Machine runs the
// same loop one instruction at a time and exposes A, X, M[] and the PC, for
// debuggers.
//
// New refuses only what cannot run (unknown codes, bad scratch indexes,
// jumps out of range, division by constant 0, a missing final return,
// backward jumps in Linux mode). The kernel's full load-time checks are
// package bpfcheck's business.
package bpfvm
