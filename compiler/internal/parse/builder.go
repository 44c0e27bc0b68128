// Package parse turns a pcap-filter(7) expression into calls on a Builder.
//
// The parser does not build a syntax tree. Like libpcap's grammar it calls
// the code generator as each construct is recognised, left to right, so
// that when an expression holds several mistakes the one reported is the
// one libpcap reports: a semantic error in an early primitive wins over a
// syntax error further on.
package parse

// Qual is the qualifier triple that precedes an identifier: protocol,
// direction and address type ("tcp src port"). A zero field means the
// qualifier was not given (libpcap's Q_DEFAULT).
type Qual struct {
	Proto uint8
	Dir   uint8
	Addr  uint8
}

// Address-type qualifiers (Qual.Addr).
const (
	AddrDefault    uint8 = 0
	AddrHost       uint8 = 1
	AddrNet        uint8 = 2
	AddrPort       uint8 = 3
	AddrGateway    uint8 = 4
	AddrProto      uint8 = 5
	AddrProtochain uint8 = 6
	AddrPortrange  uint8 = 7
)

// Protocol qualifiers (Qual.Proto), also the argument of ProtoAbbrev,
// Load, Broadcast and Multicast.
const (
	ProtoDefault  uint8 = 0
	ProtoLink     uint8 = 1
	ProtoIP       uint8 = 2
	ProtoARP      uint8 = 3
	ProtoRARP     uint8 = 4
	ProtoSCTP     uint8 = 5
	ProtoTCP      uint8 = 6
	ProtoUDP      uint8 = 7
	ProtoICMP     uint8 = 8
	ProtoIGMP     uint8 = 9
	ProtoIGRP     uint8 = 10
	ProtoATalk    uint8 = 11
	ProtoDECnet   uint8 = 12
	ProtoLAT      uint8 = 13
	ProtoSCA      uint8 = 14
	ProtoMOPRC    uint8 = 15
	ProtoMOPDL    uint8 = 16
	ProtoIPv6     uint8 = 17
	ProtoICMPv6   uint8 = 18
	ProtoAH       uint8 = 19
	ProtoESP      uint8 = 20
	ProtoPIM      uint8 = 21
	ProtoVRRP     uint8 = 22
	ProtoAARP     uint8 = 23
	ProtoISO      uint8 = 24
	ProtoESIS     uint8 = 25
	ProtoISIS     uint8 = 26
	ProtoCLNP     uint8 = 27
	ProtoSTP      uint8 = 28
	ProtoIPX      uint8 = 29
	ProtoNetBEUI  uint8 = 30
	ProtoISISL1   uint8 = 31
	ProtoISISL2   uint8 = 32
	ProtoISISIIH  uint8 = 33
	ProtoISISSNP  uint8 = 34
	ProtoISISCSNP uint8 = 35
	ProtoISISPSNP uint8 = 36
	ProtoISISLSP  uint8 = 37
	ProtoRadio    uint8 = 38
	ProtoCARP     uint8 = 39
)

// Direction qualifiers (Qual.Dir).
const (
	DirDefault uint8 = 0
	DirSrc     uint8 = 1
	DirDst     uint8 = 2
	DirOr      uint8 = 3 // "src or dst"
	DirAnd     uint8 = 4 // "src and dst"
	DirAddr1   uint8 = 5
	DirAddr2   uint8 = 6
	DirAddr3   uint8 = 7
	DirAddr4   uint8 = 8
	DirRA      uint8 = 9
	DirTA      uint8 = 10
)

// Relational operators: the jump the comparison compiles to. The parser
// passes the reversed flag for <=, < and != (compiled as not >, not >=,
// not ==).
const (
	RelGT uint8 = iota + 1 // >   (reversed: <=)
	RelGE                  // >=  (reversed: <)
	RelEQ                  // =   (reversed: !=)
)

// Arithmetic operators for Arith.
const (
	OpAdd uint8 = iota + 1
	OpSub
	OpMul
	OpDiv
	OpMod
	OpAnd
	OpOr
	OpXor
	OpLsh
	OpRsh
)

