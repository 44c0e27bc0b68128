package gen

// Stubs for the link-type families outside the core eight: pflog, 802.11
// and its radio headers, ATM, MTP2/MTP3.

func (g *gen) pfIfname(name string) *frag      { g.unsupported("ifname"); return nil }
func (g *gen) pfRuleset(name string) *frag     { g.unsupported("ruleset"); return nil }
func (g *gen) pfRnr(n uint32) *frag            { g.unsupported("rnr"); return nil }
func (g *gen) pfSrnr(n uint32) *frag           { g.unsupported("srnr"); return nil }
func (g *gen) pfReason(n uint32) *frag         { g.unsupported("reason"); return nil }
func (g *gen) pfAction(n uint32) *frag         { g.unsupported("action"); return nil }
func (g *gen) p80211Type(v, mask uint32) *frag { g.unsupported("802.11 type"); return nil }
func (g *gen) p80211Dir(v uint32) *frag        { g.unsupported("802.11 dir"); return nil }
func (g *gen) atmTypeAbbrev(t int) *frag       { g.unsupported("ATM"); return nil }
func (g *gen) atmMultiAbbrev(t int) *frag      { g.unsupported("ATM"); return nil }
func (g *gen) atmFieldCode(field int, v uint32, op uint8, reversed bool) *frag {
	g.unsupported("ATM field")
	return nil
}
func (g *gen) mtp2TypeAbbrev(t int) *frag { g.unsupported("MTP2"); return nil }
func (g *gen) mtp3FieldCode(field int, v uint32, op uint8, reversed bool) *frag {
	g.unsupported("MTP3 field")
	return nil
}

// loadLLPrefixLen802_11 computes the 802.11 (and radio header) variable
// offsets at the start of the program.
func (g *gen) loadLLPrefixLen802_11(b any) stmts { g.unsupported("802.11 link type"); return nil }

// loadPFLogPrefixLen computes the pflog header length.
func (g *gen) loadPFLogPrefixLen() stmts { g.unsupported("pflog link type"); return nil }
