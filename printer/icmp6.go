package printer

// icmp6 prints the ICMPv6 message at off.
func (p *Printer) icmp6(off, length int, ip ipHeader, fragmented bool) {
	p.proto = "icmp6"
	p.str("ICMP6, length ")
	p.dec(uint64(length))
}
