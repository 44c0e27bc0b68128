package parse

import (
	"fmt"
	"regexp"
	"strings"
)

// lexer splits an expression into tokens the way libpcap's flex scanner
// does: at each position every token form is tried, the longest match
// wins, and on a tie the form libpcap lists first wins. The order of the
// forms, from first to last, is: keywords, operators, "$xx", MAC address,
// number, IPv4 short form, IPv6 address, malformed MAC address, named
// number, name, backslash-escaped name.
type lexer struct {
	src string
	pos int
}

// Ranks of the token forms that compete for the longest match; lower
// wins a tie.
const (
	rankKeyword = iota
	rankMAC
	rankNumber
	rankHID
	rankIPv6
	rankBadMAC
	rankNamedNumber
	rankID
)

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func isHex(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

func isAlnum(c byte) bool {
	return isDigit(c) || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// operators maps the one- and two-character operators to their kinds.
var operators = map[string]kind{
	"+": kindPlus, "-": kindMinus, "*": kindStar, "/": kindSlash,
	"%": kindPercent, ":": kindColon, "[": kindLBracket, "]": kindRBracket,
	"!": kindNot, "<": kindLT, ">": kindGT, "(": kindLParen, ")": kindRParen,
	"&": kindAmp, "|": kindPipe, "^": kindCaret, "=": kindEQ,
	">=": kindGE, "<=": kindLE, "!=": kindNE, "==": kindEQ,
	"<<": kindLsh, ">>": kindRsh, "&&": kindAnd, "||": kindOr,
}

func (l *lexer) next() token {
	s := l.src
	for l.pos < len(s) {
		switch s[l.pos] {
		case ' ', '\t', '\n', '\r':
			l.pos++
			continue
		}
		break
	}
	if l.pos >= len(s) {
		return token{kind: kindEOF}
	}
	start := l.pos
	c := s[start]

	if c == '\\' {
		// A backslash quotes a name that would otherwise be a keyword
		// or not a name at all; it runs to the next blank, '!' or
		// parenthesis.
		end := start + 1
		for end < len(s) && !strings.ContainsRune(" !()\n\t", rune(s[end])) {
			end++
		}
		if end == start+1 {
			l.pos++
			return token{kind: kindLexError}
		}
		l.pos = end
		return token{kind: kindID, text: s[start+1 : end]}
	}
	if c == '$' {
		n := 0
		for n < 2 && start+1+n < len(s) && isHex(s[start+1+n]) {
			n++
		}
		if n == 0 {
			l.pos++
			return token{kind: kindLexError}
		}
		l.pos = start + 1 + n
		return token{kind: kindAID, text: s[start:l.pos]}
	}
	if !isAlnum(c) && c != ':' {
		if start+2 <= len(s) {
			if k, ok := operators[s[start:start+2]]; ok {
				l.pos += 2
				return token{kind: k}
			}
		}
		l.pos++
		if k, ok := operators[s[start:start+1]]; ok {
			return token{kind: k}
		}
		return token{kind: kindLexError}
	}
	return l.word(start)
}

// word lexes a token that starts with a letter, a digit or a colon.
func (l *lexer) word(start int) token {
	s := l.src
	best, rank := 0, rankID+1
	try := func(n, r int) {
		if n > best || n == best && r < rank {
			best, rank = n, r
		}
	}

	// The characters any address or number form can use; the
	// regular-expression forms are only tried on this run.
	// The run stops before a ninth colon or a seventh dot: no form has
	// more, and the bound keeps lexing linear on long runs.
	run := start
	hasSep := false
	colons, dots := 0, 0
	for run < len(s) && (isHex(s[run]) || strings.IndexByte(":.-xX", s[run]) >= 0) {
		switch s[run] {
		case ':':
			colons++
		case '.':
			dots++
		}
		if colons > 8 || dots > 6 {
			break
		}
		if s[run] == ':' || s[run] == '.' || s[run] == '-' {
			hasSep = true
		}
		run++
	}
	cand := s[start:run]

	idLen := 0
	if isAlnum(s[start]) {
		end := start + 1
		last := end
		for end < len(s) && (isAlnum(s[end]) || s[end] == '-' || s[end] == '_' || s[end] == '.') {
			end++
			if s[end-1] != '-' && s[end-1] != '_' {
				last = end
			}
		}
		idLen = last - start
		try(idLen, rankID)
		if isDigit(s[start]) {
			try(numberLen(s, start), rankNumber)
			try(hidLen(s, start), rankHID)
		}
	}
	if hasSep || len(cand) >= 12 {
		try(macLen(s, start), rankMAC)
	}
	if strings.IndexByte(cand, ':') >= 0 {
		if loc := ipv6Form.FindStringIndex(cand); loc != nil {
			try(loc[1], rankIPv6)
		}
		try(badMACLen(s, start), rankBadMAC)
	}
	if best == 0 {
		// A colon that starts no IPv6 address is an operator.
		l.pos = start + 1
		return token{kind: kindColon}
	}

	text := s[start : start+best]
	l.pos = start + best
	switch rank {
	case rankID:
		if t, ok := keywords[text]; ok {
			return t
		}
		if v, ok := namedNumbers[text]; ok {
			return token{kind: kindNum, val: v}
		}
		return token{kind: kindID, text: text}
	case rankNumber:
		v, err := parseNumber(text)
		if err != nil {
			return token{kind: kindLexError, err: err}
		}
		return token{kind: kindNum, val: v}
	case rankHID:
		return token{kind: kindHID, text: text}
	case rankMAC:
		return token{kind: kindEID, text: text}
	case rankBadMAC:
		return token{kind: kindEID, text: text, err: fmt.Errorf("invalid Ethernet address %s", text)}
	default: // rankIPv6
		if !validIPv6Tail(text) {
			return token{kind: kindHID6, text: text, err: fmt.Errorf("invalid IPv6 address %s", text)}
		}
		return token{kind: kindHID6, text: text}
	}
}

// numberLen is the length of the number at s[i:]: decimal digits, or 0x
// followed by hex digits. Octal numbers are decimal-looking here; their
// digits are checked when converted.
func numberLen(s string, i int) int {
	if i+2 < len(s) && s[i] == '0' && (s[i+1] == 'x' || s[i+1] == 'X') && isHex(s[i+2]) {
		j := i + 2
		for j < len(s) && isHex(s[j]) {
			j++
		}
		return j - i
	}
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	return j - i
}

// hidLen is the length of the IPv4 address or short form (two to four
// numbers joined by dots) at s[i:], 0 if there is none.
func hidLen(s string, i int) int {
	n := numberLen(s, i)
	if n == 0 {
		return 0
	}
	end, parts := i+n, 1
	for parts < 4 && end+1 < len(s) && s[end] == '.' {
		m := numberLen(s, end+1)
		if m == 0 {
			break
		}
		end += 1 + m
		parts++
	}
	if parts < 2 {
		return 0
	}
	return end - i
}

func hexRun(s string, i, max int) int {
	n := 0
	for i+n < len(s) && n < max && isHex(s[i+n]) {
		n++
	}
	return n
}

// macLen is the length of the MAC address at s[i:]: six groups of one
// or two hex digits joined by ':', '-' or '.', three groups of four
// joined by '.', or twelve hex digits in a row.
func macLen(s string, i int) int {
	best := 0
	for _, sep := range []byte{':', '-', '.'} {
		j := i
		ok := true
		for g := 0; g < 6; g++ {
			if g > 0 {
				if j >= len(s) || s[j] != sep {
					ok = false
					break
				}
				j++
			}
			n := hexRun(s, j, 2)
			if n == 0 {
				ok = false
				break
			}
			j += n
		}
		if ok {
			best = max(best, j-i)
		}
	}
	j := i
	ok := true
	for g := 0; g < 3; g++ {
		if g > 0 {
			if j >= len(s) || s[j] != '.' {
				ok = false
				break
			}
			j++
		}
		if hexRun(s, j, 4) != 4 {
			ok = false
			break
		}
		j += 4
	}
	if ok {
		best = max(best, j-i)
	}
	if hexRun(s, i, 12) == 12 {
		best = max(best, 12)
	}
	return best
}

// badMACLen is the length of a colon-separated run of one- or
// two-digit hex groups that ends in a colon ("1:2:", "a::b::"), which
// libpcap reports as an invalid Ethernet address.
func badMACLen(s string, i int) int {
	j, groups, end := i, 0, 0
	for {
		n := hexRun(s, j, 3)
		if n == 0 || n > 2 {
			break
		}
		k := j + n
		colons := 0
		for k < len(s) && s[k] == ':' {
			k++
			colons++
		}
		if colons == 0 {
			break
		}
		groups++
		j = k
		if groups >= 2 {
			end = j
		}
	}
	if end == 0 {
		return 0
	}
	return end - i
}

// ipv6Form matches the IPv6 spellings libpcap's scanner accepts: eight
// groups, or fewer with one "::", optionally ending in a dotted IPv4
// address (after six groups, or after at most five with "::"). Matching
// the longest form mirrors flex.
var ipv6Form = func() *regexp.Regexp {
	const (
		w  = `[0-9A-Fa-f]{1,4}`
		n  = `(?:0[xX][0-9A-Fa-f]+|[0-9]+)`
		v4 = n + `\.` + n + `\.` + n + `\.` + n
	)
	groups := func(k int) string { // k groups joined by ':'
		return strings.TrimSuffix(strings.Repeat(w+":", k), ":")
	}
	var alts []string
	alts = append(alts, groups(8), groups(6)+":"+v4)
	for left := 0; left <= 7; left++ {
		for right := 0; left+right <= 7; right++ {
			alts = append(alts, groups(left)+"::"+groups(right))
			if left+right <= 5 {
				tail := v4
				if right > 0 {
					tail = groups(right) + ":" + v4
				}
				alts = append(alts, groups(left)+"::"+tail)
			}
		}
	}
	re := regexp.MustCompile(`^(?:` + strings.Join(alts, "|") + `)`)
	re.Longest()
	return re
}()

// validIPv6Tail reports whether the address would pass the C library's
// inet_pton. The scanner's pattern already fixes the group structure; what
// is left to check is an embedded IPv4 address, which must be four
// decimal numbers of at most 255 without leading zeros.
func validIPv6Tail(text string) bool {
	if !strings.Contains(text, ".") {
		return true
	}
	tail := text[strings.LastIndexByte(text, ':')+1:]
	parts := strings.Split(tail, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 1 && p[0] == '0' {
			return false
		}
		v := 0
		for i := 0; i < len(p); i++ {
			if !isDigit(p[i]) {
				return false
			}
			v = v*10 + int(p[i]-'0')
			if v > 255 {
				return false
			}
		}
	}
	return true
}

// parseNumber converts a number token to 32 bits: 0x for hex, a leading
// 0 for octal, else decimal, with libpcap's error texts.
func parseNumber(text string) (uint32, error) {
	var n uint32
	switch {
	case len(text) > 1 && (text[1] == 'x' || text[1] == 'X'):
		for _, c := range []byte(text[2:]) {
			var d uint32
			switch {
			case isDigit(c):
				d = uint32(c - '0')
			case 'a' <= c && c <= 'f':
				d = uint32(c-'a') + 10
			default:
				d = uint32(c-'A') + 10
			}
			if n > 0x0FFFFFFF {
				return 0, fmt.Errorf("hexadecimal number %s overflows 32 bits", text)
			}
			n = n<<4 + d
		}
	case text[0] == '0':
		for _, c := range []byte(text[1:]) {
			if c < '0' || c > '7' {
				return 0, fmt.Errorf("number %s contains non-octal digit", text)
			}
			if n > 0o3777777777 {
				return 0, fmt.Errorf("octal number %s overflows 32 bits", text)
			}
			n = n<<3 + uint32(c-'0')
		}
	default:
		for _, c := range []byte(text) {
			d := uint32(c - '0')
			if n > 0xFFFFFFFF/10 || n == 0xFFFFFFFF/10 && d > 0xFFFFFFFF%10 {
				return 0, fmt.Errorf("decimal number %s overflows 32 bits", text)
			}
			n = n*10 + d
		}
	}
	return n, nil
}
