package gen

import "strconv"

// notSet marks an offset the link type does not have.
const notSet = 0xffffffff

// absOffset is an offset from the start of the packet. When variable, the
// run-time part lives in scratch register reg (allocated on first use) and
// constant is added to it.
type absOffset struct {
	variable bool
	constant uint32
	reg      int
}

func fixed(c uint32) absOffset { return absOffset{constant: c, reg: -1} }

// layout is where things are in a packet of the current link type. The
// generator keeps one copy and updates it as encapsulations are parsed
// (vlan, mpls, pppoes, geneve, vxlan move the payload further in).
type layout struct {
	linkType      int // the link type being compiled for at this point
	prevLinkType  int // the one outside it (for encapsulations)
	outermostType int

	linkHdr, prevLinkHdr, outermostLinkHdr absOffset
	linkPL                                 absOffset // link-layer payload
	linkTypeOff                            absOffset // the link-layer type field

	nl       uint32 // network layer past linkPL, after 802.2 LLC/SNAP if any
	nlNoSnap uint32 // network layer past linkPL, after 802.2 LLC without SNAP

	isATM, isEncap, isVLANVarOffset bool

	vpi, vci, proto, payload      uint32 // SunATM
	li, liHSL, sio, opc, dpc, sls uint32 // MTP2/MTP3

	labelStackDepth int
	vlanStackDepth  int
}

// linkDesc is the static part of a link type's layout: the offsets of its
// type field and payload and of the network layer behind an LLC header.
type linkDesc struct {
	linkHdr    uint32
	linkType   uint32
	linkPL     uint32
	nl         uint32
	nlNoSnap   uint32
	varLinkPL  bool // payload offset is computed at run time
	varLinkHdr bool // link header itself starts at a run-time offset
}

// mtpDesc is the position of the MTP2/MTP3 fields.
type mtpDesc struct{ li, liHSL, sio, opc, dpc, sls uint32 }