// ATM abbreviations (AtmType, AtmMulti) and fields (AtmField).
const (
	AtmMetac       = 22
	AtmBCC         = 23
	AtmOAMF4SC     = 24
	AtmOAMF4EC     = 25
	AtmSC          = 26
	AtmILMIC       = 27
	AtmOAM         = 28
	AtmOAMF4       = 29
	AtmLANE        = 30
	AtmVPI         = 51
	AtmVCI         = 52
	AtmConnectMsg  = 70
	AtmMetaConnect = 71
)

// MTP2 types (Mtp2Type) and MTP3 fields (Mtp3Field).
const (
	MtpFISU  = 22
	MtpLSSU  = 23
	MtpMSU   = 24
	MtpHFISU = 25
	MtpHLSSU = 26
	MtpHMSU  = 27

	MtpSIO  = 1
	MtpOPC  = 2
	MtpDPC  = 3
	MtpSLS  = 4
	MtpHSIO = 5
	MtpHOPC = 6
	MtpHDPC = 7
	MtpHSLS = 8
)

// Expr is a compiled boolean fragment; Arith a compiled arithmetic value.
// Both are opaque to the parser: it only hands them back to the Builder.
type (
	Expr  any
	Arith any
)

// Builder receives the parser's reductions in the order libpcap's grammar
// performs them. Every method that can fail returns an error whose text is
// libpcap's; the parser stops at the first error and returns it unchanged.
type Builder interface {
	// Finish is called once for a non-empty expression; Empty for an
	// expression with no tokens (which accepts every packet).
	Finish(e Expr) error
	Empty() error

	And(a, b Expr) Expr
	Or(a, b Expr) Expr
	Not(a Expr) Expr

	// Identifiers under a qualifier.
	SCode(name string, q Qual) (Expr, error)                       // a name
	NCode(text string, v uint32, q Qual) (Expr, error)             // a number (text "") or IPv4 "HID" (text set, v unused)
	MCode(addr, mask string, masklen uint32, q Qual) (Expr, error) // "a.b.c.d/len" (mask "") or "a.b.c.d mask m.m.m.m"
	MCode6(addr string, masklen uint32, q Qual) (Expr, error)      // IPv6 address, masklen 128 when none was given
	ECode(mac string, q Qual) (Expr, error)                        // MAC address
	ACode(arcnet string, q Qual) (Expr, error)                     // "$xx" ARCnet address

	ProtoAbbrev(proto uint8) (Expr, error)
	Relation(op uint8, a, b Arith, reversed bool) (Expr, error)
	Broadcast(proto uint8) (Expr, error)
	Multicast(proto uint8) (Expr, error)
	Less(n uint32) (Expr, error)
	Greater(n uint32) (Expr, error)
	ByteOp(op byte, idx, val uint32) (Expr, error) // op is one of & | < > =
	InOut(outbound bool) (Expr, error)
	IfIndex(n uint32) (Expr, error)
	VLAN(n uint32, has bool) (Expr, error)
	MPLS(n uint32, has bool) (Expr, error)
	PPPoED() (Expr, error)
	PPPoES(n uint32, has bool) (Expr, error)
	Geneve(vni uint32, has bool) (Expr, error)
	VXLAN(vni uint32, has bool) (Expr, error)

	PfIfname(name string) (Expr, error)
	PfRuleset(name string) (Expr, error)
	PfRnr(n uint32) (Expr, error)
	PfSrnr(n uint32) (Expr, error)
	PfReason(n uint32) (Expr, error)
	PfAction(n uint32) (Expr, error)

	P80211Type(v, mask uint32) (Expr, error)
	P80211Dir(v uint32) (Expr, error)

	LLC() (Expr, error)
	LLCI() (Expr, error)
	LLCS() (Expr, error)
	LLCU() (Expr, error)
	LLCSSubtype(v uint32) (Expr, error)
	LLCUSubtype(v uint32) (Expr, error)

	AtmType(t int) (Expr, error)
	AtmMulti(t int) (Expr, error)
	AtmField(field int, v uint32, op uint8, reversed bool) (Expr, error)
	Mtp2Type(t int) (Expr, error)
	Mtp3Field(field int, v uint32, op uint8, reversed bool) (Expr, error)

	LoadI(v uint32) (Arith, error)
	Load(proto uint8, index Arith, size uint32) (Arith, error)
	Arith(op uint8, a, b Arith) (Arith, error)
	Neg(a Arith) (Arith, error)
	LoadLen() (Arith, error)
}
