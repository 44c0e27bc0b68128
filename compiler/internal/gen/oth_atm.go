package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// ATM over SunATM: the pseudo-header gives VPI, VCI and the payload
// protocol; signalling messages are recognised by their Q.2931 message
// type.

// atmKeywords names the ATM primitives in errors.
var atmKeywords = map[int]string{
	parse.AtmMetac:       "metac",
	parse.AtmBCC:         "bcc",
	parse.AtmOAMF4SC:     "oamf4sc",
	parse.AtmOAMF4EC:     "oamf4ec",
	parse.AtmSC:          "sc",
	parse.AtmILMIC:       "ilmic",
	parse.AtmOAM:         "oam",
	parse.AtmOAMF4:       "oamf4",
	parse.AtmLANE:        "lane",
	parse.AtmVPI:         "vpi",
	parse.AtmVCI:         "vci",
	parse.AtmConnectMsg:  "connectmsg",
	parse.AtmMetaConnect: "metaconnect",
}

// atmCircuits are the well-known circuits (VPI 0) the abbreviations name.
var atmCircuits = map[int]uint32{
	parse.AtmMetac:   1,  // meta-signalling
	parse.AtmBCC:     2,  // broadcast
	parse.AtmOAMF4SC: 3,  // segment OAM F4
	parse.AtmOAMF4EC: 4,  // end-to-end OAM F4
	parse.AtmSC:      5,  // signalling
	parse.AtmILMIC:   16, // ILMI
}

// SunATM payload protocol for LANE, and the offset of the Q.2931 message
// type in a signalling message.
const (
	sunATMProtoLANE = 0x01
	q2931OffMsgType = 5
)

// Q.2931 message types of the connect/release exchange, in the order
// libpcap tests them; "metaconnect" leaves out the connect acknowledge.
var (
	q2931ConnectMsgs     = []uint32{0x05, 0x02, 0x07, 0x0f, 0x4d, 0x5a} // setup, call proceeding, connect, connect ack, release, release done
	q2931MetaConnectMsgs = []uint32{0x05, 0x02, 0x07, 0x4d, 0x5a}
)

func atmKeyword(t int) string { return keywordOr(atmKeywords, t, "(unknown ATM keyword)") }

// assertATM rejects an ATM primitive unless the link layer is SunATM
// (and not LANE, which makes it Ethernet).
func (g *gen) assertATM(kw string) {
	l := &g.lay
	if l.linkType != dltSunATM || !l.isATM ||
		l.vpi == notSet || l.vci == notSet || l.proto == notSet || l.payload == notSet {
		g.fail("'%s' supported only on SUNATM", kw)
	}
}

// atmField compares the VPI or VCI ("vpi 1", "vci > 32").
func (g *gen) atmFieldCode(field int, v uint32, op uint8, reversed bool) *frag {
	return g.atmField(field, v, relJump(op), reversed)
}

func (g *gen) atmField(field int, v uint32, jump uint16, reversed bool) *frag {
	g.assertATM(atmKeyword(field))
	switch field {
	case parse.AtmVPI:
		g.assertMax("VPI", v, 0xff)
		return g.ncmp(offLinkHdr, g.lay.vpi, ir.B, 0xffffffff, jump, reversed, v)
	case parse.AtmVCI:
		g.assertMax("VCI", v, 0xffff)
		return g.ncmp(offLinkHdr, g.lay.vci, ir.H, 0xffffffff, jump, reversed, v)
	}
	g.fail(errInternalFmt, "gen_atmfield_code_internal", "atmfield", field)
	return nil
}

func (g *gen) atmVPI(v uint32) *frag { return g.atmField(parse.AtmVPI, v, ir.JEQ, false) }
func (g *gen) atmVCI(v uint32) *frag { return g.atmField(parse.AtmVCI, v, ir.JEQ, false) }

// atmTypeAbbrev compiles the circuit abbreviations ("metac", "sc", ...)
// and "lane", after which the packet is taken to be LANE-encapsulated
// Ethernet.
func (g *gen) atmTypeAbbrev(t int) *frag {
	g.assertATM(atmKeyword(t))
	if vci, ok := atmCircuits[t]; ok {
		vpi := g.atmVPI(0)
		return g.and(vpi, g.atmVCI(vci))
	}
	if t != parse.AtmLANE {
		g.fail(errInternalFmt, "gen_atmtype_abbrev", "type", t)
	}
	f := g.atmProtoType(sunATMProtoLANE)
	// Later primitives see an Ethernet header behind the 2-byte LE
	// header (assumed Ethernet, not Token Ring).
	l := &g.lay
	g.pushLinkHdr(dltEN10MB, fixed(l.payload+2))
	l.linkTypeOff.constant = l.linkHdr.constant + 12
	l.linkPL.constant = l.linkHdr.constant + 14
	l.nl = 0
	l.nlNoSnap = 3
	return f
}

// atmMultiAbbrev compiles the abbreviations that match several circuits
// or messages: "oam", "oamf4", "connectmsg", "metaconnect".
func (g *gen) atmMultiAbbrev(t int) *frag {
	g.assertATM(atmKeyword(t))
	switch t {
	case parse.AtmOAM, parse.AtmOAMF4:
		// Either OAM F4 circuit.
		seg := g.atmVCI(3)
		f := g.or(seg, g.atmVCI(4))
		return g.and(g.atmVPI(0), f)
	case parse.AtmConnectMsg:
		f := g.q2931Msgs(q2931ConnectMsgs)
		return g.and(g.atmTypeAbbrev(parse.AtmSC), f)
	case parse.AtmMetaConnect:
		f := g.q2931Msgs(q2931MetaConnectMsgs)
		return g.and(g.atmTypeAbbrev(parse.AtmMetac), f)
	}
	g.fail(errInternalFmt, "gen_atmmulti_abbrev", "type", t)
	return nil
}

// q2931Msgs matches any of the message types, each new test ORed in
// front of the ones before.
func (g *gen) q2931Msgs(types []uint32) *frag {
	f := g.q2931Msg(types[0])
	f = g.or(f, g.q2931Msg(types[1]))
	for _, t := range types[2:] {
		f = g.or(g.q2931Msg(t), f)
	}
	return f
}

func (g *gen) q2931Msg(t uint32) *frag {
	return g.cmp(offLinkHdr, g.lay.payload+q2931OffMsgType, ir.B, t)
}