var linkDescs = map[int]linkDesc{
	dltARCnet:              {linkType: 2, linkPL: 6},
	dltARCnetLinux:         {linkType: 4, linkPL: 8},
	dltEN10MB:              {linkType: 12, linkPL: 14, nlNoSnap: 3},
	dltSLIP:                {linkType: notSet, linkPL: 16},
	dltSLIPBSDOS:           {linkType: notSet, linkPL: 24},
	dltNull:                {linkType: 0, linkPL: 4},
	dltLoop:                {linkType: 0, linkPL: 4},
	dltEnc:                 {linkType: 0, linkPL: 12},
	dltPPP:                 {linkType: 2, linkPL: 4},
	dltPPPPPPD:             {linkType: 2, linkPL: 4},
	dltCHDLC:               {linkType: 2, linkPL: 4},
	dltHDLC:                {linkType: 2, linkPL: 4},
	dltPPPSerial:           {linkType: 2, linkPL: 4},
	dltPPPEther:            {linkType: 6, linkPL: 8},
	dltPPPBSDOS:            {linkType: 5, linkPL: 24},
	dltFDDI:                {linkType: 13, linkPL: 13, nl: 8, nlNoSnap: 3}, // plus FDDI padding
	dltIEEE802:             {linkType: 14, linkPL: 14, nl: 8, nlNoSnap: 3},
	dltPrismHeader:         {linkType: 24, nl: 8, nlNoSnap: 3, varLinkPL: true, varLinkHdr: true},
	dltIEEE802_11RadioAVS:  {linkType: 24, nl: 8, nlNoSnap: 3, varLinkPL: true, varLinkHdr: true},
	dltIEEE802_11Radio:     {linkType: 24, nl: 8, nlNoSnap: 3, varLinkPL: true, varLinkHdr: true},
	dltIEEE802_11:          {linkType: 24, nl: 8, nlNoSnap: 3, varLinkPL: true},
	dltPPI:                 {linkType: 24, nl: 8, nlNoSnap: 3, varLinkPL: true, varLinkHdr: true},
	dltATMRFC1483:          {linkType: 0, linkPL: 0, nl: 8, nlNoSnap: 3},
	dltATMClip:             {linkType: 0, linkPL: 0, nl: 8, nlNoSnap: 3},
	dltRaw:                 {linkType: notSet},
	dltIPv4:                {linkType: notSet},
	dltIPv6:                {linkType: notSet},
	dltLinuxSLL:            {linkType: 14, linkPL: 16},
	dltLinuxSLL2:           {linkType: 0, linkPL: 20},
	dltLTalk:               {linkType: notSet},
	dltIPOverFC:            {linkType: 16, linkPL: 16, nl: 8, nlNoSnap: 3},
	dltFrelay:              {linkType: notSet},
	dltMFR:                 {linkType: notSet, nl: 4},
	dltAppleIPOverIEEE1394: {linkType: 16, linkPL: 18},
	dltSymantecFirewall:    {linkType: 6, linkPL: 44},
	dltPFLog:               {linkType: 0, varLinkPL: true},
	dltJuniperMFR:          {linkType: 4, linkPL: 4, nl: 0, nlNoSnap: notSet},
	dltJuniperMLFR:         {linkType: 4, linkPL: 4, nl: 0, nlNoSnap: notSet},
	dltJuniperMLPPP:        {linkType: 4, linkPL: 4, nl: 0, nlNoSnap: notSet},
	dltJuniperPPP:          {linkType: 4, linkPL: 4, nl: 0, nlNoSnap: notSet},
	dltJuniperCHDLC:        {linkType: 4, linkPL: 4, nl: 0, nlNoSnap: notSet},
	dltJuniperFrelay:       {linkType: 4, linkPL: 4, nl: 0, nlNoSnap: notSet},
	dltJuniperATM1:         {linkType: 4, linkPL: 4, nlNoSnap: 10},
	dltJuniperATM2:         {linkType: 8, linkPL: 8, nlNoSnap: 10},
	dltJuniperPPPoE:        {linkType: 16, linkPL: 14, nl: 18, nlNoSnap: 21},
	dltJuniperEther:        {linkType: 16, linkPL: 14, nl: 18, nlNoSnap: 21},
	dltJuniperPPPoEATM:     {linkType: 4, linkPL: 6, nlNoSnap: notSet},
	dltJuniperGGSN:         {linkType: 6, linkPL: 12, nlNoSnap: notSet},
	dltJuniperES:           {linkType: 6, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperMonitor:      {linkType: 12, linkPL: 12, nlNoSnap: notSet},
	dltJuniperServices:     {linkType: 12, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperVP:           {linkType: 18, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperST:           {linkType: 18, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperISM:          {linkType: 8, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperVS:           {linkType: 8, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperSRXE2E:       {linkType: 8, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperFibreChannel: {linkType: 8, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltJuniperATMCEMIC:     {linkType: 8, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltMTP2:                {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltMTP2WithPHdr:        {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltERF:                 {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltPFSync:              {linkType: notSet, linkPL: 4},
	dltIPNet:               {linkType: 1, linkPL: 24, nlNoSnap: notSet},
	dltNetAnalyzer:         {linkHdr: 4, linkType: 4 + 12, linkPL: 4 + 14, nlNoSnap: 3},
	dltNetAnalyzerTransp:   {linkHdr: 12, linkType: 12 + 12, linkPL: 12 + 14, nlNoSnap: 3},
	dltDSATagBRCM:          {linkType: 6 + 6 + 4, linkPL: 6 + 6 + 4 + 2, nlNoSnap: 3},
	dltDSATagDSA:           {linkType: 6 + 6 + 4, linkPL: 6 + 6 + 4 + 2, nlNoSnap: 3},
	dltSunATM:              {linkType: sunATMPayload, linkPL: sunATMPayload, nl: 8, nlNoSnap: 3},
	dltEN3MB:               {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltAX25:                {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltPronet:              {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltChaos:               {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltRedbackSmartEdge:    {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltHHDLC:               {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltAX25KISS:            {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
	dltBACnetMSTP:          {linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet},
}

// SunATM pseudo-header: flags/direction byte, VPI byte, VCI halfword.
const (
	sunATMVPIPos   = 1
	sunATMVCIPos   = 2
	sunATMProtoPos = 0
	sunATMPayload  = 4
)

var mtpDescs = map[int]mtpDesc{
	dltMTP2:         {li: 2, liHSL: 4, sio: 3, opc: 4, dpc: 4, sls: 7},
	dltMTP2WithPHdr: {li: 6, liHSL: 8, sio: 7, opc: 8, dpc: 8, sls: 11},
	dltERF:          {li: 22, liHSL: 24, sio: 23, opc: 24, dpc: 24, sls: 27},
}

func (g *gen) initLinkType() error {
	dlt := g.cfg.LinkType
	d, ok := linkDescs[dlt]
	if !ok {
		if dlt >= dltHighMatchingMin && dlt <= dltHighMatchingMax {
			d = linkDesc{linkType: notSet, linkPL: notSet, nl: notSet, nlNoSnap: notSet}
		} else {
			return &Error{Msg: "unknown data link type " + strconv.Itoa(dlt)}
		}
	}
	l := layout{
		linkType:      dlt,
		prevLinkType:  dlt,
		outermostType: dlt,
		linkHdr:       fixed(d.linkHdr),
		linkPL:        fixed(d.linkPL),
		linkTypeOff:   fixed(d.linkType),
		nl:            d.nl,
		nlNoSnap:      d.nlNoSnap,
		vpi:           notSet, vci: notSet, proto: notSet, payload: notSet,
		li: notSet, liHSL: notSet, sio: notSet, opc: notSet, dpc: notSet, sls: notSet,
	}
	l.linkHdr.variable = d.varLinkHdr
	l.linkPL.variable = d.varLinkPL
	if dlt == dltFDDI {
		l.linkTypeOff.constant += g.cfg.FDDIPad
		l.linkPL.constant += g.cfg.FDDIPad
	}
	if dlt == dltSunATM {
		l.isATM = true
		l.vpi, l.vci, l.proto, l.payload = sunATMVPIPos, sunATMVCIPos, sunATMProtoPos, sunATMPayload
	}
	if m, ok := mtpDescs[dlt]; ok {
		l.li, l.liHSL, l.sio, l.opc, l.dpc, l.sls = m.li, m.liHSL, m.sio, m.opc, m.dpc, m.sls
	}
	l.prevLinkHdr = l.linkHdr
	l.outermostLinkHdr = l.linkHdr
	g.lay = l
	return nil
}
