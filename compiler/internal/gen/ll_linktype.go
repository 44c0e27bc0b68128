package gen

import "github.com/gocapdump/gocapdump/compiler/internal/ir"

// Link-layer protocol tests (libpcap's gen_linktype and its helpers).
//
// The protocol is named as Ethernet names it: an EtherType above
// etherMTU, an 802.2 SAP at or below it. Each link type turns that into a
// test of its own type field; linkTypeTests says which test a link type
// uses.

// linkTypeTest builds the test for one family of link types.
type linkTypeTest func(g *gen, proto uint32) *frag

var linkTypeTests = map[int]linkTypeTest{
	dltEN10MB:            (*gen).etherFamilyLinkType,
	dltNetAnalyzer:       (*gen).etherFamilyLinkType,
	dltNetAnalyzerTransp: (*gen).etherFamilyLinkType,
	dltDSATagBRCM:        (*gen).etherFamilyLinkType,
	dltDSATagDSA:         (*gen).etherFamilyLinkType,

	dltCHDLC: (*gen).hdlcLinkType,
	dltHDLC:  (*gen).hdlcLinkType,

	dltIEEE802_11:         (*gen).wlanLinkType,
	dltPrismHeader:        (*gen).wlanLinkType,
	dltIEEE802_11RadioAVS: (*gen).wlanLinkType,
	dltIEEE802_11Radio:    (*gen).wlanLinkType,
	dltPPI:                (*gen).wlanLinkType,

	dltFDDI:       (*gen).llcLinkType,
	dltIEEE802:    (*gen).llcLinkType,
	dltATMRFC1483: (*gen).llcLinkType,
	dltATMClip:    (*gen).llcLinkType,
	dltIPOverFC:   (*gen).llcLinkType,

	dltSunATM: (*gen).sunATMLinkType,

	dltLinuxSLL: (*gen).sllLinkType,

	dltSLIP:      (*gen).rawIPLinkType,
	dltSLIPBSDOS: (*gen).rawIPLinkType,
	dltRaw:       (*gen).rawIPLinkType,
	dltIPv4:      func(g *gen, p uint32) *frag { return g.constLinkType(p == etherTypeIP) },
	dltIPv6:      func(g *gen, p uint32) *frag { return g.constLinkType(p == etherTypeIPv6) },

	dltPPP:       (*gen).pppLinkType,
	dltPPPPPPD:   (*gen).pppLinkType,
	dltPPPSerial: (*gen).pppLinkType,
	dltPPPEther:  (*gen).pppLinkType,
	dltPPPBSDOS:  (*gen).pppBSDOSLinkType,

	dltNull: (*gen).loopbackLinkType,
	dltLoop: (*gen).loopbackLinkType,
	dltEnc:  (*gen).loopbackLinkType,

	dltPFLog: (*gen).pflogLinkType,

	dltARCnet:      (*gen).arcnetLinkType,
	dltARCnetLinux: (*gen).arcnetLinkType,

	dltLTalk:  func(g *gen, p uint32) *frag { return g.constLinkType(p == etherTypeATalk) },
	dltFrelay: (*gen).frelayLinkType,
	dltMFR:    nil, // has no type test: falls to the error

	dltJuniperMFR:          (*gen).juniperLinkType,
	dltJuniperMLFR:         (*gen).juniperLinkType,
	dltJuniperMLPPP:        (*gen).juniperLinkType,
	dltJuniperATM1:         (*gen).juniperLinkType,
	dltJuniperATM2:         (*gen).juniperLinkType,
	dltJuniperPPPoE:        (*gen).juniperLinkType,
	dltJuniperPPPoEATM:     (*gen).juniperLinkType,
	dltJuniperGGSN:         (*gen).juniperLinkType,
	dltJuniperES:           (*gen).juniperLinkType,
	dltJuniperMonitor:      (*gen).juniperLinkType,
	dltJuniperServices:     (*gen).juniperLinkType,
	dltJuniperEther:        (*gen).juniperLinkType,
	dltJuniperPPP:          (*gen).juniperLinkType,
	dltJuniperFrelay:       (*gen).juniperLinkType,
	dltJuniperCHDLC:        (*gen).juniperLinkType,
	dltJuniperVP:           (*gen).juniperLinkType,
	dltJuniperST:           (*gen).juniperLinkType,
	dltJuniperISM:          (*gen).juniperLinkType,
	dltJuniperVS:           (*gen).juniperLinkType,
	dltJuniperSRXE2E:       (*gen).juniperLinkType,
	dltJuniperFibreChannel: (*gen).juniperLinkType,
	dltJuniperATMCEMIC:     (*gen).juniperLinkType,

	dltIPNet: (*gen).ipnetLinkType,
}

