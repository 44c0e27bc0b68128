// Package bpftext converts classic BPF programs to and from the text forms
// that tcpdump and libpcap print.
//
// Three output forms match tcpdump's -d, -dd and -ddd flags byte for byte
// (libpcap development branch, 1.11.0-PRE): the human-readable listing made
// of [Image] lines, a C array initialiser and a decimal form. [ParseDecimal]
// reads the decimal form back, which is also the program string accepted by
// the Linux kernel's bpf_dbg tool ("load bpf N,code jt jf k,...").
//
// Programs are slices of [bpf.RawInstruction] from golang.org/x/net/bpf, so
// they can be handed to a socket as they are. Nothing here checks whether a
// program would be accepted by the kernel; that is the job of package
// bpfcheck.
package bpftext
