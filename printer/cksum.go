package printer

// Internet checksum (RFC 1071) helpers.

// sum16 adds b as big-endian 16-bit words to acc without folding.
func sum16(acc uint32, b []byte) uint32 {
	n := len(b) &^ 1
	for i := 0; i < n; i += 2 {
		acc += uint32(b[i])<<8 | uint32(b[i+1])
	}
	if len(b)&1 != 0 {
		acc += uint32(b[len(b)-1]) << 8
	}
	return acc
}

// fold turns an accumulated sum into the checksum result: 0 when the data
// (including its checksum field) is correct.
func fold(acc uint32) uint16 {
	for acc>>16 != 0 {
		acc = acc&0xffff + acc>>16
	}
	return ^uint16(acc)
}

// shouldBe is the value the checksum field should have had, given the
// field's value and the computed result over the packet (tcpdump's
// in_cksum_shouldbe).
func shouldBe(field, computed uint16) uint16 {
	v := uint32(field) + uint32(computed)
	v = v&0xffff + v>>16
	v = v&0xffff + v>>16
	return uint16(v)
}
