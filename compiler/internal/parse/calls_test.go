package parse

import (
	"errors"
	"strings"
	"testing"
)

// callTests pin the Builder calls, their arguments and their order, and
// the outcome, for inputs that exercise the grammar's corners. The
// expected logs were taken from libpcap's own parser driving a logging
// code generator that fails the same calls as the recorder does (see
// recorder). Operators appear in BPF's encoding: Relation 32/48/16 is
// >/>=/=, Arith 0/16/32/48/64/80/96/112/144/160 is + - * / | & << >> % ^.
// Qualifiers print as {proto dir addr}; 255 is libpcap's Q_UNDEF.
var callTests = []struct {
	expr string
	want string
}{
	{"host a or b", "SCode a {0 0 1} -> #1 | SCode b {0 0 1} -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"tcp port 1 or 2", "NCode  1 {6 0 3} -> #1 | NCode  2 {6 0 3} -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"host a and not b", "SCode a {0 0 1} -> #1 | SCode b {0 0 1} -> #2 | Not #2 | And #1 #2 -> #3 | Finish #3 | => OK"},
	{"host a and (b or c)", "SCode a {0 0 1} -> #1 | SCode b {0 0 1} -> #2 | SCode c {0 0 1} -> #3 | Or #2 #3 -> #4 | And #1 #4 -> #5 | Finish #5 | => OK"},
	{"host a or (port 1) or 2", "SCode a {0 0 1} -> #1 | NCode  1 {0 0 3} -> #2 | Or #1 #2 -> #3 | NCode  2 {0 0 1} -> #4 | Or #3 #4 -> #5 | Finish #5 | => OK"},
	{"host a and ((b))", "SCode a {0 0 1} -> #1 | => ERR can't parse filter expression: syntax error"},
	{"(foo)", "=> ERR can't parse filter expression: syntax error"},
	{"not foo", "=> ERR can't parse filter expression: syntax error"},
	{"tcp or 1", "ProtoAbbrev 6 -> #1 | NCode  1 {255 255 255} -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"tcp )", "ProtoAbbrev 6 -> #1 | => ERR can't parse filter expression: syntax error"},
	{"tcp 5", "=> ERR can't parse filter expression: syntax error"},
	{"host foo and (", "SCode foo {0 0 1} -> #1 | => ERR can't parse filter expression: syntax error"},
	{"host bad and (", "SCode bad {0 0 1} | => ERR SCode failed bad"},
	{"src or dst host a", "SCode a {0 3 1} -> #1 | Finish #1 | => OK"},
	{"src and dst net 10", "NCode  10 {0 4 2} -> #1 | Finish #1 | => OK"},
	{"ether host 1:2:3:4:5:6", "ECode 1:2:3:4:5:6 {1 0 1} -> #1 | Finish #1 | => OK"},
	{"ether src aa-bb-cc-dd-ee-ff", "ECode aa-bb-cc-dd-ee-ff {1 1 0} -> #1 | Finish #1 | => OK"},
	{"ip6 net fe80::/64", "MCode6 fe80:: 64 {17 0 2} -> #1 | Finish #1 | => OK"},
	{"ip6 host ::ffff:1.2.3.4", "MCode6 ::ffff:1.2.3.4 128 {17 0 1} -> #1 | Finish #1 | => OK"},
	{"host 1.2", "NCode 1.2 0 {0 0 1} -> #1 | Finish #1 | => OK"},
	{"net 10 mask 255.0.0.0", "NCode  10 {0 0 2} -> #1 | => ERR can't parse filter expression: syntax error"},
	{"net 10.0.0.0/8", "MCode 10.0.0.0  8 {0 0 2} -> #1 | Finish #1 | => OK"},
	{"port 1.2.3.4", "=> ERR 'port' qualifier applied to IPv4 address"},
	{"portrange 1.2.3.4/8", "=> ERR 'portrange' qualifier applied to IPv4 address and prefix length"},
	{"proto ::1/64", "=> ERR 'proto' qualifier applied to IPv6 address and prefix length "},
	{"protochain ::1", "=> ERR 'protochain' qualifier applied to IPv6 address"},
	{"port 1.2.3.4 mask 255.0.0.0", "=> ERR 'port' qualifier applied to IPv4 address and netmask"},
	{"vlan 10 and vlan", "VLAN 10 1 -> #1 | VLAN 0 0 -> #2 | And #1 #2 -> #3 | Finish #3 | => OK"},
	{"vlan (((10)))", "VLAN 10 1 -> #1 | Finish #1 | => OK"},
	{"mpls and pppoes 3", "MPLS 0 0 -> #1 | PPPoES 3 1 -> #2 | And #1 #2 -> #3 | Finish #3 | => OK"},
	{"llc rnr", "LLCSSubtype 5 -> #1 | Finish #1 | => OK"},
	{"llc RR", "LLCSSubtype 1 -> #1 | Finish #1 | => OK"},
	{"llc i", "LLCI -> #1 | Finish #1 | => OK"},
	{"llc foo", "=> ERR unknown LLC type name \"foo\""},
	{"len = 1 + 2 * 3", "LoadLen -> #1 | LoadI 1 -> #2 | LoadI 2 -> #3 | LoadI 3 -> #4 | Arith 32 #3 #4 -> #5 | Arith 0 #2 #5 -> #6 | Relation 16 #1 #6 0 -> #7 | Finish #7 | => OK"},
	{"len % 2 + 3 = 1", "LoadLen -> #1 | LoadI 2 -> #2 | LoadI 3 -> #3 | Arith 0 #2 #3 -> #4 | Arith 144 #1 #4 -> #5 | LoadI 1 -> #6 | Relation 16 #5 #6 0 -> #7 | Finish #7 | => OK"},
	{"- 1 % 2 * 3 = 4", "LoadI 1 -> #1 | LoadI 2 -> #2 | LoadI 3 -> #3 | Arith 32 #2 #3 -> #4 | Arith 144 #1 #4 -> #5 | Neg #5 -> #6 | LoadI 4 -> #7 | Relation 16 #6 #7 0 -> #8 | Finish #8 | => OK"},
	{"1 - 2 - 3 = 0", "LoadI 1 -> #1 | LoadI 2 -> #2 | Arith 16 #1 #2 -> #3 | LoadI 3 -> #4 | Arith 16 #3 #4 -> #5 | LoadI 0 -> #6 | Relation 16 #5 #6 0 -> #7 | Finish #7 | => OK"},
	{"1 << 2 >> 3 = 1", "LoadI 1 -> #1 | LoadI 2 -> #2 | Arith 96 #1 #2 -> #3 | LoadI 3 -> #4 | Arith 112 #3 #4 -> #5 | LoadI 1 -> #6 | Relation 16 #5 #6 0 -> #7 | Finish #7 | => OK"},
	{"1 | 2 & 3 ^ 4 = 5", "LoadI 1 -> #1 | LoadI 2 -> #2 | LoadI 3 -> #3 | LoadI 4 -> #4 | Arith 160 #3 #4 -> #5 | Arith 80 #2 #5 -> #6 | Arith 64 #1 #6 -> #7 | LoadI 5 -> #8 | Relation 16 #7 #8 0 -> #9 | Finish #9 | => OK"},
	{"len != 3", "LoadLen -> #1 | LoadI 3 -> #2 | Relation 16 #1 #2 1 -> #3 | Finish #3 | => OK"},
	{"len <= 3", "LoadLen -> #1 | LoadI 3 -> #2 | Relation 32 #1 #2 1 -> #3 | Finish #3 | => OK"},
	{"len == 3", "LoadLen -> #1 | LoadI 3 -> #2 | Relation 16 #1 #2 0 -> #3 | Finish #3 | => OK"},
	{"len < 3", "LoadLen -> #1 | LoadI 3 -> #2 | Relation 48 #1 #2 1 -> #3 | Finish #3 | => OK"},
	{"len >= 3", "LoadLen -> #1 | LoadI 3 -> #2 | Relation 48 #1 #2 0 -> #3 | Finish #3 | => OK"},
	{"tcp[13:2] & 0x10 != 0", "LoadI 13 -> #1 | Load 6 #1 2 -> #2 | LoadI 16 -> #3 | Arith 80 #2 #3 -> #4 | LoadI 0 -> #5 | Relation 16 #4 #5 1 -> #6 | Finish #6 | => OK"},
	{"ip[2:3] = 1", "LoadI 2 -> #1 | Load 2 #1 3 | => ERR data size must be 1, 2, or 4"},
	{"tcp[tcpflags] & tcp-syn != 0", "LoadI 13 -> #1 | Load 6 #1 1 -> #2 | LoadI 2 -> #3 | Arith 80 #2 #3 -> #4 | LoadI 0 -> #5 | Relation 16 #4 #5 1 -> #6 | Finish #6 | => OK"},
	{"icmp[icmptype] = icmp-echo", "LoadI 0 -> #1 | Load 8 #1 1 -> #2 | LoadI 8 -> #3 | Relation 16 #2 #3 0 -> #4 | Finish #4 | => OK"},
	{"(len) = 1", "LoadLen -> #1 | LoadI 1 -> #2 | Relation 16 #1 #2 0 -> #3 | Finish #3 | => OK"},
	{"(1 + 2) * 3 = 9", "LoadI 1 -> #1 | LoadI 2 -> #2 | Arith 0 #1 #2 -> #3 | LoadI 3 -> #4 | Arith 32 #3 #4 -> #5 | LoadI 9 -> #6 | Relation 16 #5 #6 0 -> #7 | Finish #7 | => OK"},
	{"(1) = 1", "LoadI 1 -> #1 | LoadI 1 -> #2 | Relation 16 #1 #2 0 -> #3 | Finish #3 | => OK"},
	{"((tcp[0])) = 1", "LoadI 0 -> #1 | Load 6 #1 1 -> #2 | LoadI 1 -> #3 | Relation 16 #2 #3 0 -> #4 | Finish #4 | => OK"},
	{"host a and 1 + 2 = 3", "SCode a {0 0 1} -> #1 | LoadI 1 -> #2 | LoadI 2 -> #3 | Arith 0 #2 #3 -> #4 | LoadI 3 -> #5 | Relation 16 #4 #5 0 -> #6 | And #1 #6 -> #7 | Finish #7 | => OK"},
	{"host a and (1)", "SCode a {0 0 1} -> #1 | NCode  1 {0 0 1} -> #2 | And #1 #2 -> #3 | Finish #3 | => OK"},
	{"host a and (1 or 2)", "SCode a {0 0 1} -> #1 | NCode  1 {0 0 1} -> #2 | NCode  2 {0 0 1} -> #3 | Or #2 #3 -> #4 | And #1 #4 -> #5 | Finish #5 | => OK"},
	{"host (1 or 2)", "NCode  1 {0 0 1} -> #1 | NCode  2 {0 0 1} -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"host ((1) or 2)", "NCode  1 {0 0 1} -> #1 | NCode  2 {0 0 1} -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"host (1 + 2)", "NCode  1 {0 0 1} -> #1 | => ERR can't parse filter expression: syntax error"},
	{"less 100 or greater 200", "Less 100 -> #1 | Greater 200 -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"byte 2 & 4", "ByteOp & 2 4 -> #1 | Finish #1 | => OK"},
	{"inbound or outbound", "InOut 0 -> #1 | InOut 1 -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"ifindex 3", "IfIndex 3 -> #1 | Finish #1 | => OK"},
	{"wlan type mgt subtype beacon", "P80211Type 128 252 -> #1 | Finish #1 | => OK"},
	{"type data subtype qos-data", "P80211Type 136 252 -> #1 | Finish #1 | => OK"},
	{"subtype ack", "P80211Type 212 252 -> #1 | Finish #1 | => OK"},
	{"type ctl subtype beacon", "=> ERR unknown 802.11 subtype name \"beacon\""},
	{"type 12 subtype foo", "=> ERR unknown 802.11 type"},
	{"type 16", "=> ERR invalid 802.11 type value 0x10"},
	{"type mgt subtype 5", "=> ERR invalid 802.11 subtype value 0x05"},
	{"dir tods", "P80211Dir 1 -> #1 | Finish #1 | => OK"},
	{"dir 4", "=> ERR invalid 802.11 direction value 0x4"},
	{"dir foo", "=> ERR unknown 802.11 direction"},
	{"type foo", "=> ERR unknown 802.11 type name \"foo\""},
	{"subtype foo", "=> ERR unknown 802.11 type name"},
	{"reason match", "PfReason 0 -> #1 | Finish #1 | => OK"},
	{"reason 3", "PfReason 3 -> #1 | Finish #1 | => OK"},
	{"reason nosuch", "=> ERR unknown PF reason \"nosuch\""},
	{"action pass", "PfAction 0 -> #1 | Finish #1 | => OK"},
	{"action nosuch", "=> ERR unknown PF action \"nosuch\""},
	{"on eth0 and rset foo and rnr 3 and srnr 4", "PfIfname eth0 -> #1 | PfRuleset foo -> #2 | And #1 #2 -> #3 | PfRnr 3 -> #4 | And #3 #4 -> #5 | PfSrnr 4 -> #6 | And #5 #6 -> #7 | Finish #7 | => OK"},
	{"vpi 1", "AtmField 51 1 16 0 -> #1 | Finish #1 | => OK"},
	{"vci > 3", "AtmField 52 3 32 0 -> #1 | Finish #1 | => OK"},
	{"vpi (1 or 2 or 3)", "AtmField 51 1 16 0 -> #1 | AtmField 51 2 16 0 -> #2 | Or #1 #2 -> #3 | AtmField 51 3 16 0 -> #4 | Or #3 #4 -> #5 | Finish #5 | => OK"},
	{"sio <= 4", "Mtp3Field 1 4 32 1 -> #1 | Finish #1 | => OK"},
	{"fisu or lssu or lsu", "Mtp2Type 22 -> #1 | Mtp2Type 23 -> #2 | Or #1 #2 -> #3 | Mtp2Type 23 -> #4 | Or #3 #4 -> #5 | Finish #5 | => OK"},
	{"lane and oam and metac", "AtmType 30 -> #1 | AtmMulti 28 -> #2 | And #1 #2 -> #3 | AtmType 22 -> #4 | And #3 #4 -> #5 | Finish #5 | => OK"},
	{"ip broadcast", "Broadcast 2 -> #1 | Finish #1 | => OK"},
	{"ether multicast", "Multicast 1 -> #1 | Finish #1 | => OK"},
	{"broadcast", "Broadcast 0 -> #1 | Finish #1 | => OK"},
	{"gateway foo", "SCode foo {0 0 4} -> #1 | Finish #1 | => OK"},
	{"ip proto 6", "NCode  6 {2 0 5} -> #1 | Finish #1 | => OK"},
	{"ip6 protochain 17", "NCode  17 {17 0 6} -> #1 | Finish #1 | => OK"},
	{"host $1a", "ACode $1a {0 0 1} -> #1 | Finish #1 | => OK"},
	{"\\host", "=> ERR can't parse filter expression: syntax error"},
	{"a and b", "=> ERR can't parse filter expression: syntax error"},
	{"08", "=> ERR number 08 contains non-octal digit"},
	{"0x100000000", "=> ERR hexadecimal number 0x100000000 overflows 32 bits"},
	{"4294967296", "=> ERR decimal number 4294967296 overflows 32 bits"},
	{"4294967295", "LoadI 4294967295 -> #1 | => ERR can't parse filter expression: syntax error"},
	{"040000000000", "=> ERR can't parse filter expression: syntax error"},
	{"0040000000000", "=> ERR octal number 0040000000000 overflows 32 bits"},
	{"1::2::", "=> ERR invalid Ethernet address 1::2::"},
	{"::1.2.3.999", "=> ERR invalid IPv6 address ::1.2.3.999"},
	{"1.2.3.4.5", "=> ERR can't parse filter expression: syntax error"},
	{"123456789012", "=> ERR can't parse filter expression: syntax error"},
	{"host a and not not b", "SCode a {0 0 1} -> #1 | SCode b {0 0 1} -> #2 | Not #2 | Not #2 | And #1 #2 -> #3 | Finish #3 | => OK"},
	{"not not tcp", "ProtoAbbrev 6 -> #1 | Not #1 | Not #1 | Finish #1 | => OK"},
	{"udp and not (tcp or ip) and host x", "ProtoAbbrev 7 -> #1 | ProtoAbbrev 6 -> #2 | ProtoAbbrev 2 -> #3 | Or #2 #3 -> #4 | Not #4 | And #1 #4 -> #5 | SCode x {0 0 1} -> #6 | And #5 #6 -> #7 | Finish #7 | => OK"},
	{"host x or y and z or not w", "SCode x {0 0 1} -> #1 | SCode y {0 0 1} -> #2 | Or #1 #2 -> #3 | SCode z {0 0 1} -> #4 | And #3 #4 -> #5 | SCode w {0 0 1} -> #6 | Not #6 | Or #5 #6 -> #7 | Finish #7 | => OK"},
	{"addr1 a or ra b", "SCode a {0 5 0} -> #1 | SCode b {0 9 0} -> #2 | Or #1 #2 -> #3 | Finish #3 | => OK"},
	{"carp", "ProtoAbbrev 39 | => ERR ProtoAbbrev failed"},
}

func TestCalls(t *testing.T) {
	for _, tt := range callTests {
		got := strings.ReplaceAll(run(tt.expr, true), "\n -> ", " -> ")
		got = strings.ReplaceAll(got, "\n", " | ")
		if got != tt.want {
			t.Errorf("%q:\n got: %s\nwant: %s", tt.expr, got, tt.want)
		}
	}
}

func TestEmpty(t *testing.T) {
	for _, expr := range []string{"", "  \t\r\n", "\x00tcp"} {
		b := &emptyBuilder{}
		if err := Parse(expr, b); err != nil || !b.empty {
			t.Errorf("%q: err %v, Empty called %v", expr, err, b.empty)
		}
	}
}

type emptyBuilder struct {
	recorder
	empty bool
}

func (b *emptyBuilder) Empty() error { b.empty = true; return nil }

// TestNULEndsExpression: like libpcap, which takes a C string, the
// expression ends at a NUL byte.
func TestNULEndsExpression(t *testing.T) {
	if got, want := run("tcp\x00 garbage (", false), run("tcp", false); got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

type softErr struct{}

func (softErr) Error() string { return "soft" }
func (softErr) Soft() bool    { return true }

type softBuilder struct{ recorder }

func (b *softBuilder) SCode(name string, q Qual) (Expr, error) { return nil, softErr{} }

func (b *softBuilder) NCode(text string, v uint32, q Qual) (Expr, error) { return nil, softErr{} }

// TestSoftError: a soft Builder error loses to a lexer error already
// recorded in the lookahead, and stands otherwise.
func TestSoftError(t *testing.T) {
	// A name is reduced without looking ahead, so SCode fails before
	// "099" is lexed.
	if err := Parse("host a 099", &softBuilder{}); err == nil || err.Error() != "soft" {
		t.Errorf("got %v, want soft", err)
	}
	// An IPv4 address needs the next token (is it "/" or "mask"?), so
	// the bad octal number is lexed before NCode fails.
	if err := Parse("host 1.2.3.4 099", &softBuilder{}); err == nil || err.Error() != "number 099 contains non-octal digit" {
		t.Errorf("got %v, want the lexer's error", err)
	}
	var soft SoftError
	if !errors.As(softErr{}, &soft) {
		t.Fatal("softErr is not a SoftError")
	}
}
