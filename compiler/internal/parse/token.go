package parse

// kind is the category of a lexical token. Keywords that play the same
// part in the grammar share a kind and carry their value in token.val
// (every protocol name is kindProto, every ATM abbreviation kindAtmType...).
type kind uint8

const (
	kindEOF      kind = iota
	kindLexError      // a character or number the lexer rejects
	kindNum           // number, or one of the named constants such as tcp-syn
	kindID            // name
	kindHID           // IPv4 address or short form: "10.1", "10.1.2.3"
	kindHID6          // IPv6 address
	kindEID           // MAC address
	kindAID           // ARCnet address "$xx"

	kindProto // protocol qualifier / abbreviation; val is the Proto* value
	kindDir   // direction qualifier other than src and dst; val is Dir*
	kindSrc
	kindDst
	kindAddr // host, net, port, portrange; val is Addr*
	kindGateway
	kindProtoKw // "proto"
	kindProtochain
	kindMask // "mask"

	kindType
	kindSubtype
	kindWlanDir // "dir", "direction"

	kindLess
	kindGreater
	kindByte
	kindBroadcast
	kindMulticast
	kindAnd
	kindOr
	kindNot
	kindLen
	kindInbound
	kindOutbound
	kindIfindex
	kindVLAN
	kindMPLS
	kindPPPoED
	kindPPPoES
	kindGeneve
	kindVXLAN
	kindLLC

	kindAtmType  // lane, metac, ...; val is Atm*
	kindAtmMulti // oam, oamf4, connectmsg, metaconnect
	kindAtmField // vpi, vci
	kindMtp2Type // fisu, lssu, ...; val is Mtp*
	kindMtp3Field

	kindPfIfname
	kindPfRuleset
	kindPfRnr
	kindPfSrnr
	kindPfReason
	kindPfAction

	// Operators and punctuation.
	kindPlus
	kindMinus
	kindStar
	kindSlash
	kindPercent
	kindColon
	kindLBracket
	kindRBracket
	kindLParen
	kindRParen
	kindAmp
	kindPipe
	kindCaret
	kindGT
	kindLT
	kindEQ // "=" and "=="
	kindGE
	kindLE
	kindNE
	kindLsh
	kindRsh
)

// token is one lexeme. text holds the spelling of names and addresses, val
// the value of numbers and of keywords that carry one. A token whose
// lexing recorded an error (an overflowing number, an invalid IPv6 or
// Ethernet address) has err set; libpcap still hands such address tokens
// to the grammar and fails only when they are reduced.
type token struct {
	kind kind
	val  uint32
	text string
	err  error
}

