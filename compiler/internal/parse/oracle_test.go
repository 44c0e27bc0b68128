//go:build oracle

package parse

// A differential test against libpcap's own grammar and scanner, built
// with a logging stand-in for its code generator: build it with
// testdata/oracle/build.sh.
// Run with: PARSE_ORACLE=/path/to/oracle go test -tags oracle -run Oracle

import (
	"bytes"
	"encoding/json"
	"math/rand"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

func oracleRun(t *testing.T, exprs []string) []string {
	bin := os.Getenv("PARSE_ORACLE")
	if bin == "" {
		t.Skip("PARSE_ORACLE not set")
	}
	var in bytes.Buffer
	for _, e := range exprs {
		in.WriteString(e)
		in.WriteByte(0)
	}
	cmd := exec.Command(bin)
	cmd.Stdin = &in
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	var res []string
	var cur []string
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(line, "=> ") {
			if strings.HasPrefix(line, "=> ERR") && len(cur) > 0 && strings.HasPrefix(cur[len(cur)-1], "Finish ") {
				cur = cur[:len(cur)-1]
			}
			cur = append(cur, line)
			res = append(res, strings.Join(cur, "\n"))
			cur = nil
			continue
		}
		if line != "" {
			cur = append(cur, line)
		}
	}
	if len(res) != len(exprs) {
		t.Fatalf("oracle gave %d results for %d expressions", len(res), len(exprs))
	}
	return res
}

func oracleCompare(t *testing.T, exprs []string) {
	want := oracleRun(t, exprs)
	bad := 0
	for i, e := range exprs {
		if strings.IndexByte(e, 0) >= 0 {
			continue
		}
		got := run(e, true)
		if got != want[i] {
			bad++
			if bad <= 40 {
				t.Errorf("%q:\n got: %s\nwant: %s", e, strings.ReplaceAll(got, "\n", " | "), strings.ReplaceAll(want[i], "\n", " | "))
			}
		}
	}
	t.Logf("%d expressions, %d differ", len(exprs), bad)
}

var oracleWords = strings.Fields(`host net port portrange src dst or and not ! ( ) ( ) ( ) tcp udp ip ip6 ether
	proto protochain gateway mask broadcast multicast less greater byte len vlan mpls pppoes geneve vxlan
	llc rnr i s u rr ui foo bad1 1 2 666 777 888 0 010 08 0x10 4294967296 1.2 1.2.3.4 10.0.0.0/8 ::1 ::1.2.3.999 fe80::/10
	1:2:3:4:5:6 1:2: $1 + - * / % & | ^ << >> = == != < <= > >= [ ] : tcp[0] type subtype dir data mgt beacon
	nods 3 reason action match pass on eth0 rset rnr srnr vpi vci lane oam sio fisu inbound outbound ifindex
	addr1 ra src-or carp wlan iso l1 type tcp-syn icmptype \foo 12 3 4 5 444`)

func randomExpr(r *rand.Rand) string {
	n := 1 + r.Intn(9)
	parts := make([]string, n)
	for i := range parts {
		parts[i] = oracleWords[r.Intn(len(oracleWords))]
	}
	return strings.Join(parts, " ")
}

func TestOracleRandom(t *testing.T) {
	for seed := int64(1); seed <= 5; seed++ {
		r := rand.New(rand.NewSource(seed))
		var exprs []string
		for i := 0; i < 200000; i++ {
			exprs = append(exprs, randomExpr(r))
		}
		oracleCompare(t, exprs)
	}
}

// TestOracleChars tests the lexer on random strings over the characters
// that matter to it.
func TestOracleChars(t *testing.T) {
	const alphabet = "0123456789abcdefxX:.:.-$ ()!&|=<>\\/%^[]+*_gtcphost\t,"
	r := rand.New(rand.NewSource(7))
	var exprs []string
	for i := 0; i < 300000; i++ {
		n := 1 + r.Intn(24)
		b := make([]byte, n)
		for j := range b {
			b[j] = alphabet[r.Intn(len(alphabet))]
		}
		prefix := []string{"", "host ", "ether host ", "ip6 net ", "len = ", "tcp port ", "llc ", "wlan type "}[r.Intn(8)]
		exprs = append(exprs, prefix+string(b))
	}
	oracleCompare(t, exprs)
}

