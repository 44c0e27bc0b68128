package gen

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// MPLS label stacks and PPP over Ethernet.

const (
	etherTypeMPLS   = 0x8847
	etherTypePPPoED = 0x8863 // PPPoE discovery
	etherTypePPPoES = 0x8864 // PPPoE session
	pppMPLSUnicast  = 0x0281

	mplsLabelMax   = 0xfffff
	mplsLabelShift = 12

	pppoeHeaderLen = 6
	pppProtoLen    = 2
)

// mpls compiles "mpls [N]" (gen_mpls). Each "mpls" steps one label
// further into the stack for the primitives that follow.
func (g *gen) mpls(n uint32, has bool) *frag {
	l := &g.lay
	var f *frag
	if l.labelStackDepth > 0 {
		// Inside a stack: this label exists if the one before was not
		// the bottom of the stack.
		f = g.not(g.justAfterMPLSStack())
	} else {
		switch l.linkType {
		case dltCHDLC, dltHDLC, dltEN10MB, dltNetAnalyzer, dltNetAnalyzerTransp,
			dltDSATagBRCM, dltDSATagDSA:
			f = g.linkType(etherTypeMPLS)
		case dltPPP:
			f = g.linkType(pppMPLSUnicast)
		default:
			g.failKeywordOnDLT("mpls")
		}
	}
	if has {
		g.assertMax("MPLS label", n, mplsLabelMax)
		f = g.and(f, g.mcmp(offLinkPL, 0, ir.W, n<<mplsLabelShift, mplsLabelMax<<mplsLabelShift))
	}
	l.nlNoSnap += mplsEntryLen
	l.nl += mplsEntryLen
	l.labelStackDepth++
	return f
}

// pppoed compiles "pppoed": a PPPoE discovery frame.
func (g *gen) pppoed() *frag { return g.linkType(etherTypePPPoED) }

// pppoes compiles "pppoes [N]" (gen_pppoes). What follows is compiled
// for the PPP frame inside the PPPoE session header.
func (g *gen) pppoes(n uint32, has bool) *frag {
	f := g.linkType(etherTypePPPoES)
	if has {
		g.assertMax("PPPoE session number", n, 0xffff)
		f = g.and(f, g.cmp(offLinkPL, 2, ir.H, n))
	}
	l := &g.lay
	// The PPP header (just its protocol field: no HDLC framing) starts
	// after the 6-byte PPPoE header.
	g.pushLinkHdr(dltPPP, absOffset{
		variable: l.linkPL.variable,
		constant: l.linkPL.constant + l.nl + pppoeHeaderLen,
		reg:      l.linkPL.reg,
	})
	l.linkTypeOff = l.linkHdr
	l.linkPL.constant = l.linkHdr.constant + pppProtoLen
	l.nl = 0
	l.nlNoSnap = 0
	return f
}

// pushLinkHdr enters an encapsulated link layer of type dlt whose header
// is at hdr; the current one becomes the previous (PUSH_LINKHDR).
func (g *gen) pushLinkHdr(dlt int, hdr absOffset) {
	l := &g.lay
	l.prevLinkType = l.linkType
	l.prevLinkHdr = l.linkHdr
	l.linkType = dlt
	l.linkHdr = hdr
	l.isEncap = false
}
