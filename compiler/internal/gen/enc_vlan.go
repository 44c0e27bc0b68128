package gen

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// IEEE 802.1Q VLAN tags ("vlan", "vlan N").
//
// A VLAN tag moves the type field and the payload four bytes further into
// the packet, and that shift applies to every primitive compiled after the
// "vlan" in the expression, not only to those ANDed with it: that is
// libpcap's documented (if surprising) meaning of "vlan", kept here.

// The tag protocol identifiers that announce a VLAN tag.
const (
	etherType8021Q    = 0x8100
	etherType8021AD   = 0x88a8 // provider bridging (QinQ, standard)
	etherType8021QinQ = 0x9100 // QinQ, pre-standard
)

const (
	vlanTagLen = 4
	vlanVIDMax = 0x0fff
)

// Linux packet-metadata loads (SKF_AD_*): absolute loads at these
// "offsets" read socket-buffer fields instead of packet bytes.
const (
	skfAdOff             = 0xfffff000 // -4096
	skfAdPktType         = 4
	skfAdIfIndex         = 8
	skfAdVLANTag         = 44
	skfAdVLANTagPresent  = 48
	packetOutgoingLinux  = 4 // PACKET_OUTGOING
	skfVLANTagPresentAbs = skfAdOff + skfAdVLANTagPresent
	skfVLANTagAbs        = skfAdOff + skfAdVLANTag
)

// vlan compiles "vlan [N]" (gen_vlan).
func (g *gen) vlan(n uint32, has bool) *frag {
	l := &g.lay
	if l.labelStackDepth > 0 {
		g.fail("no VLAN match after MPLS")
	}
	var f *frag
	switch l.linkType {
	case dltEN10MB:
		// A live Linux capture may have taken the outermost tag out of
		// the packet into metadata; only the outermost tag of a plain
		// Ethernet frame can be there.
		outermost := l.vlanStackDepth == 0 && !l.linkHdr.variable &&
			l.linkHdr.constant == l.outermostLinkHdr.constant
		if outermost && g.cfg.LinuxExt {
			f = g.vlanWithMetadata(n, has)
		} else {
			f = g.vlanInPacket(n, has)
		}
	case dltNetAnalyzer, dltNetAnalyzerTransp, dltDSATagBRCM, dltDSATagDSA,
		dltIEEE802_11, dltPrismHeader, dltIEEE802_11RadioAVS, dltIEEE802_11Radio:
		f = g.vlanInPacket(n, has)
	default:
		g.failKeywordOnDLT("vlan")
	}
	l.vlanStackDepth++
	return f
}

// vlanTPIDTest matches any of the VLAN tag protocol identifiers.
func (g *gen) vlanTPIDTest() *frag {
	f := g.or(g.linkType(etherType8021Q), g.linkType(etherType8021AD))
	return g.or(f, g.linkType(etherType8021QinQ))
}

// vlanVIDTest matches the 12-bit VLAN ID of the tag at the payload.
func (g *gen) vlanVIDTest(n uint32) *frag {
	g.assertMax("VLAN tag", n, vlanVIDMax)
	return g.mcmp(offLinkPL, 0, ir.H, n, vlanVIDMax)
}

// vlanInPacket is the test when the tag is always in the packet data:
// the offsets move by a constant four bytes.
func (g *gen) vlanInPacket(n uint32, has bool) *frag {
	f := g.vlanTPIDTest()
	if has {
		f = g.and(f, g.vlanVIDTest(n))
	}
	g.lay.linkPL.constant += vlanTagLen
	g.lay.linkTypeOff.constant += vlanTagLen
	return f
}

// vlanWithMetadata is the test for a live Linux capture, where the
// outermost tag is either in the packet metadata or, when the metadata
// says there is none, still in the packet. Which one is known only at run
// time, so the payload and type offsets become variable: the program
// starts them at 0 (insertVarOffsets) and adds 4 when the tag is found in
// the packet.
func (g *gen) vlanWithMetadata(n uint32, has bool) *frag {
	present := g.jump(ir.JEQ, 1, stmts{stmt(ir.LD|ir.B|ir.ABS, skfVLANTagPresentAbs)})

	// Both in-packet tests are built before the offsets become
	// variable: they look at the untagged positions, and only code
	// after them sees the shift.
	tpid := g.vlanTPIDTest()
	var vid *frag
	if has {
		vid = g.vlanVIDTest(n)
	}

	g.lay.isVLANVarOffset = true
	shift := cat(g.addToVarOffset(&g.lay.linkPL, vlanTagLen), g.addToVarOffset(&g.lay.linkTypeOff, vlanTagLen))
	g.prepend(shift, tpid)
	f := g.or(present, tpid)

	if has {
		g.loadVIDFromMetadata(vid)
		f = g.and(f, vid)
	}
	return f
}

// addToVarOffset makes off variable and returns the statements that add
// v to its run-time part (gen_vlan_vloffset_add).
func (g *gen) addToVarOffset(off *absOffset, v uint32) stmts {
	off.variable = true
	if off.reg == -1 {
		off.reg = g.allocReg()
	}
	return stmts{
		stmt(ir.LD|ir.MEM, uint32(off.reg)),
		stmt(ir.ALU|ir.ADD|ir.K, v),
		stmt(ir.ST, uint32(off.reg)),
	}
}

// loadVIDFromMetadata patches the VLAN ID test so that, when the tag is
// in the metadata, the TCI comes from there and skips the load from the
// packet, landing on the mask that extracts the VID.
func (g *gen) loadVIDFromMetadata(vid *frag) {
	b := vid.head
	fromPacket := b.Stmts[0]
	fromMeta := stmt(ir.LD|ir.H|ir.ABS, skfVLANTagAbs)
	present := stmt(ir.JMP|ir.JEQ|ir.K, 1)
	present.JT, present.JF = fromMeta, fromPacket
	skipLoad := stmt(ir.JMP|ir.JA, uint32(len(b.Stmts)-1))
	g.prepend(stmts{stmt(ir.LD|ir.B|ir.ABS, skfVLANTagPresentAbs), present, fromMeta, skipLoad}, vid)
}
