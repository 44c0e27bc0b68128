package gen

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// The link-layer primitives are checked against every libpcap corpus case
// whose expressions use nothing but them. A tiny driver stands in for the
// parser: it knows and/or/not, parentheses and the link-layer
// primitives, and calls the Builder in the grammar's order.

type llDriver struct {
	b    parse.Builder
	toks []string
	pos  int
}

var llAbbrevs = map[string]uint8{
	"ip": parse.ProtoIP, "ip6": parse.ProtoIPv6, "arp": parse.ProtoARP, "rarp": parse.ProtoRARP,
	"tcp": parse.ProtoTCP, "udp": parse.ProtoUDP, "sctp": parse.ProtoSCTP, "icmp": parse.ProtoICMP,
	"icmp6": parse.ProtoICMPv6, "igmp": parse.ProtoIGMP, "igrp": parse.ProtoIGRP, "pim": parse.ProtoPIM,
	"vrrp": parse.ProtoVRRP, "carp": parse.ProtoCARP, "atalk": parse.ProtoATalk, "aarp": parse.ProtoAARP,
	"decnet": parse.ProtoDECnet, "lat": parse.ProtoLAT, "sca": parse.ProtoSCA, "moprc": parse.ProtoMOPRC,
	"mopdl": parse.ProtoMOPDL, "ah": parse.ProtoAH, "esp": parse.ProtoESP, "iso": parse.ProtoISO,
	"esis": parse.ProtoESIS, "es-is": parse.ProtoESIS, "isis": parse.ProtoISIS, "is-is": parse.ProtoISIS,
	"l1": parse.ProtoISISL1, "l2": parse.ProtoISISL2, "iih": parse.ProtoISISIIH, "lsp": parse.ProtoISISLSP,
	"snp": parse.ProtoISISSNP, "csnp": parse.ProtoISISCSNP, "psnp": parse.ProtoISISPSNP,
	"clnp": parse.ProtoCLNP, "stp": parse.ProtoSTP, "ipx": parse.ProtoIPX, "netbeui": parse.ProtoNetBEUI,
}

var llLinkWords = map[string]bool{"link": true, "ether": true, "fddi": true, "tr": true, "wlan": true, "ppp": true, "slip": true}

var llEtherNames = map[string]uint32{
	"aarp": etherTypeAARP, "arp": etherTypeARP, "atalk": etherTypeATalk, "decnet": etherTypeDN,
	"ip": etherTypeIP, "ip6": etherTypeIPv6, "lat": etherTypeLAT, "lldp": etherTypeLLDP,
	"loopback": etherTypeLoopback, "mopdl": etherTypeMOPDL, "moprc": etherTypeMOPRC,
	"rarp": etherTypeRevARP, "sca": etherTypeSCA, "slow": 0x8809,
	"iso": llcSAPISONS, "stp": llcSAP8021D, "ipx": llcSAPIPX, "netbeui": llcSAPNetBEUI,
}

var llcSSubtypes = map[string]uint32{"rr": 0x01, "rnr": 0x05, "rej": 0x09}
var llcUSubtypes = map[string]uint32{"ui": 0x03, "ua": 0x63, "disc": 0x43, "dm": 0x0f, "sabme": 0x6f, "test": 0xe3, "xid": 0xaf, "frmr": 0x87}

func llTokens(s string) []string {
	for _, p := range []string{"(", ")", "&&", "||", "!"} {
		s = strings.ReplaceAll(s, p, " "+p+" ")
	}
	return strings.Fields(s)
}

func (d *llDriver) peek() string {
	if d.pos < len(d.toks) {
		return d.toks[d.pos]
	}
	return ""
}

func (d *llDriver) next() string { t := d.peek(); d.pos++; return t }

func (d *llDriver) expr() (parse.Expr, error) {
	a, err := d.term()
	if err != nil {
		return nil, err
	}
	for {
		switch d.peek() {
		case "and", "&&":
			d.next()
			b, err := d.term()
			if err != nil {
				return nil, err
			}
			a = d.b.And(a, b)
		case "or", "||":
			d.next()
			b, err := d.term()
			if err != nil {
				return nil, err
			}
			a = d.b.Or(a, b)
		default:
			return a, nil
		}
	}
}

