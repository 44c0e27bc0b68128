package gen

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// 802.11 frame control values the generator tests besides the type bits
// (wlanFC0Type*, shared with the link-layer family).
const (
	wlanFC0SubtypeQoS = 0x80
	wlanFC1DirMask    = 0x03

	// wlanDataHdrLen is the shortest MAC header a data frame has.
	wlanDataHdrLen = 24
	// wlanQoSCtlLen is the QoS control field QoS data frames add.
	wlanQoSCtlLen = 2
)

// Radio headers in front of the 802.11 header.
const (
	// Prism monitor header, or an AVS header Linux labels as Prism;
	// the cookie at the start tells them apart.
	prismHdrLen    = 144
	avsCookieMask  = 0xfffff000
	avsCookie      = 0x80211000
	avsOffHdrLen   = 4 // big-endian 32-bit header length
	radiotapOffLen = 2 // little-endian 16-bit header length (PPI too)

	// Radiotap: the first presence word, and the flags field that
	// follows the fixed header (after the 8-byte TSFT when present).
	radiotapOffPresent   = 4
	radiotapPresentTSFT  = 0x00000001
	radiotapPresentFlags = 0x00000002
	radiotapPresentExt   = 0x80000000
	radiotapOffFlags     = 8
	radiotapOffFlagsTSFT = 16
	radiotapFlagDataPad  = 0x20
)

// wlanLinkTypes are the link types with an 802.11 header, bare or behind
// a radio header.
func isWLANLinkType(dlt int) bool {
	switch dlt {
	case dltIEEE802_11, dltPrismHeader, dltIEEE802_11RadioAVS, dltIEEE802_11Radio, dltPPI:
		return true
	}
	return false
}

// p80211Type tests the frame control's type and subtype bits ("type mgt",
// "subtype beacon", "type data subtype qos-data"): gen_p80211_type.
func (g *gen) p80211Type(v, mask uint32) *frag {
	if !isWLANLinkType(g.lay.linkType) {
		g.failKeywordOnDLT("type/subtype")
	}
	return g.mcmp(offLinkHdr, 0, ir.B, v, mask)
}

// p80211Dir tests the To DS / From DS bits ("dir tods"): gen_p80211_fcdir.
func (g *gen) p80211Dir(v uint32) *frag {
	if !isWLANLinkType(g.lay.linkType) {
		g.failKeywordOnDLT("dir")
	}
	return g.mcmp(offLinkHdr, 1, ir.B, v, wlanFC1DirMask)
}

// loadLLPrefixLen802_11 returns the statements that go in front of the
// program b to compute the run-time offsets of an 802.11 link type: the
// length of the radio header, when one precedes the 802.11 header, and
// the offset of the 802.11 payload (insert_compute_vloffsets). Only the
// offsets some primitive used (that have a register) are computed. The
// payload computation branches to b's first statement, so it must run
// as the statements in front of b's own.
func (g *gen) loadLLPrefixLen802_11(b *ir.Block) stmts {
	var s stmts
	switch g.lay.outermostType {
	case dltPrismHeader:
		s = g.loadPrismPrefixLen()
	case dltIEEE802_11RadioAVS:
		s = g.loadAVSPrefixLen()
	case dltIEEE802_11Radio, dltPPI:
		// PPI, like radiotap, stores its length little-endian at
		// offset 2.
		s = g.loadRadiotapPrefixLen()
	}
	var next *ir.Stmt
	if len(b.Stmts) > 0 {
		next = b.Stmts[0]
	}
	return g.load802_11HeaderLen(s, next)
}

// storeHdrLen ends a radio header computation: A holds the header length;
// keep it in the link header's register and in X.
func storeHdrLen(s stmts, reg int) stmts {
	return append(s, stmt(ir.ST, uint32(reg)), stmt(ir.MISC|ir.TAX, 0))
}

// loadPrismPrefixLen: an AVS header (recognised by its cookie) carries
// its length; a Prism header is always 144 bytes.
func (g *gen) loadPrismPrefixLen() stmts {
	// The branches run inside the statement list, which the optimizer
	// cannot handle; libpcap turns it off even when no length is needed.
	g.noOptimize = true
	reg := g.lay.linkHdr.reg
	if reg == -1 {
		return nil
	}
	avs := stmt(ir.LD|ir.ABS|ir.W, avsOffHdrLen)
	prism := stmt(ir.LD|ir.IMM, prismHdrLen)
	isAVS := stmt(ir.JMP|ir.JEQ|ir.K, avsCookie)
	isAVS.JT, isAVS.JF = avs, prism
	store := stmt(ir.ST, uint32(reg))
	skipPrism := stmt(ir.JMP|ir.JA|ir.K, 1) // over the one-statement Prism case
	skipPrism.JF = store
	return stmts{
		stmt(ir.LD|ir.ABS|ir.W, 0),
		stmt(ir.ALU|ir.AND|ir.K, avsCookieMask),
		isAVS,
		avs,
		skipPrism,
		prism,
		store,
		stmt(ir.MISC|ir.TAX, 0),
	}
}

