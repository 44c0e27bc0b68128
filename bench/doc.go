// Package bench holds gocapdump's performance comparisons with tcpdump.
//
// The headline numbers come from offline.sh (make bench-offline): the
// gocapdump and tcpdump command lines, run in turn on one big generated
// savefile, reported as packets per second and as ratios. The Go
// benchmarks in this package run the same pipeline as gocapdump -r in
// process (pcapfile reader, compiler and bpfvm filter, pcapfile writer or
// printer) and each stage alone, to show where the time goes; profile them
// with go test -cpuprofile.
//
// The savefile generator is bench/internal/synth, its command
// bench/cmd/mkpcap.
package bench