func (d *llDriver) term() (parse.Expr, error) {
	switch d.peek() {
	case "not", "!":
		d.next()
		a, err := d.term()
		if err != nil {
			return nil, err
		}
		return d.b.Not(a), nil
	case "(":
		d.next()
		a, err := d.expr()
		if err != nil {
			return nil, err
		}
		if d.next() != ")" {
			return nil, errNotMine
		}
		return a, nil
	}
	return d.prim()
}

func llNum(s string) (uint32, error) {
	v, err := strconv.ParseUint(s, 0, 32)
	if err != nil {
		return 0, errNotMine
	}
	return uint32(v), nil
}

func (d *llDriver) prim() (parse.Expr, error) {
	w := d.next()
	switch w {
	case "less", "greater", "byte":
		n, err := llNum(d.next())
		if err != nil {
			return nil, err
		}
		switch w {
		case "less":
			return d.b.Less(n)
		case "greater":
			return d.b.Greater(n)
		}
		op := d.next()
		v, err := llNum(d.next())
		if err != nil || len(op) != 1 {
			return nil, errNotMine
		}
		return d.b.ByteOp(op[0], n, v)
	case "broadcast":
		return d.b.Broadcast(parse.ProtoDefault)
	case "multicast":
		return d.b.Multicast(parse.ProtoDefault)
	case "llc":
		sub := d.peek()
		switch sub {
		case "i":
			d.next()
			return d.b.LLCI()
		case "s":
			d.next()
			return d.b.LLCS()
		case "u":
			d.next()
			return d.b.LLCU()
		}
		if v, ok := llcSSubtypes[sub]; ok {
			d.next()
			return d.b.LLCSSubtype(v)
		}
		if v, ok := llcUSubtypes[sub]; ok {
			d.next()
			return d.b.LLCUSubtype(v)
		}
		return d.b.LLC()
	}
	p, isAbbrev := llAbbrevs[w]
	if llLinkWords[w] {
		p, isAbbrev = parse.ProtoLink, true
	}
	if !isAbbrev {
		return nil, errNotMine
	}
	switch d.peek() {
	case "broadcast":
		d.next()
		return d.b.Broadcast(p)
	case "multicast":
		d.next()
		return d.b.Multicast(p)
	case "proto":
		// "link proto X" reaches gen_proto(v, link), which is
		// gen_linktype; call it directly as the name lookup is not ours.
		if p != parse.ProtoLink {
			return nil, errNotMine
		}
		d.next()
		arg := d.next()
		var v uint32
		if strings.HasPrefix(arg, `\`) {
			var ok bool
			if v, ok = llEtherNames[arg[1:]]; !ok {
				return nil, errNotMine
			}
		} else {
			var err error
			if v, err = llNum(arg); err != nil {
				return nil, err
			}
		}
		g := d.b.(*gen)
		return try(func() *frag { return g.linkType(v) })
	}
	switch d.peek() {
	case "", "and", "or", "&&", "||", ")":
	default:
		return nil, errNotMine
	}
	if p == parse.ProtoLink {
		return nil, errNotMine
	}
	return d.b.ProtoAbbrev(p)
}

// llCompile runs the driver over text; errNotMine means it does not
// apply.
func llCompile(cfg Config, text string) (string, error) {
	notMine := false
	listing, err := generateListing(cfg, func(b parse.Builder) error {
		d := &llDriver{b: b, toks: llTokens(text)}
		if len(d.toks) == 0 {
			return b.Empty()
		}
		e, err := d.expr()
		if err == nil && d.pos != len(d.toks) {
			err = errNotMine
		}
		if err != nil {
			notMine = errors.Is(err, errNotMine)
			return err
		}
		return b.Finish(e)
	})
	if notMine {
		return "", errNotMine
	}
	return listing, err
}

// llFamily is the link-layer primitives' share of the corpus: the
// expressions llDriver understands, on every link type.
func llFamily(t *testing.T) familyCheck {
	return familyCheck{compile: llCompile}
}

func TestLinkLayerCorpusAccept(t *testing.T) { llFamily(t).checkAccept(t) }

func TestLinkLayerCorpusReject(t *testing.T) { llFamily(t).checkReject(t) }
