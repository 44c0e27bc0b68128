//go:build linux

package capture

import (
	"fmt"

	"golang.org/x/sys/unix"
)

// LinkType is a pcap link-layer header type, with the value written into pcap
// and pcapng files (LINKTYPE_*, not the platform's DLT_* value where the two
// differ, as for raw IP).
type LinkType uint32

// Link types this package can deliver.
const (
	LinkTypeNull            LinkType = 0
	LinkTypeEthernet        LinkType = 1   // EN10MB
	LinkTypeExpEthernet     LinkType = 2   // EN3MB
	LinkTypeAX25            LinkType = 3   // AX25
	LinkTypeProNET          LinkType = 4   // PRONET
	LinkTypeChaos           LinkType = 5   // CHAOS
	LinkTypeTokenRing       LinkType = 6   // IEEE802
	LinkTypeFDDI            LinkType = 10  // FDDI
	LinkTypeRaw             LinkType = 101 // RAW
	LinkTypeCiscoHDLC       LinkType = 104 // C_HDLC
	LinkTypeIEEE80211       LinkType = 105 // IEEE802_11
	LinkTypeFrameRelay      LinkType = 107 // FRELAY
	LinkTypeLinuxSLL        LinkType = 113 // LINUX_SLL
	LinkTypeLocalTalk       LinkType = 114 // LTALK
	LinkTypePrism           LinkType = 119 // PRISM_HEADER
	LinkTypeIPOverFC        LinkType = 122 // IP_OVER_FC
	LinkTypeRadiotap        LinkType = 127 // IEEE802_11_RADIO
	LinkTypeArcnetLinux     LinkType = 129 // ARCNET_LINUX
	LinkTypeDOCSIS          LinkType = 143 // DOCSIS
	LinkTypeLinuxIrDA       LinkType = 144 // LINUX_IRDA
	LinkTypeLinuxLAPD       LinkType = 177 // LINUX_LAPD
	LinkTypeAX25KISS        LinkType = 202 // AX25_KISS
	LinkTypeFC2             LinkType = 224 // FC_2
	LinkTypeFC2Framed       LinkType = 225 // FC_2_WITH_FRAME_DELIMS
	LinkTypeIEEE802154NoFCS LinkType = 230 // IEEE802_15_4_NOFCS
	LinkTypeNetlink         LinkType = 253 // NETLINK
	LinkTypeVsock           LinkType = 271 // VSOCK
	LinkTypeLinuxSLL2       LinkType = 276 // LINUX_SLL2
)

// linkTypeNames holds the names tcpdump's -L and -y use, and libpcap's
// descriptions of them.
var linkTypeNames = map[LinkType]struct{ name, description string }{
	LinkTypeNull:            {"NULL", "BSD loopback"},
	LinkTypeEthernet:        {"EN10MB", "Ethernet"},
	LinkTypeExpEthernet:     {"EN3MB", "experimental Ethernet (3Mb/s)"},
	LinkTypeAX25:            {"AX25", "Amateur Radio AX.25"},
	LinkTypeProNET:          {"PRONET", "Proteon ProNET Token Ring"},
	LinkTypeChaos:           {"CHAOS", "MIT Chaosnet"},
	LinkTypeTokenRing:       {"IEEE802", "802.5 Token Ring"},
	LinkTypeFDDI:            {"FDDI", "Fiber Distributed Data Interface"},
	LinkTypeRaw:             {"RAW", "Raw IPv4/IPv6"},
	LinkTypeCiscoHDLC:       {"C_HDLC", "Cisco HDLC"},
	LinkTypeIEEE80211:       {"IEEE802_11", "802.11"},
	LinkTypeFrameRelay:      {"FRELAY", "Frame Relay"},
	LinkTypeLinuxSLL:        {"LINUX_SLL", "Linux cooked v1"},
	LinkTypeLocalTalk:       {"LTALK", "LocalTalk"},
	LinkTypePrism:           {"PRISM_HEADER", "802.11 plus Prism header"},
	LinkTypeIPOverFC:        {"IP_OVER_FC", "RFC 2625 IP-over-Fibre Channel"},
	LinkTypeRadiotap:        {"IEEE802_11_RADIO", "802.11 plus radiotap header"},
	LinkTypeArcnetLinux:     {"ARCNET_LINUX", "Linux ARCnet"},
	LinkTypeDOCSIS:          {"DOCSIS", "DOCSIS"},
	LinkTypeLinuxIrDA:       {"LINUX_IRDA", "Linux IrDA"},
	LinkTypeLinuxLAPD:       {"LINUX_LAPD", "Linux vISDN LAPD"},
	LinkTypeAX25KISS:        {"AX25_KISS", "AX.25 with KISS header"},
	LinkTypeFC2:             {"FC_2", "Fibre Channel FC-2"},
	LinkTypeFC2Framed:       {"FC_2_WITH_FRAME_DELIMS", "Fibre Channel FC-2 with frame delimiters"},
	LinkTypeIEEE802154NoFCS: {"IEEE802_15_4_NOFCS", "IEEE 802.15.4 without FCS"},
	LinkTypeNetlink:         {"NETLINK", "Linux netlink"},
	LinkTypeVsock:           {"VSOCK", "Linux vsock"},
	LinkTypeLinuxSLL2:       {"LINUX_SLL2", "Linux cooked v2"},
}