// keywords maps reserved words to their token. Several spellings are
// aliases of one another (ether/link/ppp/slip/fddi/tr/wlan, and/&&, ...).
var keywords = map[string]token{
	"dst": {kind: kindDst},
	"src": {kind: kindSrc},

	"link":    {kind: kindProto, val: uint32(ProtoLink)},
	"ether":   {kind: kindProto, val: uint32(ProtoLink)},
	"ppp":     {kind: kindProto, val: uint32(ProtoLink)},
	"slip":    {kind: kindProto, val: uint32(ProtoLink)},
	"fddi":    {kind: kindProto, val: uint32(ProtoLink)},
	"tr":      {kind: kindProto, val: uint32(ProtoLink)},
	"wlan":    {kind: kindProto, val: uint32(ProtoLink)},
	"arp":     {kind: kindProto, val: uint32(ProtoARP)},
	"rarp":    {kind: kindProto, val: uint32(ProtoRARP)},
	"ip":      {kind: kindProto, val: uint32(ProtoIP)},
	"sctp":    {kind: kindProto, val: uint32(ProtoSCTP)},
	"tcp":     {kind: kindProto, val: uint32(ProtoTCP)},
	"udp":     {kind: kindProto, val: uint32(ProtoUDP)},
	"icmp":    {kind: kindProto, val: uint32(ProtoICMP)},
	"igmp":    {kind: kindProto, val: uint32(ProtoIGMP)},
	"igrp":    {kind: kindProto, val: uint32(ProtoIGRP)},
	"pim":     {kind: kindProto, val: uint32(ProtoPIM)},
	"vrrp":    {kind: kindProto, val: uint32(ProtoVRRP)},
	"carp":    {kind: kindProto, val: uint32(ProtoCARP)},
	"radio":   {kind: kindProto, val: uint32(ProtoRadio)},
	"ip6":     {kind: kindProto, val: uint32(ProtoIPv6)},
	"icmp6":   {kind: kindProto, val: uint32(ProtoICMPv6)},
	"ah":      {kind: kindProto, val: uint32(ProtoAH)},
	"esp":     {kind: kindProto, val: uint32(ProtoESP)},
	"atalk":   {kind: kindProto, val: uint32(ProtoATalk)},
	"aarp":    {kind: kindProto, val: uint32(ProtoAARP)},
	"decnet":  {kind: kindProto, val: uint32(ProtoDECnet)},
	"lat":     {kind: kindProto, val: uint32(ProtoLAT)},
	"sca":     {kind: kindProto, val: uint32(ProtoSCA)},
	"moprc":   {kind: kindProto, val: uint32(ProtoMOPRC)},
	"mopdl":   {kind: kindProto, val: uint32(ProtoMOPDL)},
	"iso":     {kind: kindProto, val: uint32(ProtoISO)},
	"esis":    {kind: kindProto, val: uint32(ProtoESIS)},
	"es-is":   {kind: kindProto, val: uint32(ProtoESIS)},
	"isis":    {kind: kindProto, val: uint32(ProtoISIS)},
	"is-is":   {kind: kindProto, val: uint32(ProtoISIS)},
	"l1":      {kind: kindProto, val: uint32(ProtoISISL1)},
	"l2":      {kind: kindProto, val: uint32(ProtoISISL2)},
	"iih":     {kind: kindProto, val: uint32(ProtoISISIIH)},
	"lsp":     {kind: kindProto, val: uint32(ProtoISISLSP)},
	"snp":     {kind: kindProto, val: uint32(ProtoISISSNP)},
	"csnp":    {kind: kindProto, val: uint32(ProtoISISCSNP)},
	"psnp":    {kind: kindProto, val: uint32(ProtoISISPSNP)},
	"clnp":    {kind: kindProto, val: uint32(ProtoCLNP)},
	"stp":     {kind: kindProto, val: uint32(ProtoSTP)},
	"ipx":     {kind: kindProto, val: uint32(ProtoIPX)},
	"netbeui": {kind: kindProto, val: uint32(ProtoNetBEUI)},

	"host":       {kind: kindAddr, val: uint32(AddrHost)},
	"net":        {kind: kindAddr, val: uint32(AddrNet)},
	"mask":       {kind: kindMask},
	"port":       {kind: kindAddr, val: uint32(AddrPort)},
	"portrange":  {kind: kindAddr, val: uint32(AddrPortrange)},
	"proto":      {kind: kindProtoKw},
	"protochain": {kind: kindProtochain},
	"gateway":    {kind: kindGateway},

	"type":      {kind: kindType},
	"subtype":   {kind: kindSubtype},
	"direction": {kind: kindWlanDir},
	"dir":       {kind: kindWlanDir},
	"address1":  {kind: kindDir, val: uint32(DirAddr1)},
	"addr1":     {kind: kindDir, val: uint32(DirAddr1)},
	"address2":  {kind: kindDir, val: uint32(DirAddr2)},
	"addr2":     {kind: kindDir, val: uint32(DirAddr2)},
	"address3":  {kind: kindDir, val: uint32(DirAddr3)},
	"addr3":     {kind: kindDir, val: uint32(DirAddr3)},
	"address4":  {kind: kindDir, val: uint32(DirAddr4)},
	"addr4":     {kind: kindDir, val: uint32(DirAddr4)},
	"ra":        {kind: kindDir, val: uint32(DirRA)},
	"ta":        {kind: kindDir, val: uint32(DirTA)},

	"less":      {kind: kindLess},
	"greater":   {kind: kindGreater},
	"byte":      {kind: kindByte},
	"broadcast": {kind: kindBroadcast},
	"multicast": {kind: kindMulticast},

	"and": {kind: kindAnd},
	"or":  {kind: kindOr},
	"not": {kind: kindNot},

	"len":      {kind: kindLen},
	"length":   {kind: kindLen},
	"inbound":  {kind: kindInbound},
	"outbound": {kind: kindOutbound},
	"ifindex":  {kind: kindIfindex},
	"vlan":     {kind: kindVLAN},
	"mpls":     {kind: kindMPLS},
	"pppoed":   {kind: kindPPPoED},
	"pppoes":   {kind: kindPPPoES},
	"geneve":   {kind: kindGeneve},
	"vxlan":    {kind: kindVXLAN},

	"lane":        {kind: kindAtmType, val: AtmLANE},
	"llc":         {kind: kindLLC},
	"metac":       {kind: kindAtmType, val: AtmMetac},
	"bcc":         {kind: kindAtmType, val: AtmBCC},
	"oam":         {kind: kindAtmMulti, val: AtmOAM},
	"oamf4":       {kind: kindAtmMulti, val: AtmOAMF4},
	"oamf4ec":     {kind: kindAtmType, val: AtmOAMF4EC},
	"oamf4sc":     {kind: kindAtmType, val: AtmOAMF4SC},
	"sc":          {kind: kindAtmType, val: AtmSC},
	"ilmic":       {kind: kindAtmType, val: AtmILMIC},
	"vpi":         {kind: kindAtmField, val: AtmVPI},
	"vci":         {kind: kindAtmField, val: AtmVCI},
	"connectmsg":  {kind: kindAtmMulti, val: AtmConnectMsg},
	"metaconnect": {kind: kindAtmMulti, val: AtmMetaConnect},

	"on":         {kind: kindPfIfname},
	"ifname":     {kind: kindPfIfname},
	"rset":       {kind: kindPfRuleset},
	"ruleset":    {kind: kindPfRuleset},
	"rnr":        {kind: kindPfRnr},
	"rulenum":    {kind: kindPfRnr},
	"srnr":       {kind: kindPfSrnr},
	"subrulenum": {kind: kindPfSrnr},
	"reason":     {kind: kindPfReason},
	"action":     {kind: kindPfAction},

	"fisu":  {kind: kindMtp2Type, val: MtpFISU},
	"lssu":  {kind: kindMtp2Type, val: MtpLSSU},
	"lsu":   {kind: kindMtp2Type, val: MtpLSSU},
	"msu":   {kind: kindMtp2Type, val: MtpMSU},
	"hfisu": {kind: kindMtp2Type, val: MtpHFISU},
	"hlssu": {kind: kindMtp2Type, val: MtpHLSSU},
	"hmsu":  {kind: kindMtp2Type, val: MtpHMSU},
	"sio":   {kind: kindMtp3Field, val: MtpSIO},
	"opc":   {kind: kindMtp3Field, val: MtpOPC},
	"dpc":   {kind: kindMtp3Field, val: MtpDPC},
	"sls":   {kind: kindMtp3Field, val: MtpSLS},
	"hsio":  {kind: kindMtp3Field, val: MtpHSIO},
	"hopc":  {kind: kindMtp3Field, val: MtpHOPC},
	"hdpc":  {kind: kindMtp3Field, val: MtpHDPC},
	"hsls":  {kind: kindMtp3Field, val: MtpHSLS},
}

