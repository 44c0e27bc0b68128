package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// SS7: MTP2 signal unit types by their length indicator, and the MTP3
// routing label fields. The "h" variants are for high-speed links
// (Q.703 Annex A), whose header is 3 bytes longer and whose length
// indicator is 9 bits.

var ss7Keywords = map[int]string{
	parse.MtpFISU:  "fisu",
	parse.MtpLSSU:  "lssu",
	parse.MtpMSU:   "msu",
	parse.MtpHFISU: "hfisu",
	parse.MtpHLSSU: "hlssu",
	parse.MtpHMSU:  "hmsu",
	parse.MtpSIO:   "sio",
	parse.MtpOPC:   "opc",
	parse.MtpDPC:   "dpc",
	parse.MtpSLS:   "sls",
	parse.MtpHSIO:  "hsio",
	parse.MtpHOPC:  "hopc",
	parse.MtpHDPC:  "hdpc",
	parse.MtpHSLS:  "hsls",
}

const (
	mtp2LIMask    = 0x3f   // 6-bit length indicator
	mtp2HSLLIMask = 0xff80 // 9-bit length indicator, as a big-endian halfword
	mtp2HSLExtra  = 3      // extra header bytes on high-speed links

	// Largest values of the MTP3 fields; as they are all ones they are
	// also the fields' masks before shifting into place.
	mtp3SIOMax = 0xff
	mtp3PCMax  = 0x3fff // 14-bit point codes
	mtp3SLSMax = 0xf
)

func ss7Keyword(t int) string { return keywordOr(ss7Keywords, t, "(unknown MTP keyword)") }

// assertSS7 rejects an SS7 primitive on link types without MTP fields.
func (g *gen) assertSS7(kw string) {
	l := &g.lay
	switch l.linkType {
	case dltMTP2, dltERF, dltMTP2WithPHdr:
		if l.sio != notSet && l.opc != notSet && l.dpc != notSet && l.sls != notSet {
			return
		}
	}
	g.fail("'%s' supported only on SS7", kw)
}

// mtp2TypeAbbrev tells signal units apart by length: a FISU carries
// nothing, an LSSU 1 or 2 bytes, an MSU 3 or more.
func (g *gen) mtp2TypeAbbrev(t int) *frag {
	g.assertSS7(ss7Keyword(t))
	l := &g.lay
	li := func(op uint16, reversed bool, v uint32) *frag {
		return g.ncmp(offPacket, l.li, ir.B, mtp2LIMask, op, reversed, v)
	}
	liHSL := func(op uint16, reversed bool, v uint32) *frag {
		return g.ncmp(offPacket, l.liHSL, ir.H, mtp2HSLLIMask, op, reversed, v)
	}
	switch t {
	case parse.MtpFISU:
		return li(ir.JEQ, false, 0)
	case parse.MtpLSSU:
		atMost2 := li(ir.JGT, true, 2)
		return g.and(li(ir.JGT, false, 0), atMost2)
	case parse.MtpMSU:
		return li(ir.JGT, false, 2)
	case parse.MtpHFISU:
		return liHSL(ir.JEQ, false, 0)
	case parse.MtpHLSSU:
		atMost2 := liHSL(ir.JGT, true, 0x0100)
		return g.and(liHSL(ir.JGT, false, 0), atMost2)
	case parse.MtpHMSU:
		return liHSL(ir.JGT, false, 0x0100)
	}
	g.fail(errInternalFmt, "gen_mtp2type_abbrev", "type", t)
	return nil
}

// mtp3FieldCode compares an MTP3 field ("sio 3", "dpc > 100"). The
// routing label is little-endian, so the point codes' masks and values
// are byte-swapped to match a big-endian load.
func (g *gen) mtp3FieldCode(field int, v uint32, op uint8, reversed bool) *frag {
	kw := ss7Keyword(field)
	g.assertSS7(kw)
	l := &g.lay
	jump := relJump(op)
	var extra uint32
	switch field {
	case parse.MtpHSIO, parse.MtpHOPC, parse.MtpHDPC, parse.MtpHSLS:
		extra = mtp2HSLExtra
	}
	switch field {
	case parse.MtpSIO, parse.MtpHSIO:
		g.assertMax(kw, v, mtp3SIOMax)
		return g.ncmp(offPacket, l.sio+extra, ir.B, 0xffffffff, jump, reversed, v)
	case parse.MtpOPC, parse.MtpHOPC:
		// The OPC spans three bytes; test it within a word.
		g.assertMax(kw, v, mtp3PCMax)
		return g.ncmp(offPacket, l.opc+extra, ir.W, swapLong(mtp3PCMax<<14), jump, reversed, swapLong(v<<14))
	case parse.MtpDPC, parse.MtpHDPC:
		g.assertMax(kw, v, mtp3PCMax)
		return g.ncmp(offPacket, l.dpc+extra, ir.H, swapShort(mtp3PCMax), jump, reversed, swapShort(v))
	case parse.MtpSLS, parse.MtpHSLS:
		g.assertMax(kw, v, mtp3SLSMax)
		return g.ncmp(offPacket, l.sls+extra, ir.B, mtp3SLSMax<<4, jump, reversed, v<<4)
	}
	g.fail(errInternalFmt, "gen_mtp3field_code_internal", "mtp3field", field)
	return nil
}

// swapShort swaps the two low bytes of v.
func swapShort(v uint32) uint32 { return (v&0xff)<<8 | (v&0xff00)>>8 }