// linkType tests the link-layer protocol (gen_linktype).
func (g *gen) linkType(proto uint32) *frag {
	// Inside an MPLS stack only IPv4 and IPv6 can be recognised.
	if g.lay.labelStackDepth > 0 {
		return g.mplsLinkType(proto)
	}
	if test, known := linkTypeTests[g.lay.linkType]; known {
		if test != nil {
			return test(g, proto)
		}
	} else if g.lay.linkTypeOff.constant != notSet {
		// A type field at a known place is taken to hold an EtherType.
		g.assertMax("EtherType", proto, 0xffff)
		return g.cmp(offLinkType, 0, ir.H, proto)
	}
	g.fail("link-layer type filtering not implemented for %s", dltString(g.lay.linkType))
	return nil
}

// constLinkType is for link types that carry one protocol only.
func (g *gen) constLinkType(matches bool) *frag {
	if matches {
		return g.genTrue()
	}
	return g.genFalse()
}

// etherFamilyLinkType is Ethernet and the link types that wrap an
// Ethernet header.
func (g *gen) etherFamilyLinkType(proto uint32) *frag {
	// Encapsulations (Geneve, VXLAN) have an EtherType whether or not
	// there is a link-layer header, so they skip the outer check.
	var outer *frag
	if !g.lay.isEncap {
		outer = g.prevLinkHdrCheck()
	}
	f := g.etherLinkType(proto)
	if outer != nil {
		return g.and(outer, f)
	}
	return f
}

// etherLinkType tests an Ethernet type/length field: a value above
// etherMTU is an EtherType, anything else an 802.3 length followed by an
// 802.2 LLC header (gen_ether_linktype).
func (g *gen) etherLinkType(proto uint32) *frag {
	switch proto {
	case llcSAPISONS, llcSAPIP, llcSAPNetBEUI:
		// Always 802.2: check DSAP and SSAP.
		f := g.cmpLE(offLinkType, 0, ir.H, etherMTU)
		return g.and(f, g.cmp(offLLC, 0, ir.H, proto<<8|proto))
	case llcSAPIPX:
		// Ethernet_802.2 (IPX SAP) or Ethernet_802.3 (0xFFFF), then
		// Ethernet_SNAP, all only on 802.3 frames; Ethernet_II first.
		f := g.or(g.cmp(offLLC, 0, ir.B, llcSAPIPX), g.cmp(offLLC, 0, ir.H, 0xffff))
		f = g.or(g.snap(0x000000, etherTypeIPX), f)
		f = g.and(g.cmpLE(offLinkType, 0, ir.H, etherMTU), f)
		return g.or(g.cmp(offLinkType, 0, ir.H, etherTypeIPX), f)
	case etherTypeATalk, etherTypeAARP:
		// Phase 2 EtherTalk uses SNAP on 802.3; phase 1 the EtherType.
		f := g.cmpLE(offLinkType, 0, ir.H, etherMTU)
		f = g.and(f, g.appleSNAP(proto))
		return g.or(g.cmp(offLinkType, 0, ir.H, proto), f)
	}
	if proto <= etherMTU {
		g.assertMax("LLC DSAP", proto, 0xff)
		f := g.cmpLE(offLinkType, 0, ir.H, etherMTU)
		return g.and(f, g.cmp(offLinkType, 2, ir.B, proto))
	}
	g.assertMax("EtherType", proto, 0xffff)
	return g.cmp(offLinkType, 0, ir.H, proto)
}

// appleSNAP is the SNAP header AppleTalk (Apple OUI) or AARP
// (encapsulated-Ethernet OUI) uses over 802.2.
func (g *gen) appleSNAP(proto uint32) *frag {
	if proto == etherTypeATalk {
		return g.snap(0x080007, etherTypeATalk)
	}
	return g.snap(0x000000, etherTypeAARP)
}

