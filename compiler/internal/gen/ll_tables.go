package gen

import "github.com/gocapdump/gocapdump/compiler/internal/parse"

// Numbers the link-layer generators test for. Inside the generator a
// link-layer protocol is named the way Ethernet names it: an EtherType
// when above etherMTU, an 802.2 LLC SAP otherwise. Each link type maps
// that name onto its own type field.

// etherMTU separates 802.3 length values (<=) from EtherTypes (>).
const etherMTU = 1500

// EtherTypes.
const (
	etherTypeIP       = 0x0800
	etherTypeARP      = 0x0806
	etherTypeNS       = 0x0600
	etherTypeMOPDL    = 0x6001
	etherTypeMOPRC    = 0x6002
	etherTypeDN       = 0x6003
	etherTypeLAT      = 0x6004
	etherTypeSCA      = 0x6007
	etherTypeRevARP   = 0x8035
	etherTypeATalk    = 0x809b
	etherTypeAARP     = 0x80f3
	etherTypeIPX      = 0x8137
	etherTypeIPv6     = 0x86dd
	etherTypeLLDP     = 0x88cc
	etherTypeLoopback = 0x9000
)

// 802.2 LLC service access points.
const (
	llcSAPIP      = 0x06
	llcSAP8021D   = 0x42 // spanning tree
	llcSAPSNAP    = 0xaa
	llcSAPIPX     = 0xe0
	llcSAPNetBEUI = 0xf0
	llcSAPISONS   = 0xfe
)

// LLC control field formats and masks.
const (
	llcSFmt     = 1
	llcUFmt     = 3
	llcSCmdMask = 0x0f
	llcUCmdMask = 0xef
)

// Linux cooked-capture protocol values for frames without an EtherType.
const (
	sllP8023 = 0x0001 // Novell 802.3 without LLC
	sllP8022 = 0x0004 // 802.2 LLC
)

// OSI network-layer protocol identifiers (NLPIDs) the link layer uses;
// the address family's tables hold the rest.
const (
	nlpidIPv6 = 0x8e
	nlpidIPv4 = 0xcc
)

// IS-IS PDU types (the field mask, isisPDUTypeMax, is with the address
// family's constants).
const (
	isisL1LANIIH = 15
	isisL2LANIIH = 16
	isisPTPIIH   = 17
	isisL1LSP    = 18
	isisL2LSP    = 20
	isisL1CSNP   = 24
	isisL2CSNP   = 25
	isisL1PSNP   = 26
	isisL2PSNP   = 27
)

// PPP protocol numbers that differ from the EtherType libpcap uses for
// the same protocol.
const (
	pppIP     = 0x0021
	pppVJC    = 0x002d // Van Jacobson compressed TCP/IP
	pppVJNC   = 0x002f // Van Jacobson uncompressed TCP/IP
	pppIPv6   = 0x0057
	pppOSI    = 0x0023
	pppNS     = 0x0025
	pppDECnet = 0x0027
	pppApple  = 0x0029
	pppIPX    = 0x002b
	pppBRPDU  = 0x0031
)

// etherToPPP maps the EtherTypes (and SAPs) that PPP numbers differently;
// anything else is used as the PPP protocol number unchanged.
var etherToPPP = map[uint32]uint32{
	etherTypeIP:    pppIP,
	etherTypeIPv6:  pppIPv6,
	etherTypeDN:    pppDECnet,
	etherTypeATalk: pppApple,
	etherTypeNS:    pppNS,
	llcSAPISONS:    pppOSI,
	llcSAP8021D:    pppBRPDU,
	llcSAPIPX:      pppIPX,
}

// etherToARCnet is the ARCnet system code (RFC 1201 numbering) of each
// protocol ARCnet can carry; others never match.
var etherToARCnet = map[uint32]uint32{
	etherTypeIPv6:   0xc4,
	etherTypeIP:     212,
	etherTypeARP:    213,
	etherTypeRevARP: 214,
	etherTypeATalk:  221,
}

