package gen

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// OpenBSD pf's log header (DLT_PFLOG): where each field the pf
// primitives test sits, and the sizes of its two name fields.
const (
	pflogOffLength    = 0
	pflogOffAction    = 2
	pflogOffReason    = 3
	pflogOffIfname    = 4
	pflogOffRuleset   = 20
	pflogOffRuleNr    = 36
	pflogOffSubRuleNr = 40

	pflogIfnameSize  = 16
	pflogRulesetSize = 16
)

// assertPFLog rejects a pf primitive on any other link type.
func (g *gen) assertPFLog(kw string) {
	if g.lay.linkType != dltPFLog {
		g.fail("'%s' supported only on PFLOG linktype", kw)
	}
}

// pfIfname matches the interface a pf log entry names ("ifname em0"):
// the name's bytes, without the terminating NUL, so it is a prefix match.
func (g *gen) pfIfname(name string) *frag {
	return g.pfName("ifname", "ifname interface names", pflogOffIfname, pflogIfnameSize, name)
}

// pfRuleset matches the ruleset (anchor) name, as pfIfname does.
func (g *gen) pfRuleset(name string) *frag {
	return g.pfName("ruleset", "ruleset names", pflogOffRuleset, pflogRulesetSize, name)
}

// pfName matches a NUL-padded name field of size bytes; what names the
// field in the error for a name that leaves no room for the NUL.
func (g *gen) pfName(kw, what string, off, size uint32, name string) *frag {
	g.assertPFLog(kw)
	if uint32(len(name)) >= size {
		g.fail("%s can only be %d characters", what, size-1)
	}
	return g.bcmp(offLinkHdr, off, []byte(name))
}

func (g *gen) pfRnr(n uint32) *frag  { return g.pfField("rnr", pflogOffRuleNr, ir.W, n) }
func (g *gen) pfSrnr(n uint32) *frag { return g.pfField("srnr", pflogOffSubRuleNr, ir.W, n) }

// pfReason and pfAction take the number the parser looked the name up as.
func (g *gen) pfReason(n uint32) *frag { return g.pfField("reason", pflogOffReason, ir.B, n) }
func (g *gen) pfAction(n uint32) *frag { return g.pfField("action", pflogOffAction, ir.B, n) }

// pfField compares a numeric field of the pf log header.
func (g *gen) pfField(kw string, off uint32, size uint16, n uint32) *frag {
	g.assertPFLog(kw)
	return g.cmp(offLinkHdr, off, size, n)
}

// loadPFLogPrefixLen computes, at the start of the program, the offset of
// the packet behind the pflog header: the header's own length byte
// rounded up to a multiple of 4. Nothing is emitted when no primitive
// used that offset (no register was given to it).
func (g *gen) loadPFLogPrefixLen() stmts {
	reg := g.lay.linkPL.reg
	if reg == -1 {
		return nil
	}
	return stmts{
		stmt(ir.LD|ir.ABS|ir.B, pflogOffLength),
		stmt(ir.ALU|ir.ADD|ir.K, 3),
		stmt(ir.ALU|ir.AND|ir.K, ^uint32(3)),
		stmt(ir.ST, uint32(reg)),
		stmt(ir.MISC|ir.TAX, 0),
	}
}