// snap tests for a whole LLC+SNAP header: SNAP DSAP and SSAP, UI control,
// then the organization code and protocol type (gen_snap).
func (g *gen) snap(orgCode, ptype uint32) *frag {
	hdr := []byte{
		llcSAPSNAP, llcSAPSNAP, 0x03,
		byte(orgCode >> 16), byte(orgCode >> 8), byte(orgCode),
		byte(ptype >> 8), byte(ptype),
	}
	return g.bcmp(offLLC, 0, hdr)
}

// llcLinkType is for link types whose payload always starts with an
// 802.2 LLC header (gen_llc_linktype).
func (g *gen) llcLinkType(proto uint32) *frag {
	switch proto {
	case llcSAPIP, llcSAPISONS, llcSAPNetBEUI:
		return g.cmp(offLLC, 0, ir.H, proto<<8|proto)
	case llcSAPIPX:
		return g.cmp(offLLC, 0, ir.B, llcSAPIPX)
	case etherTypeATalk:
		return g.snap(0x080007, etherTypeATalk)
	}
	if proto <= etherMTU {
		g.assertMax("LLC DSAP", proto, 0xff)
		return g.cmp(offLLC, 0, ir.B, proto)
	}
	g.assertMax("EtherType", proto, 0xffff)
	// Only the SNAP type field is checked, assuming an
	// encapsulated-Ethernet OUI.
	return g.cmp(offLLC, 6, ir.H, proto)
}

// wlanLinkType checks for an 802.11 data frame and then its LLC header.
func (g *gen) wlanLinkType(proto uint32) *frag {
	f := g.mcmp(offLinkHdr, 0, ir.B, wlanFC0TypeData, wlanFC0TypeMask)
	return g.and(f, g.llcLinkType(proto))
}

// sunATMLinkType checks for LLC encapsulation and then the LLC header.
// (LANE traffic has already switched the link type to Ethernet.)
func (g *gen) sunATMLinkType(proto uint32) *frag {
	f := g.atmProtoType(sunATMProtoLLC)
	return g.and(f, g.llcLinkType(proto))
}

// atmProtoType tests the protocol type in the SunATM pseudo-header.
func (g *gen) atmProtoType(v uint32) *frag {
	return g.mcmp(offLinkHdr, g.lay.proto, ir.B, v, 0x0f)
}

// hdlcLinkType is Cisco HDLC, whose type field holds an EtherType, or
// 0xfefe for OSI.
func (g *gen) hdlcLinkType(proto uint32) *frag {
	g.assertMax("HDLC protocol", proto, 0xffff)
	if proto == llcSAPISONS {
		proto = proto<<8 | llcSAPISONS
	}
	return g.cmp(offLinkType, 0, ir.H, proto)
}

// sllLinkType is the Linux cooked header, whose protocol field holds an
// EtherType or a special value for 802.2 and 802.3 frames
// (gen_linux_sll_linktype).
func (g *gen) sllLinkType(proto uint32) *frag {
	switch proto {
	case llcSAPISONS, llcSAPIP, llcSAPNetBEUI:
		f := g.cmp(offLinkType, 0, ir.H, sllP8022)
		return g.and(f, g.cmp(offLLC, 0, ir.H, proto<<8|proto))
	case llcSAPIPX:
		// 802.2 frames with the IPX SAP or SNAP, raw 802.3 frames, or
		// the IPX EtherType.
		f := g.or(g.cmp(offLLC, 0, ir.B, llcSAPIPX), g.snap(0x000000, etherTypeIPX))
		f = g.and(g.cmp(offLinkType, 0, ir.H, sllP8022), f)
		f = g.or(g.cmp(offLinkType, 0, ir.H, sllP8023), f)
		return g.or(g.cmp(offLinkType, 0, ir.H, etherTypeIPX), f)
	case etherTypeATalk, etherTypeAARP:
		f := g.cmp(offLinkType, 0, ir.H, sllP8022)
		f = g.and(f, g.appleSNAP(proto))
		return g.or(g.cmp(offLinkType, 0, ir.H, proto), f)
	}
	if proto <= etherMTU {
		g.assertMax("LLC DSAP", proto, 0xff)
		f := g.cmp(offLinkType, 0, ir.H, sllP8022)
		return g.and(f, g.cmp(offLinkHdr, g.lay.linkPL.constant, ir.B, proto))
	}
	g.assertMax("EtherType", proto, 0xffff)
	return g.cmp(offLinkType, 0, ir.H, proto)
}

