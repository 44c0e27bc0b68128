package gen

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// Direction ("inbound", "outbound") and interface ("ifindex N") tests.
// A few link types record these in their headers; for the rest only a
// live Linux capture can test them, through the kernel's packet
// metadata.

// Direction values in the link-layer headers that carry one.
const (
	slipDirIn, slipDirOut     = 0, 1
	ipnetInbound, ipnetOutbnd = 2, 1
	linuxSLLOutgoing          = 4
	pflogDirOff               = 60 // pfloghdr.dir
	pfIn, pfOut               = 1, 2
	pppPPPDIn, pppPPPDOut     = 0, 1
	sll2PktTypeOff            = 10
	sll2IfIndexOff            = 4
	dsaTagOff                 = 6 + 6 // after the MAC addresses
)

// dirValue picks the value for a direction.
func dirValue(outbound bool, in, out uint32) uint32 {
	if outbound {
		return out
	}
	return in
}

// inOut compiles "inbound" or "outbound" (gen_inbound_outbound).
func (g *gen) inOut(outbound bool) *frag {
	switch lt := g.lay.linkType; lt {
	case dltSLIP:
		return g.cmp(offLinkHdr, 0, ir.B, dirValue(outbound, slipDirIn, slipDirOut))
	case dltIPNet:
		return g.cmp(offLinkHdr, 2, ir.H, dirValue(outbound, ipnetInbound, ipnetOutbnd))
	case dltLinuxSLL:
		return g.outgoing(outbound, g.cmp(offLinkHdr, 0, ir.H, linuxSLLOutgoing))
	case dltLinuxSLL2:
		return g.outgoing(outbound, g.cmp(offLinkHdr, sll2PktTypeOff, ir.B, linuxSLLOutgoing))
	case dltPFLog:
		return g.cmp(offLinkHdr, pflogDirOff, ir.B, dirValue(outbound, pfIn, pfOut))
	case dltPPPPPPD:
		return g.cmp(offLinkHdr, 0, ir.B, dirValue(outbound, pppPPPDIn, pppPPPDOut))
	case dltJuniperMFR, dltJuniperMLFR, dltJuniperMLPPP, dltJuniperATM1, dltJuniperATM2,
		dltJuniperPPPoE, dltJuniperPPPoEATM, dltJuniperGGSN, dltJuniperES, dltJuniperMonitor,
		dltJuniperServices, dltJuniperEther, dltJuniperPPP, dltJuniperFrelay, dltJuniperCHDLC,
		dltJuniperVP, dltJuniperST, dltJuniperISM, dltJuniperVS, dltJuniperSRXE2E,
		dltJuniperFibreChannel, dltJuniperATMCEMIC:
		// The flags byte after the 3-byte magic; bit 0 set is inbound.
		return g.mcmp(offLinkHdr, 3, ir.B, dirValue(outbound, 1, 0), 0x01)
	case dltDSATagBRCM:
		// Top three bits of the tag: 000 egress (to the CPU, inbound),
		// 001 ingress (from the CPU, outbound).
		return g.mcmp(offLinkHdr, dsaTagOff, ir.B, dirValue(outbound, 0x00, 0x20), 0xe0)
	case dltDSATagDSA:
		// Top two bits are the mode: 01 From_CPU is outbound; 00 and 10
		// are inbound; 11 (Forward) could be either.
		return g.mcmp(offLinkHdr, dsaTagOff, ir.B, dirValue(outbound, 0x00, 0x40), dirValue(outbound, 0x40, 0xc0))
	}
	kw := "inbound"
	if outbound {
		kw = "outbound"
	}
	g.requireLinuxExt(kw)
	return g.outgoing(outbound, g.cmp(offLinkHdr, skfAdOff+skfAdPktType, ir.H, packetOutgoingLinux))
}

// outgoing turns a test for "sent by this host" into the direction asked
// for.
func (g *gen) outgoing(outbound bool, f *frag) *frag {
	if outbound {
		return f
	}
	return g.not(f)
}

// ifIndex compiles "ifindex N" (gen_ifindex).
func (g *gen) ifIndex(n uint32) *frag {
	if g.lay.linkType == dltLinuxSLL2 {
		return g.cmp(offLinkHdr, sll2IfIndexOff, ir.W, n)
	}
	g.requireLinuxExt("ifindex")
	return g.cmp(offLinkHdr, skfAdOff+skfAdIfIndex, ir.W, n)
}

// requireLinuxExt fails a keyword that needs the packet metadata of a
// live Linux capture (require_basic_bpf_extensions).
func (g *gen) requireLinuxExt(kw string) {
	if !g.cfg.LinuxExt {
		g.fail("not a live capture, '%s' not supported on %s", kw, dltString(g.lay.linkType))
	}
}
