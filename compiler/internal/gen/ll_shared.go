package gen

import "encoding/binary"

// hostToNet converts a value from the byte order of this machine to
// network order, as htonl does: a field a live capture on this machine
// wrote in host order reads, as a BPF load does, in network order.
func hostToNet(v uint32) uint32 {
	var b [4]byte
	binary.NativeEndian.PutUint32(b[:], v)
	return binary.BigEndian.Uint32(b[:])
}