// Address family values found in loopback-style headers (DLT_NULL,
// DLT_LOOP, DLT_ENC, DLT_PFLOG).
const (
	// A live capture on this system (Linux) writes its own AF_ values.
	linuxAFInet  = 2
	linuxAFInet6 = 10

	// A savefile may come from any system. IPv4 is 2 everywhere that
	// uses these headers; IPv6 has one value per BSD family.
	bsdAFInet         = 2
	bsdAFInet6BSD     = 24 // NetBSD, OpenBSD, BSD/OS, Npcap
	bsdAFInet6FreeBSD = 28
	bsdAFInet6Darwin  = 30
)

// Solaris ipnet header address families.
const (
	ipnetAFInet  = 2
	ipnetAFInet6 = 26
)

// 802.11 frame control bits.
const (
	wlanFC0TypeMask = 0x0c
	wlanFC0TypeCtl  = 0x04
	wlanFC0TypeData = 0x08
	wlanFC1DirToDS  = 0x01
)

// SunATM pseudo-header protocol type for LLC encapsulation.
const sunATMProtoLLC = 0x02

// IP protocol numbers of the protocol qualifiers that name one.
var protoToIPProto = map[uint8]uint8{
	parse.ProtoAH:     51,
	parse.ProtoCARP:   112,
	parse.ProtoESP:    50,
	parse.ProtoICMP:   1,
	parse.ProtoICMPv6: 58,
	parse.ProtoIGMP:   2,
	parse.ProtoIGRP:   9,
	parse.ProtoPIM:    103,
	parse.ProtoSCTP:   132,
	parse.ProtoTCP:    6,
	parse.ProtoUDP:    17,
	parse.ProtoVRRP:   112,
}

// LLC SAPs of the protocol qualifiers for LLC-based protocols.
var protoToLLCSAP = map[uint8]uint32{
	parse.ProtoIPX:     llcSAPIPX,
	parse.ProtoISO:     llcSAPISONS,
	parse.ProtoNetBEUI: llcSAPNetBEUI,
	parse.ProtoSTP:     llcSAP8021D,
}

// EtherTypes of the protocol qualifiers for protocols that have one.
var protoToEtherType = map[uint8]uint32{
	parse.ProtoAARP:   etherTypeAARP,
	parse.ProtoARP:    etherTypeARP,
	parse.ProtoATalk:  etherTypeATalk,
	parse.ProtoDECnet: etherTypeDN,
	parse.ProtoIP:     etherTypeIP,
	parse.ProtoIPv6:   etherTypeIPv6,
	parse.ProtoLAT:    etherTypeLAT,
	parse.ProtoMOPDL:  etherTypeMOPDL,
	parse.ProtoMOPRC:  etherTypeMOPRC,
	parse.ProtoRARP:   etherTypeRevARP,
	parse.ProtoSCA:    etherTypeSCA,
}

// NLPIDs of the OSI protocol qualifiers.
var protoToNLPID = map[uint8]uint32{
	parse.ProtoESIS: nlpidESIS,
	parse.ProtoISIS: nlpidISIS,
	parse.ProtoCLNP: nlpidCLNP,
}

// isisAbbrevs lists, for each IS-IS abbreviation, the PDU types it
// matches in the order libpcap ORs them: the first two are joined, then
// each further one is ORed in front of the result.
var isisAbbrevs = map[uint8][]uint32{
	parse.ProtoISISL1:   {isisL1LANIIH, isisPTPIIH, isisL1LSP, isisL1CSNP, isisL1PSNP},
	parse.ProtoISISL2:   {isisL2LANIIH, isisPTPIIH, isisL2LSP, isisL2CSNP, isisL2PSNP},
	parse.ProtoISISIIH:  {isisL1LANIIH, isisL2LANIIH, isisPTPIIH},
	parse.ProtoISISLSP:  {isisL1LSP, isisL2LSP},
	parse.ProtoISISSNP:  {isisL1CSNP, isisL2CSNP, isisL1PSNP, isisL2PSNP},
	parse.ProtoISISCSNP: {isisL1CSNP, isisL2CSNP},
	parse.ProtoISISPSNP: {isisL1PSNP, isisL2PSNP},
}
