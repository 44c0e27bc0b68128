//go:build linux

package capture

import (
	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/sys/unix"
)

// hardwareLinkTypes maps a device's ARPHRD_* hardware type to the link types
// a SOCK_RAW capture on it delivers, the default first (libpcap's
// map_arphrd_to_dlt). Hardware types that are missing (PPP, ATM, GRE
// tunnels, InfiniBand, CAN, ...) are captured on a cooked SOCK_DGRAM socket
// as LINUX_SLL, as libpcap does for types it has no link-layer mapping for.
// CAN is left out on purpose: libpcap rewrites the SocketCAN header's byte
// order, which this package does not do.
var hardwareLinkTypes = map[uint16][]linktype.Type{
	unix.ARPHRD_ETHER:              {linktype.EN10MB, linktype.DOCSIS},
	unix.ARPHRD_LOOPBACK:           {linktype.EN10MB},
	unix.ARPHRD_METRICOM:           {linktype.EN10MB},
	unix.ARPHRD_EETHER:             {linktype.EN3MB},
	unix.ARPHRD_AX25:               {linktype.AX25KISS},
	unix.ARPHRD_PRONET:             {linktype.ProNET},
	unix.ARPHRD_CHAOS:              {linktype.Chaos},
	unix.ARPHRD_IEEE802_TR:         {linktype.IEEE802},
	unix.ARPHRD_IEEE802:            {linktype.IEEE802},
	unix.ARPHRD_ARCNET:             {linktype.ARCnetLinux},
	unix.ARPHRD_FDDI:               {linktype.FDDI},
	unix.ARPHRD_IEEE80211:          {linktype.IEEE802_11},
	unix.ARPHRD_IEEE80211_PRISM:    {linktype.PrismHeader},
	unix.ARPHRD_IEEE80211_RADIOTAP: {linktype.IEEE802_11Radio},
	unix.ARPHRD_CISCO:              {linktype.CHDLC},
	unix.ARPHRD_TUNNEL:             {linktype.Raw},
	unix.ARPHRD_SIT:                {linktype.Raw},
	unix.ARPHRD_CSLIP:              {linktype.Raw},
	unix.ARPHRD_SLIP6:              {linktype.Raw},
	unix.ARPHRD_CSLIP6:             {linktype.Raw},
	unix.ARPHRD_ADAPT:              {linktype.Raw},
	unix.ARPHRD_SLIP:               {linktype.Raw},
	unix.ARPHRD_RAWHDLC:            {linktype.Raw},
	unix.ARPHRD_DLCI:               {linktype.Raw},
	unix.ARPHRD_NONE:               {linktype.Raw},
	unix.ARPHRD_FRAD:               {linktype.FRelay},
	unix.ARPHRD_LOCALTLK:           {linktype.LTalk},
	arphrdIPOverFC:                 {linktype.IPOverFC},
	unix.ARPHRD_FCPP:               {linktype.FC2, linktype.FC2WithFrameDelims, linktype.IPOverFC},
	unix.ARPHRD_FCAL:               {linktype.FC2, linktype.FC2WithFrameDelims, linktype.IPOverFC},
	unix.ARPHRD_FCPL:               {linktype.FC2, linktype.FC2WithFrameDelims, linktype.IPOverFC},
	unix.ARPHRD_FCFABRIC:           {linktype.FC2, linktype.FC2WithFrameDelims, linktype.IPOverFC},
	unix.ARPHRD_IEEE802154:         {linktype.IEEE802_15_4NoFCS},
	unix.ARPHRD_VSOCKMON:           {linktype.VSock},
}

// arphrdIPOverFC is the hardware type 18 that libpcap maps to IP over Fibre
// Channel; it has no ARPHRD_ name in the kernel headers.
const arphrdIPOverFC = 18

// anyLinkTypes are the link types of the "any" device, the default first;
// cookedLinkTypes those of other devices captured cooked (libpcap's
// default, LINUX_SLL, first).
var (
	anyLinkTypes    = []linktype.Type{linktype.LinuxSLL2, linktype.LinuxSLL}
	cookedLinkTypes = []linktype.Type{linktype.LinuxSLL, linktype.LinuxSLL2}
)

// Cooked-mode header lengths.
const (
	sllHeaderLen  = 16
	sll2HeaderLen = 20
)

// linkTypesFor returns the link types of a device with hardware type hw and
// whether it is captured raw (SOCK_RAW) rather than cooked.
func linkTypesFor(hw uint16) ([]linktype.Type, bool) {
	if t, ok := hardwareLinkTypes[hw]; ok {
		return t, true
	}
	return cookedLinkTypes, false
}
