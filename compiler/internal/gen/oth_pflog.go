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
	g.assertPFLog("ifname")
	if len(name) >= pflogIfnameSize {
		g.fail("ifname interface names can only be %d characters", pflogIfnameSize-1)
	}
	return g.bcmp(offLinkHdr, pflogOffIfname, []byte(name))
}

// pfRuleset matches the ruleset (anchor) name, as pfIfname does.
func (g *gen) pfRuleset(name string) *frag {
	g.assertPFLog("ruleset")
	if len(name) >= pflogRulesetSize {
		g.fail("ruleset names can only be %d characters", pflogRulesetSize-1)
	}
	return g.bcmp(offLinkHdr, pflogOffRuleset, []byte(name))
}

func (g *gen) pfRnr(n uint32) *frag {
	g.assertPFLog("rnr")
	return g.cmp(offLinkHdr, pflogOffRuleNr, ir.W, n)
}

func (g *gen) pfSrnr(n uint32) *frag {
	g.assertPFLog("srnr")
	return g.cmp(offLinkHdr, pflogOffSubRuleNr, ir.W, n)
}

// pfReason and pfAction take the number the parser looked the name up as.
func (g *gen) pfReason(n uint32) *frag {
	g.assertPFLog("reason")
	return g.cmp(offLinkHdr, pflogOffReason, ir.B, n)
}

func (g *gen) pfAction(n uint32) *frag {
	g.assertPFLog("action")
	return g.cmp(offLinkHdr, pflogOffAction, ir.B, n)
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
