// Package dbg is a debugger for classic BPF programs: it steps a socket
// filter over the packets of a savefile, in the manner of the Linux
// kernel's bpf_dbg (tools/bpf/bpf_dbg.c), and is what "gocapdump dbg" runs.
//
// A Session is driven by text commands given to Exec (or read by Run) and
// writes everything it prints to an io.Writer, so that a command-line
// shell, a script and a test all see the same text. bpf_dbg's commands
// keep their names, messages and register and packet dump layout:
//
//	load bpf N,code jt jf k,...   load a program (bpf_asm or tcpdump -ddd | tr '\n' ',')
//	load pcap FILE                load a pcap or pcapng file
//	select N                      choose packet N (counted from 1) and restart the program
//	step [N | -N]                 run N instructions, showing the state before the last;
//	                              -N goes back through the history of machine states
//	run [N]                       run over N packets (all by default), stopping at breakpoints,
//	                              then print "bpf passes:P fails:F"
//	breakpoint [N | reset]        set, list or clear breakpoints
//	disassemble [N]               list the program in bpf_dbg's syntax
//	dump                          print the program as C initialisers
//	quit
//
// and a few are new: load filter EXPR (compile a pcap-filter expression for
// the current link type), disassemble -d and dump -d/-dd/-ddd (tcpdump's
// forms), run -v (each packet's result), set (the ancillary data of the
// selected packet or of every packet: ifindex, pkttype, mark, vlan...),
// mode (Linux or libpcap semantics), syntax (bpf_dbg or tcpdump listings
// in dumps), linktype, check (does the kernel, does libpcap accept the
// program, and why not) and help. Command names may be abbreviated to a
// unique prefix; lines starting with '#' are comments.
//
// Where bpf_dbg went wrong, this package does not follow it:
//
//   - Programs run with the kernel's semantics (package bpfvm in Linux
//     mode, including ancillary loads and SKF_NET_OFF/SKF_LL_OFF), and are
//     checked with the kernel's rules without a system call (package
//     bpfcheck); a refused program is reported with the reason.
//   - "select N" selects packet N, not N+1.
//   - Return values are full 32-bit unsigned values, shown when a program
//     ends ("ret:" line); any non-zero value is a pass.
//   - A failed load of any kind leaves the session as it was.
//   - Any pcap (either byte order, micro- or nanosecond) or pcapng file is
//     read, each packet with its own link type; a file cut short keeps the
//     packets before the damage.
//   - The pass and fail counts belong to one run command, breakpoints are
//     honoured by step too, and there is no limit of 64 breakpoints.
//   - Numbers are checked: "breakpoint abc" is an error, not breakpoint 0.
//   - Zero is printed with its "0x" ("0x000000" rather than C's
//     "00000000"), lines carry no trailing spaces, M[] lines line up with
//     the others, and the packet dump names the packet.
//
// The whole savefile is read into memory when it is loaded.
package dbg
