package gen

import (
	"fmt"

	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/linktype"
)

// Keywords of the qualifiers, for error messages: the words a user types.

var protoQualKws = [...]string{
	parse.ProtoLink: "link", parse.ProtoIP: "ip", parse.ProtoARP: "arp",
	parse.ProtoRARP: "rarp", parse.ProtoSCTP: "sctp", parse.ProtoTCP: "tcp",
	parse.ProtoUDP: "udp", parse.ProtoICMP: "icmp", parse.ProtoIGMP: "igmp",
	parse.ProtoIGRP: "igrp", parse.ProtoATalk: "atalk", parse.ProtoDECnet: "decnet",
	parse.ProtoLAT: "lat", parse.ProtoSCA: "sca", parse.ProtoMOPRC: "moprc",
	parse.ProtoMOPDL: "mopdl", parse.ProtoIPv6: "ip6", parse.ProtoICMPv6: "icmp6",
	parse.ProtoAH: "ah", parse.ProtoESP: "esp", parse.ProtoPIM: "pim",
	parse.ProtoVRRP: "vrrp", parse.ProtoAARP: "aarp", parse.ProtoISO: "iso",
	parse.ProtoESIS: "esis", parse.ProtoISIS: "isis", parse.ProtoCLNP: "clnp",
	parse.ProtoSTP: "stp", parse.ProtoIPX: "ipx", parse.ProtoNetBEUI: "netbeui",
	parse.ProtoISISL1: "l1", parse.ProtoISISL2: "l2", parse.ProtoISISIIH: "iih",
	parse.ProtoISISSNP: "snp", parse.ProtoISISCSNP: "csnp", parse.ProtoISISPSNP: "psnp",
	parse.ProtoISISLSP: "lsp", parse.ProtoRadio: "radio", parse.ProtoCARP: "carp",
}

var dirQualKws = [...]string{
	parse.DirSrc: "src", parse.DirDst: "dst", parse.DirOr: "src or dst",
	parse.DirAnd: "src and dst", parse.DirAddr1: "addr1", parse.DirAddr2: "addr2",
	parse.DirAddr3: "addr3", parse.DirAddr4: "addr4", parse.DirRA: "ra", parse.DirTA: "ta",
}

var addrQualKws = [...]string{
	parse.AddrHost: "host", parse.AddrNet: "net", parse.AddrPort: "port",
	parse.AddrGateway: "gateway", parse.AddrProto: "proto",
	parse.AddrProtochain: "protochain", parse.AddrPortrange: "portrange",
}

func qualKw(kind string, id uint8, table []string) string {
	if int(id) < len(table) && table[id] != "" {
		return table[id]
	}
	return fmt.Sprintf("<invalid %s %d>", kind, id)
}

func protoQualKw(id uint8) string { return qualKw("proto", id, protoQualKws[:]) }
func dirQualKw(id uint8) string   { return qualKw("dir", id, dirQualKws[:]) }
func addrQualKw(id uint8) string  { return qualKw("type", id, addrQualKws[:]) }

// keywordOr names a primitive for an error message, or gives unknown for
// a number the table does not know.
func keywordOr(kws map[int]string, t int, unknown string) string {
	if kw, ok := kws[t]; ok {
		return kw
	}
	return unknown
}

// qualUndef is libpcap's Q_UNDEF: a qualifier left by a parse error.
const qualUndef = 255

const errInvalidQual = "'%s' is not a valid qualifier for '%s'"

// failInvalidQual reports a qualifier that makes no sense for the thing
// it qualifies.
func (g *gen) failInvalidQual(qual, what string) {
	g.fail(errInvalidQual, qual, what)
}

// assertNonWLANDir rejects the 802.11 address qualifiers (addr1..addr4,
// ra, ta) for anything but an 802.11 MAC address.
func (g *gen) assertNonWLANDir(dir uint8) {
	switch dir {
	case parse.DirSrc, parse.DirDst, parse.DirAnd, parse.DirDefault, parse.DirOr:
		return
	}
	g.fail("'%s' is valid for 802.11 syntax only", dirQualKw(dir))
}

// dltString names a link type in errors as libpcap does: "DLT_EN10MB
// (Ethernet)".
func dltString(dlt int) string {
	t := linktype.Type(dlt)
	name, okN := linktype.ValToName(t)
	desc, okD := linktype.ValToDescription(t)
	switch {
	case okN && okD:
		return fmt.Sprintf("DLT_%s (%s)", name, desc)
	case okN:
		return "DLT_" + name
	case okD:
		return fmt.Sprintf("DLT %d (%s)", dlt, desc)
	}
	return fmt.Sprintf("DLT %d", dlt)
}

// failKeywordOnDLT reports a keyword the current link type cannot do.
func (g *gen) failKeywordOnDLT(kw string) {
	g.fail("'%s' not supported on %s", kw, dltString(g.lay.linkType))
}

// Protocol numbers and types the address generators test for.
const (
	ipnHopOpts  = 0
	ipnTCP      = 6
	ipnUDP      = 17
	ipnRouting  = 43
	ipnFragment = 44
	ipnAH       = 51
	ipnNone     = 59
	ipnDstOpts  = 60
	ipnSCTP     = 132

	ethIPv4   = 0x0800
	ethARP    = 0x0806
	ethRARP   = 0x8035
	ethDECnet = 0x6003
	ethIPv6   = 0x86dd

	nlpidCLNP = 0x81
	nlpidESIS = 0x82
	nlpidISIS = 0x83
	sapISONS  = 0xfe

	isisPDUTypeMax = 0x1f

	// Offsets in the IPv4, IPv6, ARP and transport headers.
	ipv4ProtoOff   = 9
	ipv4SrcOff     = 12
	ipv4DstOff     = 16
	ipv6ProtoOff   = 6
	ipv6SrcOff     = 8
	ipv6DstOff     = 24
	arpSrcOff      = 14
	arpDstOff      = 24
	tranSrcPortOff = 0
	tranDstPortOff = 2
)
