package printer

// dump appends the -x / -X / -A dump after the decoded text. -X beats -x,
// which beats -A; one flag starts after the link header, two include it.
func (p *Printer) dump() {
	start := p.llHdrLen
	switch {
	case p.opt.HexASCII > 0:
		if p.opt.HexASCII > 1 {
			start = 0
		}
		if len(p.pkt) > start {
			p.hexASCII(start, len(p.pkt)-start)
		}
	case p.opt.Hex > 0:
		if p.opt.Hex > 1 {
			start = 0
		}
		if len(p.pkt) > start {
			p.hexOnly("\n\t", start, len(p.pkt)-start)
		}
	case p.opt.ASCII > 0:
		if p.opt.ASCII > 1 {
			start = 0
		}
		if len(p.pkt) > start {
			p.asciiOnly(start, len(p.pkt)-start)
		}
	}
}

func isGraph(c byte) bool { return c >= 0x21 && c <= 0x7e }

// defaultPrint is tcpdump's fallback for payload nobody decodes: a hex and
// ASCII dump of what was captured, on TAB-indented lines.
func (p *Printer) defaultPrint(off, n int) {
	if a := p.avail(off); n > a {
		n = a
	}
	if n > 0 {
		p.hexASCII(off, n)
	}
}

// hexASCII prints 16 bytes a line as "\n\t0xOOOO:  hhhh hhhh ...  ascii".
func (p *Printer) hexASCII(off, n int) {
	data := p.pkt[off : off+n]
	for line := 0; line < len(data); line += 16 {
		end := line + 16
		if end > len(data) {
			end = len(data)
		}
		p.str("\n\t0x")
		p.hex(uint64(line), 4)
		p.str(": ")
		col := 0
		for i := line; i < end; i += 2 {
			p.ch(' ')
			c := data[i]
			p.out = append(p.out, hexDigits[c>>4], hexDigits[c&15])
			col += 3
			if i+1 < end {
				c = data[i+1]
				p.out = append(p.out, hexDigits[c>>4], hexDigits[c&15])
				col += 2
			}
		}
		for ; col < 40; col++ {
			p.ch(' ')
		}
		p.str("  ")
		for _, c := range data[line:end] {
			if isGraph(c) {
				p.ch(c)
			} else {
				p.ch('.')
			}
		}
	}
}

// hexOnly prints 16 bytes a line as "<indent>0xOOOO:  hhhh hhhh ...".
func (p *Printer) hexOnly(indent string, off, n int) {
	data := p.pkt[off : off+n]
	for i := 0; i < len(data); i += 2 {
		if i%16 == 0 {
			p.str(indent)
			p.str("0x")
			p.hex(uint64(i), 4)
			p.str(": ")
		}
		p.ch(' ')
		c := data[i]
		p.out = append(p.out, hexDigits[c>>4], hexDigits[c&15])
		if i+1 < len(data) {
			c = data[i+1]
			p.out = append(p.out, hexDigits[c>>4], hexDigits[c&15])
		}
	}
}

// unknownData hex-dumps the captured part of n bytes at off that no
// printer decodes, as hexOnly does (tcpdump's print_unknown_data).
func (p *Printer) unknownData(off, n int, indent string) {
	if n = min(n, p.avail(off)); n > 0 {
		p.hexOnly(indent, off, n)
	}
}

// asciiOnly prints the bytes as text: printable characters, tabs, spaces
// and newlines as they are, others as '.', and carriage returns dropped
// where they end a line.
func (p *Printer) asciiOnly(off, n int) {
	data := p.pkt[off : off+n]
	p.ch('\n')
	for i, c := range data {
		left := len(data) - i - 1
		if c == '\r' {
			if left > 1 && data[i+1] != '\n' {
				p.ch('.')
			}
			continue
		}
		if isGraph(c) || c == '\t' || c == ' ' || c == '\n' {
			p.ch(c)
		} else {
			p.ch('.')
		}
	}
}
