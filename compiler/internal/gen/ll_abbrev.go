package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// protoAbbrev compiles a protocol name used alone as a primitive ("tcp",
// "arp", "l1"): gen_proto_abbrev.
func (g *gen) protoAbbrev(p uint8) *frag {
	switch p {
	case parse.ProtoSCTP, parse.ProtoTCP, parse.ProtoUDP, parse.ProtoAH, parse.ProtoESP, parse.ProtoPIM:
		// Over IPv4 or IPv6.
		return g.proto(uint32(protoToIPProto[p]), parse.ProtoDefault)
	case parse.ProtoICMP, parse.ProtoIGMP, parse.ProtoIGRP, parse.ProtoVRRP, parse.ProtoCARP:
		return g.proto(uint32(protoToIPProto[p]), parse.ProtoIP)
	case parse.ProtoICMPv6:
		return g.proto(uint32(protoToIPProto[p]), parse.ProtoIPv6)
	case parse.ProtoISISL1, parse.ProtoISISL2, parse.ProtoISISIIH, parse.ProtoISISLSP,
		parse.ProtoISISSNP, parse.ProtoISISCSNP, parse.ProtoISISPSNP:
		return g.isisAbbrev(isisAbbrevs[p])
	}
	if et, ok := protoToEtherType[p]; ok {
		return g.linkType(et)
	}
	if sap, ok := protoToLLCSAP[p]; ok {
		return g.linkType(sap)
	}
	if nlpid, ok := protoToNLPID[p]; ok {
		return g.proto(nlpid, parse.ProtoISO)
	}
	g.fail("'%s' cannot be used as an abbreviation", protoQualKw(p))
	return nil
}

// isisAbbrev matches any of the IS-IS PDU types: the first two ORed, then
// each further one ORed in front.
func (g *gen) isisAbbrev(types []uint32) *frag {
	f := g.proto(types[0], parse.ProtoISIS)
	f = g.or(f, g.proto(types[1], parse.ProtoISIS))
	for _, t := range types[2:] {
		f = g.or(g.proto(t, parse.ProtoISIS), f)
	}
	return f
}
