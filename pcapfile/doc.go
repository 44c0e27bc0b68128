// Package pcapfile reads and writes packet capture files in the pcap and
// pcapng formats, with libpcap's behaviour.
//
// A Reader sniffs the format from the first bytes. Packets come back in
// the style of gopacket's data sources: ReadPacketData returns a copy,
// ZeroCopyReadPacketData (and ReadPacket) a slice of the reader's buffer
// that stays valid until the next call, without allocating. Each packet
// carries its link type and interface index, so pcapng files with several
// interfaces or sections of different link types can be read;
// ReaderOptions.StrictLibpcap refuses them the way libpcap does.
//
// Bad files fail with a *FormatError whose Text is exactly libpcap's
// message for the same file ("unsupported pcap savefile version 1.4",
// "block total length in header 32 and trailer 808464432 don't match",
// "truncated dump file; tried to read 16 header bytes, only got 10", ...)
// and whose Error also names the packet and the byte offset. libpcap's
// bounds apply: a packet may not exceed the link type's maximum snapshot
// length (262144 bytes for most), a pcap record longer than the file's
// snapshot length is cut to it, and a pcapng block may not exceed 16 MiB.
// The read buffer grows only as data actually arrives, so a lying length
// field cannot make the reader allocate more than about twice the bytes
// the file really holds.
//
// The reader also understands what libpcap accepts beyond the common case:
// both byte orders, microsecond (0xa1b2c3d4) and nanosecond (0xa1b23c4d)
// pcap files, Kuznetzov's patched format (0xa1b2cd34, 24-byte record
// headers), version 2.0-2.3 and DG/UX 543.0 files with caplen and len in
// the old order, pcapng if_tsresol (powers of 10 and of 2) and
// if_tsoffset, enhanced, simple and obsolete packet blocks, and blocks it
// does not need, which it skips. Time stamps are kept to the nanosecond.
//
// NewFileReader memory-maps a regular file and reads it in place: no read()
// copy, and packet data that stay valid until Reader.Close. Pipes and other
// files that cannot be mapped are read through the buffer as usual.
//
// A Writer produces microsecond or nanosecond pcap, or pcapng with one
// Enhanced Packet Block per packet, through a buffer and without
// allocating per packet. Writer.CopyRecord passes a pcap record through
// unchanged where that gives the same bytes as encoding the packet anew;
// from a mapped Reader to an *os.File the records are written straight
// from the mapping with writev, so that the kernel's copy into the output
// file is the only one. Writer.WritePacketInPlace and
// Writer.WriteRecordInPlace do the same for packets that stay put until
// the next Flush, such as those of a capture ring block: the second builds
// the record header in free bytes in front of the packet and writes both
// as one piece. To a regular file or /dev/null the writes are raw system
// calls (see output.raw for why).
//
// gopacket's pcapgo was considered and not used: its messages differ from
// libpcap's (which gocapdump must print), it has no Kuznetzov or old-version
// support, it does not bound allocations by the data present, and its
// zero-copy reads are slower (see the benchmarks in this package, which
// measure both; the pcapgo ones need -tags pcapgo_bench).
//
// Not done here: libpcap's byte-swapping of pseudo-headers (USB, SocketCAN,
// NFLOG, pflog) in files written on a machine of the other byte order, and
// its USB isochronous length fix-up; Reader.ByteOrder tells a caller when
// that applies.
package pcapfile
