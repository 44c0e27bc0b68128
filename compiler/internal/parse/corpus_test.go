package parse

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// TestCorpusAccept: every expression libpcap compiles must parse.
func TestCorpusAccept(t *testing.T) {
	var cases []struct {
		Name    string
		Aliases []string
		Skip    string
	}
	readJSON(t, filepath.Join(testcorpus.Dir(t, "libpcap"), "accept.json"), &cases)
	n := 0
	for _, c := range cases {
		if c.Skip != "" || c.Name == "bpf_image" {
			// Not for Linux, or filtertest's special argument
			// rather than a filter.
			continue
		}
		for _, expr := range c.Aliases {
			n++
			if err := Parse(expr, &recorder{}); err != nil {
				t.Errorf("%s: %q: %v", c.Name, expr, err)
			}
		}
	}
	t.Logf("%d expressions parsed", n)
}

// parserErrors are the beginnings of the error texts that come from the
// lexer and the grammar rather than from the code generator.
var parserErrors = []string{
	"can't parse filter expression",
	"number",
	"decimal number",
	"octal number",
	"hexadecimal number",
	"invalid IPv6 address",
	"invalid Ethernet address",
	"'port' qualifier applied to",
	"'portrange' qualifier applied to",
	"'proto' qualifier applied to",
	"'protochain' qualifier applied to",
	"invalid 802.11",
	"unknown 802.11",
	"unknown LLC type name",
	"unknown PF reason",
	"unknown PF action",
}

func isParserError(msg string) bool {
	for _, p := range parserErrors {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// TestCorpusReject: where libpcap's error comes from its lexer or grammar,
// Parse must fail with that text; where it comes from the code generator,
// Parse must succeed (a Builder that accepts everything is used).
func TestCorpusReject(t *testing.T) {
	var cases []struct {
		Name   string
		Expr   *string
		Errstr string
		Skip   string
	}
	readJSON(t, filepath.Join(testcorpus.Dir(t, "libpcap"), "reject.json"), &cases)
	parser, other := 0, 0
	for _, c := range cases {
		if c.Expr == nil || c.Skip != "" {
			continue // a savefile case, or not for Linux
		}
		err := Parse(*c.Expr, &recorder{})
		if isParserError(c.Errstr) {
			parser++
			if err == nil || !strings.Contains(err.Error(), c.Errstr) {
				t.Errorf("%s: %q: got %v, want %q", c.Name, *c.Expr, err, c.Errstr)
			}
			continue
		}
		other++
		if err != nil {
			t.Errorf("%s: %q: got %v, want no parser error (libpcap: %q)", c.Name, *c.Expr, err, c.Errstr)
		}
	}
	t.Logf("%d parser errors checked, %d code-generator cases parsed", parser, other)
}