// rawIPLinkType is for link types without a type field that carry IPv4
// or IPv6 only: the IP version nibble tells them apart.
func (g *gen) rawIPLinkType(proto uint32) *frag {
	switch proto {
	case etherTypeIP:
		return g.ipVersion(offLinkHdr, 4)
	case etherTypeIPv6:
		return g.ipVersion(offLinkHdr, 6)
	}
	return g.genFalse()
}

// ipVersion tests the version nibble of an IP header at rel.
func (g *gen) ipVersion(rel offRel, ver uint32) *frag {
	if ver != 4 && ver != 6 {
		g.fail(errInternalFmt, "gen_ip_version", "ver", ver)
	}
	return g.mcmp(rel, 0, ir.B, ver<<4, 0xf0)
}

// pppLinkType maps the EtherType to a PPP protocol number.
func (g *gen) pppLinkType(proto uint32) *frag {
	return g.cmp(offLinkType, 0, ir.H, g.etherToPPPType(proto))
}

// pppBSDOSLinkType is PPP as BSD/OS records it; IPv4 also matches Van
// Jacobson compressed and uncompressed TCP/IP.
func (g *gen) pppBSDOSLinkType(proto uint32) *frag {
	if proto != etherTypeIP {
		return g.pppLinkType(proto)
	}
	f := g.or(g.cmp(offLinkType, 0, ir.H, pppIP), g.cmp(offLinkType, 0, ir.H, pppVJC))
	return g.or(f, g.cmp(offLinkType, 0, ir.H, pppVJNC))
}

// etherToPPPType is ethertype_to_ppptype.
func (g *gen) etherToPPPType(proto uint32) uint32 {
	if v, ok := etherToPPP[proto]; ok {
		return v
	}
	g.assertMax("PPP protocol", proto, 0xffff)
	return proto
}

// arcnetLinkType tests the ARCnet system code.
func (g *gen) arcnetLinkType(proto uint32) *frag {
	if sc, ok := etherToARCnet[proto]; ok {
		return g.cmp(offLinkType, 0, ir.B, sc)
	}
	return g.genFalse()
}

// frelayLinkType tests the NLPID after a Q.922 header.
func (g *gen) frelayLinkType(proto uint32) *frag {
	switch proto {
	case etherTypeIP:
		return g.frelayNLPID(nlpidIPv4)
	case etherTypeIPv6:
		return g.frelayNLPID(nlpidIPv6)
	case llcSAPISONS:
		// Any of the OSI protocols.
		clnp := g.frelayNLPID(nlpidCLNP)
		esis := g.frelayNLPID(nlpidESIS)
		isis := g.frelayNLPID(nlpidISIS)
		return g.or(clnp, g.or(esis, isis))
	}
	return g.genFalse()
}

// frelayNLPID matches a two-byte Q.922 address, a UI control field and
// the given NLPID.
func (g *gen) frelayNLPID(nlpid uint32) *frag {
	return g.cmp(offLinkHdr, 2, ir.H, 0x03<<8|nlpid)
}

// juniperLinkType only checks the Juniper magic number: the payload type
// cannot be told without heuristics.
func (g *gen) juniperLinkType(uint32) *frag {
	return g.mcmp(offLinkHdr, 0, ir.W, 0x4d474300, 0xffffff00)
}

// ipnetLinkType tests the Solaris ipnet header's address family.
func (g *gen) ipnetLinkType(proto uint32) *frag {
	switch proto {
	case etherTypeIP:
		return g.cmp(offLinkType, 0, ir.B, ipnetAFInet)
	case etherTypeIPv6:
		return g.cmp(offLinkType, 0, ir.B, ipnetAFInet6)
	}
	return g.genFalse()
}

