package names

// The built-in tables libpcap uses for names that have no system database.

// etherProtos is libpcap's eproto_db: EtherType names for "ether proto".
var etherProtos = [...]struct {
	name string
	v    uint16
}{
	{"aarp", 0x80f3},
	{"arp", 0x0806},
	{"atalk", 0x809b},
	{"decnet", 0x6003},
	{"ip", 0x0800},
	{"ip6", 0x86dd},
	{"lat", 0x6004},
	{"lldp", 0x88cc},
	{"loopback", 0x9000},
	{"mopdl", 0x6001},
	{"moprc", 0x6002},
	{"rarp", 0x8035},
	{"sca", 0x6007},
	{"slow", 0x8809},
}

// EtherProto returns the EtherType libpcap's pcap_nametoeproto knows by
// name, such as "ip" (0x0800) or "lldp" (0x88cc); names compare exactly.
func EtherProto(name string) (uint16, bool) {
	for _, e := range etherProtos {
		if e.name == name {
			return e.v, true
		}
	}
	return 0, false
}

// llcSAPs is libpcap's llc_db: 802.2 LLC SAP names for "ether proto".
var llcSAPs = [...]struct {
	name string
	v    uint8
}{
	{"iso", 0xfe},
	{"stp", 0x42},
	{"ipx", 0xe0},
	{"netbeui", 0xf0},
}

// LLCSAP returns the 802.2 LLC SAP libpcap's pcap_nametollc knows by name:
// "iso", "stp", "ipx" or "netbeui"; names compare exactly.
func LLCSAP(name string) (uint8, bool) {
	for _, e := range llcSAPs {
		if e.name == name {
			return e.v, true
		}
	}
	return 0, false
}

// ipProtocols is the usual content of /etc/protocols (IANA's assigned
// numbers under their customary names and aliases), used only when that
// file does not exist.
var ipProtocols = [...]struct {
	v     int
	names []string
}{
	{0, []string{"ip", "IP"}},
	{0, []string{"hopopt", "HOPOPT"}},
	{1, []string{"icmp", "ICMP"}},
	{2, []string{"igmp", "IGMP"}},
	{3, []string{"ggp", "GGP"}},
	{4, []string{"ipencap", "IP-ENCAP"}},
	{5, []string{"st", "ST"}},
	{6, []string{"tcp", "TCP"}},
	{8, []string{"egp", "EGP"}},
	{9, []string{"igp", "IGP"}},
	{12, []string{"pup", "PUP"}},
	{17, []string{"udp", "UDP"}},
	{20, []string{"hmp", "HMP"}},
	{22, []string{"xns-idp", "XNS-IDP"}},
	{27, []string{"rdp", "RDP"}},
	{29, []string{"iso-tp4", "ISO-TP4"}},
	{33, []string{"dccp", "DCCP"}},
	{36, []string{"xtp", "XTP"}},
	{37, []string{"ddp", "DDP"}},
	{38, []string{"idpr-cmtp", "IDPR-CMTP"}},
	{41, []string{"ipv6", "IPv6"}},
	{43, []string{"ipv6-route", "IPv6-Route"}},
	{44, []string{"ipv6-frag", "IPv6-Frag"}},
	{45, []string{"idrp", "IDRP"}},
	{46, []string{"rsvp", "RSVP"}},
	{47, []string{"gre", "GRE"}},
	{50, []string{"esp", "IPSEC-ESP"}},
	{51, []string{"ah", "IPSEC-AH"}},
	{57, []string{"skip", "SKIP"}},
	{58, []string{"ipv6-icmp", "IPv6-ICMP"}},
	{59, []string{"ipv6-nonxt", "IPv6-NoNxt"}},
	{60, []string{"ipv6-opts", "IPv6-Opts"}},
	{73, []string{"rspf", "RSPF"}},
	{81, []string{"vmtp", "VMTP"}},
	{88, []string{"eigrp", "EIGRP"}},
	{89, []string{"ospf", "OSPFIGP"}},
	{93, []string{"ax.25", "AX.25"}},
	{94, []string{"ipip", "IPIP"}},
	{97, []string{"etherip", "ETHERIP"}},
	{98, []string{"encap", "ENCAP"}},
	{103, []string{"pim", "PIM"}},
	{108, []string{"ipcomp", "IPCOMP"}},
	{112, []string{"vrrp", "VRRP"}},
	{115, []string{"l2tp", "L2TP"}},
	{124, []string{"isis", "ISIS"}},
	{132, []string{"sctp", "SCTP"}},
	{133, []string{"fc", "FC"}},
	{135, []string{"mobility-header", "Mobility-Header"}},
	{136, []string{"udplite", "UDPLite"}},
	{137, []string{"mpls-in-ip", "MPLS-in-IP"}},
	{138, []string{"manet"}},
	{139, []string{"hip", "HIP"}},
	{140, []string{"shim6", "Shim6"}},
	{141, []string{"wesp", "WESP"}},
	{142, []string{"rohc", "ROHC"}},
	{143, []string{"ethernet", "Ethernet"}},
	{262, []string{"mptcp", "MPTCP"}},
}

// builtinProtocols builds a protocols table from ipProtocols.
func builtinProtocols() protocolsTable {
	t := protocolsTable{}
	for _, p := range ipProtocols {
		for _, name := range p.names {
			if _, dup := t[name]; !dup {
				t[name] = p.v
			}
		}
	}
	return t
}