// TestOracleAddresses tests the lexer on near-miss address forms.
func TestOracleAddresses(t *testing.T) {
	r := rand.New(rand.NewSource(11))
	frags := []string{"0", "1", "12", "123", "1234", "12345", "0x1f", "0X", "ab", "abc", "fe80", "08", "255", "256", "999", "000000000000", "123456789012", "4294967296", "ffffffff", "g"}
	seps := []string{":", "::", ".", "-", ":", ".", ":::"}
	var exprs []string
	for i := 0; i < 300000; i++ {
		var b strings.Builder
		n := 1 + r.Intn(10)
		for j := 0; j < n; j++ {
			if j > 0 || r.Intn(5) == 0 {
				b.WriteString(seps[r.Intn(len(seps))])
			}
			b.WriteString(frags[r.Intn(len(frags))])
		}
		if r.Intn(4) == 0 {
			b.WriteString(seps[r.Intn(len(seps))])
		}
		prefix := []string{"host ", "ether host ", "ip6 net ", "len = ", "port ", "proto "}[r.Intn(6)]
		suffix := []string{"", " and a", " or 1", "/24", " mask 1.2.3.4"}[r.Intn(5)]
		exprs = append(exprs, prefix+b.String()+suffix)
	}
	oracleCompare(t, exprs)
}

// genExpr builds a random, mostly well-formed expression.
func genExpr(r *rand.Rand, depth int) string {
	if depth > 6 {
		return "host x"
	}
	pick := func(s ...string) string { return s[r.Intn(len(s))] }
	id := func() string {
		return pick("a", "bad", "1", "666", "1.2", "1.2.3.4", "1.2.3.4/8", "1.2.3.4 mask 255.0.0.0", "::1", "::1/64", "1:2:3:4:5:6", "$1", "(1)", "((2))")
	}
	arith := func() string {
		var b strings.Builder
		n := 1 + r.Intn(4)
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteString(pick(" + ", " - ", " * ", " / ", " % ", " & ", " | ", " ^ ", " << ", " >> "))
			}
			b.WriteString(pick("1", "888", "len", "-1", "- len", "tcp[1]", "ip[1:2]", "ip[2:3]", "(1)", "(2 + 3)", "(len % 4)", "ether[0 + 1 : 4]", "-(1)"))
		}
		return b.String()
	}
	switch r.Intn(12) {
	case 0, 1:
		return genExpr(r, depth+1) + pick(" and ", " or ", " && ", " || ") + genExpr(r, depth+1)
	case 2:
		return genExpr(r, depth+1) + pick(" and ", " or ") + pick("", "not ") + id()
	case 3:
		return pick("not ", "! ") + genExpr(r, depth+1)
	case 4:
		return "(" + genExpr(r, depth+1) + ")"
	case 5:
		return arith() + pick(" = ", " == ", " != ", " < ", " <= ", " > ", " >= ") + arith()
	case 6:
		return pick("", "tcp ", "ip ", "ether ", "ip6 ", "carp ") + pick("", "src ", "dst ", "src or dst ", "dst and src ", "addr1 ") + pick("host ", "net ", "port ", "portrange ", "proto ", "protochain ", "gateway ") + id()
	case 7:
		return pick("host ", "port ", "net ") + id() + pick(" or ", " and ") + "(" + id() + pick(" or ", " and ") + id() + ")"
	case 8:
		return pick("tcp", "udp", "carp", "vlan", "vlan 10", "mpls (3)", "pppoed", "less 10", "greater 666", "byte 1 & 2", "inbound", "llc", "llc rnr", "llc s", "wlan type mgt subtype beacon", "subtype ack", "dir tods", "vpi 1", "vci (1 or 2)", "sio > 3", "fisu", "lane", "oam", "ip broadcast", "ether multicast", "on eth0", "reason match", "action pass", "rnr 3")
	case 9:
		return "(" + arith() + ")" + pick(" = ", " > ") + arith()
	case 10:
		return id()
	default:
		return genExpr(r, depth+1) + pick(" and ", " or ") + "(" + genExpr(r, depth+1) + ")"
	}
}

func TestOracleGrammar(t *testing.T) {
	r := rand.New(rand.NewSource(3))
	var exprs []string
	for i := 0; i < 200000; i++ {
		e := genExpr(r, 0)
		if r.Intn(3) == 0 {
			// Mutate: drop, duplicate or swap a token.
			f := strings.Fields(e)
			i := r.Intn(len(f))
			switch r.Intn(3) {
			case 0:
				f = append(f[:i], f[i+1:]...)
			case 1:
				f = append(f[:i+1], f[i:]...)
			default:
				j := r.Intn(len(f))
				f[i], f[j] = f[j], f[i]
			}
			e = strings.Join(f, " ")
		}
		exprs = append(exprs, e)
	}
	oracleCompare(t, exprs)
}

