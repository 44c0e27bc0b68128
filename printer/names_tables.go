package printer

// Tables behind the names printed without -n (facts read from tcpdump's
// ipproto.c and oui.c).

// netdbProtoNames are the IANA protocol keywords tcpdump prints for an IP
// payload it does not dissect when names are resolved (its built-in
// netdb_protoname table, not /etc/protocols); "" means no keyword.
var netdbProtoNames = [256]string{
	0: "hopopt", 1: "icmp", 2: "igmp", 3: "ggp", 4: "ipencap", 5: "st",
	6: "tcp", 7: "cbt", 8: "egp", 9: "igp", 10: "bbn-rcc-mon", 11: "nvp-ii",
	12: "pup", 13: "argus", 14: "emcon", 15: "xnet", 16: "chaos", 17: "udp",
	18: "mux", 19: "dcn-meas", 20: "hmp", 21: "prm", 22: "xns-idp", 23: "trunk-1",
	24: "trunk-2", 25: "leaf-1", 26: "leaf-2", 27: "rdp", 28: "irtp", 29: "iso-tp4",
	30: "netblt", 31: "mfe-nsp", 32: "merit-inp", 33: "dccp", 34: "3pc", 35: "idpr",
	36: "xtp", 37: "ddp", 38: "idpr-cmtp", 39: "tp++", 40: "il", 41: "ipv6",
	42: "sdrp", 43: "ipv6-route", 44: "ipv6-frag", 45: "idrp", 46: "rsvp", 47: "gre",
	48: "dsr", 49: "bna", 50: "esp", 51: "ah", 52: "i-nlsp", 53: "swipe",
	54: "narp", 55: "mobile", 56: "tlsp", 57: "skip", 58: "ipv6-icmp", 59: "ipv6-nonxt",
	60: "ipv6-opts", 62: "cftp", 64: "sat-expak", 65: "kryptolan", 66: "rvd", 67: "ippc",
	69: "sat-mon", 70: "visa", 71: "ipcv", 72: "cpnx", 73: "rspf", 74: "wsn",
	75: "pvp", 76: "br-sat-mon", 77: "sun-nd", 78: "wb-mon", 79: "wb-expak", 80: "iso-ip",
	81: "vmtp", 82: "secure-vmtp", 83: "vines", 84: "ttp", 85: "nsfnet-igp", 86: "dgp",
	87: "tcf", 88: "eigrp", 89: "ospf", 90: "sprite-rpc", 91: "larp", 92: "mtp",
	93: "ax.25", 94: "ipip", 95: "micp", 96: "scc-sp", 97: "etherip", 98: "encap",
	100: "gmtp", 101: "ifmp", 102: "pnni", 103: "pim", 104: "aris", 105: "scps",
	106: "qnx", 107: "an", 108: "ipcomp", 109: "snp", 110: "compaq-peer", 111: "ipx-in-ip",
	112: "vrrp", 113: "pgm", 115: "l2tp", 116: "ddx", 117: "iatp", 118: "stp",
	119: "srp", 120: "uti", 121: "smp", 122: "sm", 123: "ptp", 124: "isis",
	125: "fire", 126: "crtp", 127: "crudp", 128: "sscopmce", 129: "iplt", 130: "sps",
	131: "pipe", 132: "sctp", 133: "fc", 134: "rsvp-e2e-ignore", 135: "mobility-header", 136: "udplite",
	137: "mpls-in-ip", 138: "manet", 139: "hip", 140: "shim6", 141: "wesp", 142: "rohc",
	253: "exptest-253", 254: "exptest-254", 255: "reserved",
}

// ouiNames are the vendors tcpdump names after a MAC-48 address it has no
// /etc/ethers name for, as " (oui Name)"; any other OUI is "Unknown".
// 00:80:c2 is both "Ethernet bridged" and "IEEE 802.1 Private" in
// tcpdump's list, whose first entry wins. "ITU-T" (00:19:a7) is new in the
// development branch; tcpdump 4.99 prints "Unknown" for it.
var ouiNames = map[uint32]string{
	0x000000: "Ethernet",
	0x00000c: "Cisco",
	0x00005e: "IANA",
	0x000081: "Nortel Networks SONMP",
	0x0000f8: "Cisco bridged",
	0x0019a7: "ITU-T",
	0x0080c2: "Ethernet bridged",
	0x00a03e: "ATM Forum",
	0x00e02f: "DOCSIS Spanning Tree",
	0x080007: "Appletalk",
	0x009069: "Juniper",
	0x080009: "Hewlett-Packard",
	0x00120f: "IEEE 802.3 Private",
	0x0012bb: "ANSI/TIA",
	0x001b21: "DCBX",
	0x002320: "Nicira Networks",
	0x5c16c7: "Big Switch Networks",
	0xb0d2f5: "Vello Systems",
	0x002481: "HP",
	0x0004ea: "HP-Labs",
	0x748771: "Infoblox Inc",
	0xa42305: "Open Networking Lab",
	0x00049f: "Freescale",
	0x0015ad: "Netronome",
	0x001018: "Broadcom",
	0x00e004: "PMC-Sierra",
	0xd0f0db: "Ericsson",
}
