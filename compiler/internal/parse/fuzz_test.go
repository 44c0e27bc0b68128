package parse

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// FuzzParse checks that Parse never panics and that a Builder error is
// returned unchanged.
func FuzzParse(f *testing.F) {
	for _, tt := range callTests {
		f.Add(tt.expr)
	}
	f.Fuzz(func(t *testing.T, expr string) {
		r := &recorder{failing: true}
		err := Parse(expr, r)
		if err == nil && len(r.log) > 0 && !strings.HasPrefix(r.log[len(r.log)-1], "Finish ") {
			t.Fatalf("%q: parsed without Finish: %v", expr, r.log)
		}
	})
}

// TestDeepNesting: nesting beyond libpcap's parser stack fails with its
// error instead of exhausting ours.
func TestDeepNesting(t *testing.T) {
	for _, expr := range []string{
		strings.Repeat("(", 200000) + "tcp" + strings.Repeat(")", 200000),
		strings.Repeat("not ", 200000) + "tcp",
		"len = " + strings.Repeat("-", 200000) + "1",
		"len = 1" + strings.Repeat(" % 1", 200000),
		"host a" + strings.Repeat(" or (b", 200000),
	} {
		err := Parse(expr, &recorder{})
		if err == nil || err.Error() != "can't parse filter expression: memory exhausted" {
			t.Errorf("%.20q...: got %v", expr, err)
		}
	}
	// A long chain of "or" is a loop, not nesting.
	long := "host a" + strings.Repeat(" or b", 200000)
	if err := Parse(long, &recorder{}); err != nil {
		t.Errorf("long chain: %v", err)
	}
}

func BenchmarkParseBig(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join(testcorpus.Dir(b, "big"), "*.flt"))
	if len(files) == 0 {
		b.Skip("no big filters")
	}
	for _, file := range files {
		text, err := os.ReadFile(file)
		if err != nil {
			b.Fatal(err)
		}
		expr := string(text)
		b.Run(filepath.Base(file), func(b *testing.B) {
			b.SetBytes(int64(len(expr)))
			for b.Loop() {
				if err := Parse(expr, nopBuilder{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// nopBuilder accepts everything and records nothing, to measure the
// parser alone.
type nopBuilder struct{}

func (nopBuilder) Finish(Expr) error                                { return nil }
func (nopBuilder) Empty() error                                     { return nil }
func (nopBuilder) And(a, b Expr) Expr                               { return a }
func (nopBuilder) Or(a, b Expr) Expr                                { return a }
func (nopBuilder) Not(a Expr) Expr                                  { return a }
func (nopBuilder) SCode(string, Qual) (Expr, error)                 { return 0, nil }
func (nopBuilder) NCode(string, uint32, Qual) (Expr, error)         { return 0, nil }
func (nopBuilder) MCode(string, string, uint32, Qual) (Expr, error) { return 0, nil }
func (nopBuilder) MCode6(string, uint32, Qual) (Expr, error)        { return 0, nil }
func (nopBuilder) ECode(string, Qual) (Expr, error)                 { return 0, nil }
func (nopBuilder) ACode(string, Qual) (Expr, error)                 { return 0, nil }
func (nopBuilder) ProtoAbbrev(uint8) (Expr, error)                  { return 0, nil }
func (nopBuilder) Relation(uint8, Arith, Arith, bool) (Expr, error) { return 0, nil }
func (nopBuilder) Broadcast(uint8) (Expr, error)                    { return 0, nil }
func (nopBuilder) Multicast(uint8) (Expr, error)                    { return 0, nil }
func (nopBuilder) Less(uint32) (Expr, error)                        { return 0, nil }
func (nopBuilder) Greater(uint32) (Expr, error)                     { return 0, nil }
func (nopBuilder) ByteOp(byte, uint32, uint32) (Expr, error)        { return 0, nil }
func (nopBuilder) InOut(bool) (Expr, error)                         { return 0, nil }
func (nopBuilder) IfIndex(uint32) (Expr, error)                     { return 0, nil }
func (nopBuilder) VLAN(uint32, bool) (Expr, error)                  { return 0, nil }
func (nopBuilder) MPLS(uint32, bool) (Expr, error)                  { return 0, nil }
func (nopBuilder) PPPoED() (Expr, error)                            { return 0, nil }
func (nopBuilder) PPPoES(uint32, bool) (Expr, error)                { return 0, nil }
func (nopBuilder) Geneve(uint32, bool) (Expr, error)                { return 0, nil }
func (nopBuilder) VXLAN(uint32, bool) (Expr, error)                 { return 0, nil }
func (nopBuilder) PfIfname(string) (Expr, error)                    { return 0, nil }
func (nopBuilder) PfRuleset(string) (Expr, error)                   { return 0, nil }
func (nopBuilder) PfRnr(uint32) (Expr, error)                       { return 0, nil }
func (nopBuilder) PfSrnr(uint32) (Expr, error)                      { return 0, nil }
func (nopBuilder) PfReason(uint32) (Expr, error)                    { return 0, nil }
func (nopBuilder) PfAction(uint32) (Expr, error)                    { return 0, nil }
func (nopBuilder) P80211Type(uint32, uint32) (Expr, error)          { return 0, nil }
func (nopBuilder) P80211Dir(uint32) (Expr, error)                   { return 0, nil }
func (nopBuilder) LLC() (Expr, error)                               { return 0, nil }
func (nopBuilder) LLCI() (Expr, error)                              { return 0, nil }
func (nopBuilder) LLCS() (Expr, error)                              { return 0, nil }
func (nopBuilder) LLCU() (Expr, error)                              { return 0, nil }
func (nopBuilder) LLCSSubtype(uint32) (Expr, error)                 { return 0, nil }
func (nopBuilder) LLCUSubtype(uint32) (Expr, error)                 { return 0, nil }
func (nopBuilder) AtmType(int) (Expr, error)                        { return 0, nil }
func (nopBuilder) AtmMulti(int) (Expr, error)                       { return 0, nil }
func (nopBuilder) AtmField(int, uint32, uint8, bool) (Expr, error)  { return 0, nil }
func (nopBuilder) Mtp2Type(int) (Expr, error)                       { return 0, nil }
func (nopBuilder) Mtp3Field(int, uint32, uint8, bool) (Expr, error) { return 0, nil }
func (nopBuilder) LoadI(uint32) (Arith, error)                      { return 0, nil }
func (nopBuilder) Load(uint8, Arith, uint32) (Arith, error)         { return 0, nil }
func (nopBuilder) Arith(uint8, Arith, Arith) (Arith, error)         { return 0, nil }
func (nopBuilder) Neg(Arith) (Arith, error)                         { return 0, nil }
func (nopBuilder) LoadLen() (Arith, error)                          { return 0, nil }
