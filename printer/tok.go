package printer

// Names from the tables are printed as tcpdump's tok2str prints them: the
// name a table gives a value, or a fallback made from the value itself.

// unsigned is the key type of the tables of numbered names.
type unsigned interface{ ~uint8 | ~uint16 | ~uint32 }

// tokStr returns the name names gives k, or unknown.
func tokStr[K comparable](names map[K]string, k K, unknown string) string {
	if s, ok := names[k]; ok {
		return s
	}
	return unknown
}

// printTok prints the name names gives k or, when it has none, prefix, k
// in decimal and suffix.
func printTok[K unsigned](p *Printer, names map[K]string, k K, prefix, suffix string) {
	if s, ok := names[k]; ok {
		p.str(s)
		return
	}
	p.str(prefix)
	p.dec(uint64(k))
	p.str(suffix)
}
