package printer

import "strconv"

// Output helpers: everything appends to p.out without allocating.

func (p *Printer) str(s string) { p.out = append(p.out, s...) }
func (p *Printer) ch(c byte)    { p.out = append(p.out, c) }

func (p *Printer) dec(v uint64) { p.out = strconv.AppendUint(p.out, v, 10) }

// hex prints v in lower-case hex with at least width digits (%0*x).
func (p *Printer) hex(v uint64, width int) {
	p.out = appendHexPad(p.out, v, width)
}

const hexDigits = "0123456789abcdef"

func appendHexPad(b []byte, v uint64, width int) []byte {
	var tmp [16]byte
	i := len(tmp)
	for v != 0 || i == len(tmp) {
		i--
		tmp[i] = hexDigits[v&15]
		v >>= 4
	}
	for n := len(tmp) - i; n < width; n++ {
		b = append(b, '0')
	}
	return append(b, tmp[i:]...)
}

// appendZeroPad prints v in decimal with at least width digits (%0*u).
func appendZeroPad(b []byte, v uint64, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendUint(tmp[:0], v, 10)
	for n := len(s); n < width; n++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// appendPadUint prints v right-aligned in width columns (%*u).
func appendPadUint(b []byte, v uint64, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendUint(tmp[:0], v, 10)
	for n := len(s); n < width; n++ {
		b = append(b, ' ')
	}
	return append(b, s...)
}

// Notes on failed length checks.

// badLength prints tcpdump's " [msg a op b]" for a length check that
// failed; the caller then prints the " (invalid)" mark where tcpdump does.
func (p *Printer) badLength(msg string, a uint64, op string, b uint64) {
	p.str(" [")
	p.str(msg)
	p.ch(' ')
	p.dec(a)
	p.ch(' ')
	p.str(op)
	p.ch(' ')
	p.dec(b)
	p.ch(']')
}

// invalidCheck prints " [msg a op b] (invalid)", tcpdump's ND_ICHECK form.
func (p *Printer) invalidCheck(msg string, a uint64, op string, b uint64) {
	p.badLength(msg, a, op, b)
	p.str(" (invalid)")
}

// fits reports whether want bytes fit in the left ones; when they do not,
// it prints tcpdump's " [what left < want]".
func (p *Printer) fits(what string, left, want int) bool {
	if left < want {
		p.badLength(what, uint64(left), "<", uint64(want))
		return false
	}
	return true
}

// Bounded reads. Offsets are absolute positions in the packet; reading at
// or past p.snap stops the printers the way tcpdump's GET_ macros do.

func (p *Printer) trunc() { panic(truncated{}) }

// have reports whether n bytes at off were captured (ND_TTEST_LEN).
func (p *Printer) have(off, n int) bool {
	return off >= 0 && n >= 0 && off <= p.snap && n <= p.snap-off
}

// need stops printing unless n bytes at off were captured.
func (p *Printer) need(off, n int) {
	if !p.have(off, n) {
		p.trunc()
	}
}

func (p *Printer) u8(off int) uint8 {
	if off < 0 || off >= p.snap {
		p.trunc()
	}
	return p.pkt[off]
}

func (p *Printer) be16(off int) uint16 {
	p.need(off, 2)
	return uint16(p.pkt[off])<<8 | uint16(p.pkt[off+1])
}

func (p *Printer) be32(off int) uint32 {
	p.need(off, 4)
	b := p.pkt[off : off+4]
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

// avail is the number of captured bytes from off on (ND_BYTES_AVAILABLE_AFTER).
func (p *Printer) avail(off int) int {
	if off >= p.snap {
		return 0
	}
	return p.snap - off
}

// pushSnap limits reads to n bytes from off (nd_push_snaplen) and returns
// the previous limit for popSnap.
func (p *Printer) pushSnap(off, n int) int {
	old := p.snap
	if n >= 0 && off+n < p.snap {
		p.snap = off + n
	}
	return old
}

// Addresses.

// ipv4 prints the IPv4 address at off, or its name (see Options.ResolveNames).
func (p *Printer) ipv4(off int) {
	p.need(off, 4)
	if p.names != nil {
		p.ipv4Name(p.pkt[off : off+4])
		return
	}
	p.out = appendIPv4(p.out, p.pkt[off:off+4])
}

func appendIPv4(b []byte, a []byte) []byte {
	for i := 0; i < 4; i++ {
		if i > 0 {
			b = append(b, '.')
		}
		b = strconv.AppendUint(b, uint64(a[i]), 10)
	}
	return b
}

// ipv6 prints the IPv6 address at off, or its name.
func (p *Printer) ipv6(off int) {
	p.need(off, 16)
	if p.names != nil {
		p.ipv6Name(p.pkt[off : off+16])
		return
	}
	p.out = appendIPv6(p.out, p.pkt[off:off+16])
}

// appendIPv6 formats like tcpdump's inet_ntop: the longest run of two or
// more zero words becomes "::" (the first such run on a tie), and an
// IPv4-compatible or -mapped address ends in dotted decimal.
func appendIPv6(b []byte, a []byte) []byte {
	var w [8]uint16
	for i := range w {
		w[i] = uint16(a[2*i])<<8 | uint16(a[2*i+1])
	}
	bestBase, bestLen, curBase, curLen := -1, 0, -1, 0
	for i := 0; i < 8; i++ {
		if w[i] == 0 {
			if curBase == -1 {
				curBase, curLen = i, 1
			} else {
				curLen++
			}
		} else if curBase != -1 {
			if bestBase == -1 || curLen > bestLen {
				bestBase, bestLen = curBase, curLen
			}
			curBase = -1
		}
	}
	if curBase != -1 && (bestBase == -1 || curLen > bestLen) {
		bestBase, bestLen = curBase, curLen
	}
	if bestBase != -1 && bestLen < 2 {
		bestBase = -1
	}
	for i := 0; i < 8; i++ {
		if bestBase != -1 && i >= bestBase && i < bestBase+bestLen {
			if i == bestBase {
				b = append(b, ':')
			}
			continue
		}
		if i != 0 {
			b = append(b, ':')
		}
		if i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && w[5] == 0xffff)) {
			return appendIPv4(b, a[12:16])
		}
		b = strconv.AppendUint(b, uint64(w[i]), 16)
	}
	if bestBase != -1 && bestBase+bestLen == 8 {
		b = append(b, ':')
	}
	return b
}

// mac prints n bytes at off as colon-separated hex (a MAC-48 address when
// n is 6, which is printed by name when resolving names).
func (p *Printer) mac(off, n int) { p.macAddr(off, n, p.names != nil) }

// macNumeric prints n bytes at off as colon-separated hex whatever the
// options (tcpdump's link-layer address options in ICMPv6).
func (p *Printer) macNumeric(off, n int) { p.macAddr(off, n, false) }

// macAddr does the work of mac and macNumeric; it is one function so that
// both stay small enough to be inlined at their callers.
func (p *Printer) macAddr(off, n int, byName bool) {
	p.need(off, n)
	if n == 6 && byName {
		p.macName(off)
		return
	}
	if n == 0 {
		p.str("<empty>")
		return
	}
	for i := 0; i < n; i++ {
		if i > 0 {
			p.ch(':')
		}
		c := p.pkt[off+i]
		p.out = append(p.out, hexDigits[c>>4], hexDigits[c&15])
	}
}