// namedNumbers are names the lexer turns into numbers: header field
// offsets and flag values for use in expressions such as
// "tcp[tcpflags] & tcp-syn != 0". They lose to keywords and to every
// address form, but win over plain names.
var namedNumbers = map[string]uint32{
	"icmptype":           0,
	"icmpcode":           1,
	"icmp-echoreply":     0,
	"icmp-unreach":       3,
	"icmp-sourcequench":  4,
	"icmp-redirect":      5,
	"icmp-echo":          8,
	"icmp-routeradvert":  9,
	"icmp-routersolicit": 10,
	"icmp-timxceed":      11,
	"icmp-paramprob":     12,
	"icmp-tstamp":        13,
	"icmp-tstampreply":   14,
	"icmp-ireq":          15,
	"icmp-ireqreply":     16,
	"icmp-maskreq":       17,
	"icmp-maskreply":     18,

	"icmp6type":                       0,
	"icmp6code":                       1,
	"icmp6-destinationunreach":        1,
	"icmp6-packettoobig":              2,
	"icmp6-timeexceeded":              3,
	"icmp6-parameterproblem":          4,
	"icmp6-echo":                      128,
	"icmp6-echoreply":                 129,
	"icmp6-multicastlistenerquery":    130,
	"icmp6-multicastlistenerreportv1": 131,
	"icmp6-multicastlistenerdone":     132,
	"icmp6-routersolicit":             133,
	"icmp6-routeradvert":              134,
	"icmp6-neighborsolicit":           135,
	"icmp6-neighboradvert":            136,
	"icmp6-redirect":                  137,
	"icmp6-routerrenum":               138,
	"icmp6-nodeinformationquery":      139,
	"icmp6-nodeinformationresponse":   140,
	"icmp6-ineighbordiscoverysolicit": 141,
	"icmp6-ineighbordiscoveryadvert":  142,
	"icmp6-multicastlistenerreportv2": 143,
	"icmp6-homeagentdiscoveryrequest": 144,
	"icmp6-homeagentdiscoveryreply":   145,
	"icmp6-mobileprefixsolicit":       146,
	"icmp6-mobileprefixadvert":        147,
	"icmp6-certpathsolicit":           148,
	"icmp6-certpathadvert":            149,
	"icmp6-multicastrouteradvert":     151,
	"icmp6-multicastroutersolicit":    152,
	"icmp6-multicastrouterterm":       153,

	"tcpflags": 13,
	"tcp-fin":  0x01,
	"tcp-syn":  0x02,
	"tcp-rst":  0x04,
	"tcp-push": 0x08,
	"tcp-ack":  0x10,
	"tcp-urg":  0x20,
	"tcp-ece":  0x40,
	"tcp-cwr":  0x80,
}