func TestOracleCorpus(t *testing.T) {
	dir := testcorpus.Path(t, "corpus")
	var exprs []string
	var rej []struct{ Expr string }
	b, _ := os.ReadFile(dir + "/libpcap/reject.json")
	json.Unmarshal(b, &rej)
	for _, c := range rej {
		exprs = append(exprs, c.Expr)
	}
	var acc []struct{ Aliases []string }
	b, _ = os.ReadFile(dir + "/libpcap/accept.json")
	json.Unmarshal(b, &acc)
	for _, c := range acc {
		exprs = append(exprs, c.Aliases...)
	}
	oracleCompare(t, exprs)
}

func TestOracleList(t *testing.T) {
	b, err := os.ReadFile("testdata/oracle/cases.txt")
	if err != nil {
		t.Skip(err)
	}
	oracleCompare(t, strings.Split(strings.TrimSuffix(string(b), "\n"), "\n"))
}

var depthPatterns = map[string]func(n int) string{
	"parens":   func(n int) string { return strings.Repeat("(", n) + "tcp" + strings.Repeat(")", n) },
	"nots":     func(n int) string { return strings.Repeat("not ", n) + "tcp" },
	"neg":      func(n int) string { return "len = " + strings.Repeat("-", n) + "1" },
	"mod":      func(n int) string { return "len = 1" + strings.Repeat(" % 1", n) },
	"xor":      func(n int) string { return "1" + strings.Repeat(" ^ 1", n) + " = 1" },
	"pid":      func(n int) string { return "host a" + strings.Repeat(" or (b", n) + strings.Repeat(")", n) },
	"andparen": func(n int) string { return "host a" + strings.Repeat(" and (host b", n) + strings.Repeat(")", n) },
	"load":     func(n int) string { return strings.Repeat("ip[", n) + "0" + strings.Repeat("]", n) + " = 1" },
	"pnum":     func(n int) string { return "host " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) },
	"vlan":     func(n int) string { return "vlan " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) },
	"notid":    func(n int) string { return "host a and " + strings.Repeat("not ", n) + "b" },
	"notid2":   func(n int) string { return "host " + strings.Repeat("not ", n) + "b" },
	"arparen":  func(n int) string { return "len = " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) },
	"arparen2": func(n int) string { return strings.Repeat("(", n) + "1" + strings.Repeat(")", n) + " = 1" },
	"arparen3": func(n int) string { return strings.Repeat("(", n) + "1 + 1" + strings.Repeat(")", n) + " = 1" },
	"nestexpr": func(n int) string { return strings.Repeat("(tcp and ", n) + "udp" + strings.Repeat(")", n) },
	"relparen": func(n int) string { return strings.Repeat("(1 + ", n) + "1" + strings.Repeat(")", n) + " = 1" },
	"pidparen": func(n int) string { return "host (" + strings.Repeat("a or (", n) + "b" + strings.Repeat(")", n) + ")" },
	"bparen":   func(n int) string { return "host a and " + strings.Repeat("(", n) + "1" + strings.Repeat(")", n) },
	"bparen2": func(n int) string {
		return "host a and (" + strings.Repeat("(", n) + "tcp" + strings.Repeat(")", n) + ")"
	},
	"notparen": func(n int) string { return strings.Repeat("not (", n) + "tcp" + strings.Repeat(")", n) },
	"rshift":   func(n int) string { return "1" + strings.Repeat(" + 1 * (1", n) + strings.Repeat(")", n) + " = 1" },
}

func firstExhausted(check func(n int) bool) int {
	lo, hi := 1, 12000
	for lo < hi {
		m := (lo + hi) / 2
		if check(m) {
			hi = m
		} else {
			lo = m + 1
		}
	}
	return lo
}

func TestOracleDepth(t *testing.T) {
	for name, f := range depthPatterns {
		o := firstExhausted(func(n int) bool { return strings.Contains(oracleRun(t, []string{f(n)})[0], "memory exhausted") })
		m := firstExhausted(func(n int) bool { return strings.Contains(run(f(n), true), "memory exhausted") })
		same := run(f(o), true) == oracleRun(t, []string{f(o)})[0] && run(f(o-1), true) == oracleRun(t, []string{f(o - 1)})[0]
		t.Logf("%-10s oracle %5d mine %5d  diff %d same-at-edge %v", name, o, m, m-o, same)
	}
}