// loopbackLinkType tests the 32-bit address family at the start of
// DLT_NULL, DLT_LOOP and DLT_ENC packets. DLT_LOOP stores it in network
// order; the others in the byte order of the capturing host, which for a
// savefile may be either order.
func (g *gen) loopbackLinkType(proto uint32) *frag {
	lt := g.lay.linkType
	if !g.cfg.Offline {
		var af uint32
		switch proto {
		case etherTypeIP:
			af = linuxAFInet
		case etherTypeIPv6:
			af = linuxAFInet6
		default:
			return g.genFalse()
		}
		switch lt {
		case dltNull, dltEnc:
			return g.cmp(offLinkHdr, 0, ir.W, hostToNet(af))
		case dltLoop:
			return g.cmp(offLinkHdr, 0, ir.W, af)
		}
		g.fail(errInternalFmt, "gen_loopback_linktype_live", "linktype", lt)
	}
	switch lt {
	case dltNull, dltEnc:
		// The file's byte order first: the likeliest case.
		f := g.savefileAF(0, ir.W, proto, g.cfg.Swapped)
		return g.or(f, g.savefileAF(0, ir.W, proto, !g.cfg.Swapped))
	case dltLoop:
		return g.savefileAF(0, ir.W, proto, false)
	}
	g.fail(errInternalFmt, "gen_loopback_linktype", "linktype", lt)
	return nil
}

// pflogOffAF is the offset of the address family in the pflog header.
const pflogOffAF = 1

// pflogLinkType tests the one-byte address family of the pflog header.
func (g *gen) pflogLinkType(proto uint32) *frag {
	if g.cfg.Offline {
		return g.savefileAF(pflogOffAF, ir.B, proto, false)
	}
	switch proto {
	case etherTypeIP:
		return g.cmp(offLinkHdr, pflogOffAF, ir.B, linuxAFInet)
	case etherTypeIPv6:
		return g.cmp(offLinkHdr, pflogOffAF, ir.B, linuxAFInet6)
	}
	return g.genFalse()
}

// savefileAF tests an address family field of a savefile, which may have
// been written on any system: IPv6 has several values
// (gen_bsd_af_linktype_offline).
func (g *gen) savefileAF(off uint32, size uint16, proto uint32, swapped bool) *frag {
	test := func(af uint32) *frag {
		if swapped {
			af = swapLong(af)
		}
		return g.cmp(offLinkHdr, off, size, af)
	}
	switch proto {
	case etherTypeIP:
		return test(bsdAFInet)
	case etherTypeIPv6:
		bsd := test(bsdAFInet6BSD)
		f := g.or(bsd, test(bsdAFInet6FreeBSD))
		return g.or(test(bsdAFInet6Darwin), f)
	}
	return g.genFalse()
}

// prevLinkHdrCheck is the test an encapsulated link-layer header needs
// before its fields mean anything (gen_prevlinkhdr_check); nil when none.
func (g *gen) prevLinkHdrCheck() *frag {
	if g.lay.isEncap {
		return g.encapLinkHdrCheck()
	}
	if g.lay.prevLinkType == dltSunATM {
		// LANE: data, not an LE Control frame.
		return g.cmpNE(offPrevLinkHdr, sunATMPayload, ir.H, 0xff00)
	}
	return nil
}

// encapLinkHdrCheck tests that a Geneve or VXLAN payload has a link-layer
// header: its header and payload offsets differ (gen_encap_ll_check).
// Both offsets are held in registers for these encapsulations.
func (g *gen) encapLinkHdrCheck() *frag {
	s := stmts{
		stmt(ir.LD|ir.MEM, uint32(g.lay.linkHdr.reg)),
		stmt(ir.LDX|ir.MEM, uint32(g.lay.linkPL.reg)),
	}
	return g.not(g.jumpX(ir.JEQ, s))
}

// mplsLinkType recognises IPv4 and IPv6 after the bottom label of an
// MPLS stack by the IP version.
func (g *gen) mplsLinkType(proto uint32) *frag {
	var ver uint32
	switch proto {
	case etherTypeIP:
		ver = 4
	case etherTypeIPv6:
		ver = 6
	default:
		g.fail("unsupported protocol over mpls")
	}
	f := g.justAfterMPLSStack()
	return g.and(f, g.ipVersion(offLinkPL, ver))
}

// justAfterMPLSStack tests the bottom-of-stack bit of the label just
// before the network layer.
func (g *gen) justAfterMPLSStack() *frag {
	return g.set(0x01, g.loadA(offPrevMPLSHdr, 2, ir.B))
}
