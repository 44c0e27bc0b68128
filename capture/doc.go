//go:build linux

// Package capture reads packets live from a Linux network interface through an
// AF_PACKET socket with a TPACKET_V3 receive ring.
//
// The socket is set up so that no packet reaches the ring before the caller's
// filter does: the socket is opened with protocol 0 (nothing is queued), the
// ring is mapped, the classic BPF filter is attached and only then is the
// socket bound to the interface. Snap length is enforced by the kernel through
// the filter's return value; without a filter a one-instruction program
// "ret #snaplen" is attached so that the ring holds only what is kept.
//
// Packets are read in three ways, from the cheapest:
//
//   - [Handle.ReadBlock] hands a whole ring block to a callback; every packet
//     is a slice of the ring and the block goes back to the kernel as soon as
//     the callback returns.
//   - [Handle.ReadPacket] and [Handle.ZeroCopyReadPacketData] return one
//     packet at a time, still as a slice of the ring (the latter is gopacket's
//     ZeroCopyPacketDataSource).
//   - [Handle.ReadPacketData] returns a copy (gopacket's PacketDataSource).
//
// VLAN tags that the kernel removed before the tap are put back into the
// frame; on the "any" pseudo-device the Linux cooked header (SLL2 by default,
// SLL on request) is built in front of each packet in the ring's head-room.
// Neither costs an allocation. In front of that, every packet keeps
// [Headroom] free bytes ([Packet.WithHeadroom]), so that a savefile record
// header can be written there and the record sent from the ring in one
// piece, with no copy in user space (pcapfile's Writer.WriteRecordInPlace).
//
// A reader waiting for a block sleeps in the Go runtime's network poller.
// An interface that goes down pauses the capture, as with libpcap; one
// that is deleted ends it with [ErrInterfaceRemoved].
//
// Reading stops when the context ends (ReadBlock and ReadPacket take one;
// the gopacket-style methods use Open's) once the blocks already handed
// over are drained, or at once on Close. Blocks reach user space when full
// or when the block timeout expires, so a partly filled block that has not
// timed out yet is not "ready".
//
// [Interfaces] and [LinkTypes] provide tcpdump's -D and -L listings.
package capture