// Name returns the link type's name as tcpdump -L prints it ("EN10MB"), or
// "LINKTYPE_<n>" for a value this package does not know.
func (t LinkType) Name() string {
	if n, ok := linkTypeNames[t]; ok {
		return n.name
	}
	return fmt.Sprintf("LINKTYPE_%d", uint32(t))
}

// Description returns libpcap's description of the link type ("Ethernet"),
// or "" for a value this package does not know.
func (t LinkType) Description() string {
	return linkTypeNames[t].description
}

// String returns the name and the description, as in tcpdump -L:
// "EN10MB (Ethernet)".
func (t LinkType) String() string {
	if d := t.Description(); d != "" {
		return t.Name() + " (" + d + ")"
	}
	return t.Name()
}

// LinkTypeByName returns the link type with the given name (as accepted by
// tcpdump -y, case-insensitive, with or without a "DLT_" prefix).
func LinkTypeByName(name string) (LinkType, bool) {
	n := name
	if len(n) > 4 && (n[:4] == "DLT_" || n[:4] == "dlt_") {
		n = n[4:]
	}
	for t, v := range linkTypeNames {
		if equalFold(v.name, n) {
			return t, true
		}
	}
	return 0, false
}

func equalFold(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'a' <= x && x <= 'z' {
			x -= 'a' - 'A'
		}
		if 'a' <= y && y <= 'z' {
			y -= 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// hardwareLinkTypes maps a device's ARPHRD_* hardware type to the link types
// a SOCK_RAW capture on it delivers, the default first. Hardware types that
// are missing (PPP, ATM, GRE tunnels, InfiniBand, CAN, ...) are captured on a
// cooked SOCK_DGRAM socket as LINUX_SLL, as libpcap does for types it has no
// link-layer mapping for. CAN is left out on purpose: libpcap rewrites the
// SocketCAN header's byte order, which this package does not do.
var hardwareLinkTypes = map[uint16][]LinkType{
	unix.ARPHRD_ETHER:              {LinkTypeEthernet, LinkTypeDOCSIS},
	unix.ARPHRD_LOOPBACK:           {LinkTypeEthernet},
	unix.ARPHRD_METRICOM:           {LinkTypeEthernet},
	unix.ARPHRD_EETHER:             {LinkTypeExpEthernet},
	unix.ARPHRD_AX25:               {LinkTypeAX25KISS},
	unix.ARPHRD_PRONET:             {LinkTypeProNET},
	unix.ARPHRD_CHAOS:              {LinkTypeChaos},
	unix.ARPHRD_IEEE802_TR:         {LinkTypeTokenRing},
	unix.ARPHRD_IEEE802:            {LinkTypeTokenRing},
	unix.ARPHRD_ARCNET:             {LinkTypeArcnetLinux},
	unix.ARPHRD_FDDI:               {LinkTypeFDDI},
	unix.ARPHRD_IEEE80211:          {LinkTypeIEEE80211},
	unix.ARPHRD_IEEE80211_PRISM:    {LinkTypePrism},
	unix.ARPHRD_IEEE80211_RADIOTAP: {LinkTypeRadiotap},
	unix.ARPHRD_CISCO:              {LinkTypeCiscoHDLC},
	unix.ARPHRD_TUNNEL:             {LinkTypeRaw},
	unix.ARPHRD_SIT:                {LinkTypeRaw},
	unix.ARPHRD_CSLIP:              {LinkTypeRaw},
	unix.ARPHRD_SLIP6:              {LinkTypeRaw},
	unix.ARPHRD_CSLIP6:             {LinkTypeRaw},
	unix.ARPHRD_ADAPT:              {LinkTypeRaw},
	unix.ARPHRD_SLIP:               {LinkTypeRaw},
	unix.ARPHRD_RAWHDLC:            {LinkTypeRaw},
	unix.ARPHRD_DLCI:               {LinkTypeRaw},
	unix.ARPHRD_NONE:               {LinkTypeRaw},
	unix.ARPHRD_FRAD:               {LinkTypeFrameRelay},
	unix.ARPHRD_LOCALTLK:           {LinkTypeLocalTalk},
	arphrdIPOverFC:                 {LinkTypeIPOverFC},
	unix.ARPHRD_FCPP:               {LinkTypeFC2, LinkTypeFC2Framed, LinkTypeIPOverFC},
	unix.ARPHRD_FCAL:               {LinkTypeFC2, LinkTypeFC2Framed, LinkTypeIPOverFC},
	unix.ARPHRD_FCPL:               {LinkTypeFC2, LinkTypeFC2Framed, LinkTypeIPOverFC},
	unix.ARPHRD_FCFABRIC:           {LinkTypeFC2, LinkTypeFC2Framed, LinkTypeIPOverFC},
	unix.ARPHRD_IEEE802154:         {LinkTypeIEEE802154NoFCS},
	unix.ARPHRD_VSOCKMON:           {LinkTypeVsock},
}

// arphrdIPOverFC is the hardware type 18 that libpcap maps to IP over Fibre
// Channel; it has no ARPHRD_ name in the kernel headers.
const arphrdIPOverFC = 18

// cookedLinkTypes are the link types of a cooked (SOCK_DGRAM) capture.
var cookedLinkTypes = []LinkType{LinkTypeLinuxSLL2, LinkTypeLinuxSLL}

// Cooked-mode header lengths.
const (
	sllHeaderLen  = 16
	sll2HeaderLen = 20
)
