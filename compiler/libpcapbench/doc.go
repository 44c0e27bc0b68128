// Package libpcapbench measures gocapdump's filter compiler against
// libpcap's own, pcap_compile, in the same run: per-expression compile
// time over the libpcap corpus, and the large block-list filters.
//
// It calls libpcap through cgo and needs its headers (Debian's
// libpcap-dev), so everything except this file is behind the libpcapbench
// build tag: the gocapdump binary and `go test ./...` stay CGO-free.
//
//	make bench-compile
//	go run -tags libpcapbench ./compiler/libpcapbench/cmd/compilebench
//	go test -tags libpcapbench -run '^$' -bench . ./compiler/libpcapbench
package libpcapbench