// loadAVSPrefixLen: the AVS header's big-endian length field.
func (g *gen) loadAVSPrefixLen() stmts {
	reg := g.lay.linkHdr.reg
	if reg == -1 {
		return nil
	}
	return storeHdrLen(stmts{stmt(ir.LD|ir.ABS|ir.W, avsOffHdrLen)}, reg)
}

// loadRadiotapPrefixLen assembles the little-endian 16-bit length of a
// radiotap or PPI header a byte at a time.
func (g *gen) loadRadiotapPrefixLen() stmts {
	reg := g.lay.linkHdr.reg
	if reg == -1 {
		return nil
	}
	return storeHdrLen(stmts{
		stmt(ir.LD|ir.ABS|ir.B, radiotapOffLen+1),
		stmt(ir.ALU|ir.LSH|ir.K, 8),
		stmt(ir.MISC|ir.TAX, 0),
		stmt(ir.LD|ir.ABS|ir.B, radiotapOffLen),
		stmt(ir.ALU|ir.OR|ir.X, 0),
	}, reg)
}

// load802_11HeaderLen computes the offset of the 802.11 payload into the
// link payload's register: 24 bytes past the 802.11 header, 2 more for
// QoS data frames, and, behind radiotap, rounded up to 4 when the flags
// say the driver padded the header. prefix leaves the radio header's
// length in X (nil: the header is at a fixed offset). Frames that are not
// data frames branch straight to next, the program's first statement.
func (g *gen) load802_11HeaderLen(prefix stmts, next *ir.Stmt) stmts {
	reg := uint32(g.lay.linkPL.reg)
	if g.lay.linkPL.reg == -1 {
		return prefix
	}
	g.noOptimize = true
	s := prefix
	if s == nil {
		s = stmts{stmt(ir.LDX|ir.IMM, g.lay.outermostLinkHdr.constant)}
	}
	isData := stmt(ir.JMP|ir.JSET|ir.K, wlanFC0TypeData)
	isCtl := stmt(ir.JMP|ir.JSET|ir.K, wlanFC0TypeCtl)
	isQoS := stmt(ir.JMP|ir.JSET|ir.K, wlanFC0SubtypeQoS)
	addQoS := stmt(ir.LD|ir.MEM, reg)
	isData.JT, isData.JF = isCtl, next
	isCtl.JT, isCtl.JF = next, isQoS
	isQoS.JT, isQoS.JF = addQoS, next
	s = append(s,
		stmt(ir.MISC|ir.TXA, 0),
		stmt(ir.ALU|ir.ADD|ir.K, wlanDataHdrLen),
		stmt(ir.ST, reg),
		stmt(ir.LD|ir.IND|ir.B, 0), // frame control, first byte
		isData, isCtl, isQoS,
		addQoS,
		stmt(ir.ALU|ir.ADD|ir.K, wlanQoSCtlLen),
		stmt(ir.ST, reg),
	)
	if g.lay.linkType != dltIEEE802_11Radio {
		return s
	}
	// Atheros drivers pad the 802.11 header to a multiple of 4 and say
	// so in the radiotap flags. Only the first presence word is looked
	// at; the radiotap fields are little-endian, hence the swapped
	// constants.
	present := stmt(ir.LD|ir.ABS|ir.W, radiotapOffPresent)
	hasFlags := stmt(ir.JMP|ir.JSET|ir.K, swapLong(radiotapPresentFlags))
	hasExt := stmt(ir.JMP|ir.JSET|ir.K, swapLong(radiotapPresentExt))
	hasTSFT := stmt(ir.JMP|ir.JSET|ir.K, swapLong(radiotapPresentTSFT))
	flagsAfterTSFT := stmt(ir.LD|ir.ABS|ir.B, radiotapOffFlagsTSFT)
	padAfterTSFT := stmt(ir.JMP|ir.JSET|ir.K, radiotapFlagDataPad)
	flags := stmt(ir.LD|ir.ABS|ir.B, radiotapOffFlags)
	pad := stmt(ir.JMP|ir.JSET|ir.K, radiotapFlagDataPad)
	roundUp := stmt(ir.LD|ir.MEM, reg)
	isQoS.JF = present
	hasFlags.JT, hasFlags.JF = hasExt, next
	hasExt.JT, hasExt.JF = next, hasTSFT
	hasTSFT.JT, hasTSFT.JF = flagsAfterTSFT, flags
	padAfterTSFT.JT, padAfterTSFT.JF = roundUp, next
	pad.JT, pad.JF = roundUp, next
	return append(s,
		present, hasFlags, hasExt, hasTSFT,
		flagsAfterTSFT, padAfterTSFT,
		flags, pad,
		roundUp,
		stmt(ir.ALU|ir.ADD|ir.K, 3),
		stmt(ir.ALU|ir.AND|ir.K, ^uint32(3)),
		stmt(ir.ST, reg),
	)
}
