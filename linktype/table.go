// Code maintained by hand from the facts in libpcap's pcap/dlt.h (Linux
// values) and pcap.c's table of link-type names; keep the order of choices
// below identical to libpcap's, because ValToName returns the first match.

package linktype

// Link-layer header types, as DLT_ values on Linux. The comment on each
// gives the libpcap name (usable with NameToVal) and description.
const (
	Null                   Type = 0      // NULL: BSD loopback
	EN10MB                 Type = 1      // EN10MB: Ethernet
	Ethernet               Type = EN10MB // alias for EN10MB
	EN3MB                  Type = 2      // EN3MB: experimental Ethernet (3Mb/s)
	AX25                   Type = 3      // AX25: AX.25 layer 2
	ProNET                 Type = 4      // PRONET: Proteon ProNET Token Ring
	Chaos                  Type = 5      // CHAOS: MIT Chaosnet
	IEEE802                Type = 6      // IEEE802: 802.5 Token Ring
	ARCnet                 Type = 7      // ARCNET: BSD ARCnet
	SLIP                   Type = 8      // SLIP: Serial Line IP
	PPP                    Type = 9      // PPP: Point-to-Point Protocol
	FDDI                   Type = 10     // FDDI: Fiber Distributed Data Interface
	RedbackSmartEdge       Type = 32     // REDBACK_SMARTEDGE: Redback SmartEdge 400/800
	ATMRFC1483             Type = 11     // ATM_RFC1483: RFC 1483 LLC-encapsulated ATM
	Raw                    Type = 12     // RAW: Raw IPv4/IPv6
	SLIPBSDOS              Type = 15     // SLIP_BSDOS: BSD/OS Serial Line IP
	PPPBSDOS               Type = 16     // PPP_BSDOS: BSD/OS Point-to-Point Protocol
	ATMCLIP                Type = 19     // ATM_CLIP: Linux Classical IP over ATM
	PPPSerial              Type = 50     // PPP_SERIAL: Point-to-Point Protocol over serial
	PPPEther               Type = 51     // PPP_ETHER: PPPoE session packets
	SymantecFirewall       Type = 99     // SYMANTEC_FIREWALL: Symantec Firewall
	CHDLC                  Type = 104    // C_HDLC: Cisco HDLC
	IEEE802_11             Type = 105    // IEEE802_11: 802.11
	FRelay                 Type = 107    // FRELAY: Frame Relay
	Loop                   Type = 108    // LOOP: OpenBSD loopback
	ENC                    Type = 109    // ENC: OpenBSD encapsulated IP
	LinuxSLL               Type = 113    // LINUX_SLL: Linux cooked v1
	LTalk                  Type = 114    // LTALK: LocalTalk
	PFLog                  Type = 117    // PFLOG: OpenBSD pflog file
	PFSync                 Type = 246    // PFSYNC: Packet filter state syncing
	PrismHeader            Type = 119    // PRISM_HEADER: 802.11 plus Prism header
	IPOverFC               Type = 122    // IP_OVER_FC: RFC 2625 IP-over-Fibre Channel
	SunATM                 Type = 123    // SUNATM: Sun raw ATM
	IEEE802_11Radio        Type = 127    // IEEE802_11_RADIO: 802.11 plus radiotap header
	ARCnetLinux            Type = 129    // ARCNET_LINUX: Linux ARCnet
	JuniperMLPPP           Type = 130    // JUNIPER_MLPPP: Juniper Multi-Link PPP
	JuniperMLFR            Type = 131    // JUNIPER_MLFR: Juniper Multi-Link Frame Relay
	JuniperES              Type = 132    // JUNIPER_ES: Juniper Encryption Services PIC
	JuniperGGSN            Type = 133    // JUNIPER_GGSN: Juniper GGSN PIC
	JuniperMFR             Type = 134    // JUNIPER_MFR: Juniper FRF.16 Frame Relay
	JuniperATM2            Type = 135    // JUNIPER_ATM2: Juniper ATM2 PIC
	JuniperServices        Type = 136    // JUNIPER_SERVICES: Juniper Advanced Services PIC
	JuniperATM1            Type = 137    // JUNIPER_ATM1: Juniper ATM1 PIC
	AppleIPOverIEEE1394    Type = 138    // APPLE_IP_OVER_IEEE1394: Apple IP-over-IEEE 1394
	MTP2WithPHDR           Type = 139    // MTP2_WITH_PHDR: SS7 MTP2 with Pseudo-header
	MTP2                   Type = 140    // MTP2: SS7 MTP2
	MTP3                   Type = 141    // MTP3: SS7 MTP3
	SCCP                   Type = 142    // SCCP: SS7 SCCP
	DOCSIS                 Type = 143    // DOCSIS: DOCSIS
	LinuxIRDA              Type = 144    // LINUX_IRDA: Linux IrDA
	IEEE802_11RadioAVS     Type = 163    // IEEE802_11_RADIO_AVS: 802.11 plus AVS radio information header
	JuniperMonitor         Type = 164    // JUNIPER_MONITOR: Juniper Passive Monitor PIC
	BACnetMSTP             Type = 165    // BACNET_MS_TP: BACnet MS/TP
	PPPpppd                Type = 166    // PPP_PPPD: PPP for pppd, with direction flag
	JuniperPPPOE           Type = 167    // JUNIPER_PPPOE: Juniper PPPoE
	JuniperPPPOEATM        Type = 168    // JUNIPER_PPPOE_ATM: Juniper PPPoE/ATM
	GPRSLLC                Type = 169    // GPRS_LLC: GPRS LLC
	GPFT                   Type = 170    // GPF_T: GPF-T
	GPFF                   Type = 171    // GPF_F: GPF-F
	JuniperPICPeer         Type = 174    // JUNIPER_PIC_PEER: Juniper PIC Peer
	ERFEth                 Type = 175    // ERF_ETH: Ethernet with Endace ERF header
	ERFPOS                 Type = 176    // ERF_POS: Packet-over-SONET with Endace ERF header
	LinuxLAPD              Type = 177    // LINUX_LAPD: Linux vISDN LAPD
	JuniperEther           Type = 178    // JUNIPER_ETHER: Juniper Ethernet
	JuniperPPP             Type = 179    // JUNIPER_PPP: Juniper PPP
	JuniperFRelay          Type = 180    // JUNIPER_FRELAY: Juniper Frame Relay
	JuniperCHDLC           Type = 181    // JUNIPER_CHDLC: Juniper C-HDLC
	MFR                    Type = 182    // MFR: FRF.16 Frame Relay
	JuniperVP              Type = 183    // JUNIPER_VP: Juniper Voice PIC
	A429                   Type = 184    // A429: Arinc 429
	A653ICM                Type = 185    // A653_ICM: Arinc 653 Interpartition Communication
	USBFreeBSD             Type = 186    // USB_FREEBSD: USB with FreeBSD header
	BluetoothHCIH4         Type = 187    // BLUETOOTH_HCI_H4: Bluetooth HCI UART transport layer
	IEEE802_16MACCPS       Type = 188    // IEEE802_16_MAC_CPS: IEEE 802.16 MAC Common Part Sublayer
	USBLinux               Type = 189    // USB_LINUX: USB with Linux header
	CAN20B                 Type = 190    // CAN20B: Controller Area Network (CAN) v. 2.0B
	IEEE802_15_4Linux      Type = 191    // IEEE802_15_4_LINUX: IEEE 802.15.4 with Linux padding
	PPI                    Type = 192    // PPI: Per-Packet Information
	IEEE802_16MACCPSRadio  Type = 193    // IEEE802_16_MAC_CPS_RADIO: IEEE 802.16 MAC Common Part Sublayer plus radiotap header
	JuniperISM             Type = 194    // JUNIPER_ISM: Juniper Integrated Service Module
	IEEE802_15_4           Type = 195    // IEEE802_15_4: IEEE 802.15.4 with FCS
	SITA                   Type = 196    // SITA: SITA pseudo-header
	ERF                    Type = 197    // ERF: Endace ERF header
	RAIF1                  Type = 198    // RAIF1: Ethernet with u10 Networks pseudo-header
	IPMBKontron            Type = 199    // IPMB_KONTRON: IPMB with Kontron pseudo-header
	JuniperST              Type = 200    // JUNIPER_ST: Juniper Secure Tunnel
	BluetoothHCIH4WithPHDR Type = 201    // BLUETOOTH_HCI_H4_WITH_PHDR: Bluetooth HCI UART transport layer plus pseudo-header
	AX25KISS               Type = 202    // AX25_KISS: AX.25 with KISS header
	I2CLinux               Type = 209    // I2C_LINUX: I2C with Linux/Pigeon Point pseudo-header
	IEEE802_15_4NonASKPHY  Type = 215    // IEEE802_15_4_NONASK_PHY: IEEE 802.15.4 with non-ASK PHY data
	MPLS                   Type = 219    // MPLS: MPLS with label as link-layer header
	LinuxEvdev             Type = 216    // LINUX_EVDEV: Linux evdev events
	USBLinuxMmapped        Type = 220    // USB_LINUX_MMAPPED: USB with padded Linux header
	DECT                   Type = 221    // DECT: DECT
	AOS                    Type = 222    // AOS: AOS Space Data Link protocol
	WirelessHART           Type = 223    // WIHART: WirelessHART
	FC2                    Type = 224    // FC_2: Fibre Channel FC-2
	FC2WithFrameDelims     Type = 225    // FC_2_WITH_FRAME_DELIMS: Fibre Channel FC-2 with frame delimiters
	IPNet                  Type = 226    // IPNET: Solaris ipnet
	CANSocketCAN           Type = 227    // CAN_SOCKETCAN: CAN-bus with SocketCAN headers
	IPv4                   Type = 228    // IPV4: Raw IPv4
	IPv6                   Type = 229    // IPV6: Raw IPv6
	IEEE802_15_4NoFCS      Type = 230    // IEEE802_15_4_NOFCS: IEEE 802.15.4 without FCS
	DBus                   Type = 231    // DBUS: D-Bus
	JuniperVS              Type = 232    // JUNIPER_VS: Juniper Virtual Server
	JuniperSRXE2E          Type = 233    // JUNIPER_SRX_E2E: Juniper SRX E2E
	JuniperFibreChannel    Type = 234    // JUNIPER_FIBRECHANNEL: Juniper Fibre Channel
	DVBCI                  Type = 235    // DVB_CI: DVB-CI
	MUX27010               Type = 236    // MUX27010: MUX27010
	STANAG5066DPDU         Type = 237    // STANAG_5066_D_PDU: STANAG 5066 D_PDUs
	JuniperATMCEMIC        Type = 238    // JUNIPER_ATM_CEMIC: Juniper ATM CEMIC
	NFLOG                  Type = 239    // NFLOG: Linux netfilter log messages
	NetAnalyzer            Type = 240    // NETANALYZER: Ethernet with Hilscher netANALYZER pseudo-header
	NetAnalyzerTransparent Type = 241    // NETANALYZER_TRANSPARENT: Ethernet with Hilscher netANALYZER pseudo-header and with preamble and SFD
	IPoIB                  Type = 242    // IPOIB: RFC 4391 IP-over-InfiniBand
	MPEG2TS                Type = 243    // MPEG_2_TS: MPEG-2 transport stream
	NG40                   Type = 244    // NG40: ng40 protocol tester Iub/Iur
	NFCLLCP                Type = 245    // NFC_LLCP: NFC LLCP PDUs with pseudo-header
	InfiniBand             Type = 247    // INFINIBAND: InfiniBand
	SCTP                   Type = 248    // SCTP: SCTP
	USBPcap                Type = 249    // USBPCAP: USB with USBPcap header
	RTACSerial             Type = 250    // RTAC_SERIAL: Schweitzer Engineering Laboratories RTAC packets
	BluetoothLELL          Type = 251    // BLUETOOTH_LE_LL: Bluetooth Low Energy air interface
	Netlink                Type = 253    // NETLINK: Linux netlink
	BluetoothLinuxMonitor  Type = 254    // BLUETOOTH_LINUX_MONITOR: Bluetooth Linux Monitor
	BluetoothBREDRBB       Type = 255    // BLUETOOTH_BREDR_BB: Bluetooth Basic Rate/Enhanced Data Rate baseband packets
	BluetoothLELLWithPHDR  Type = 256    // BLUETOOTH_LE_LL_WITH_PHDR: Bluetooth Low Energy air interface with pseudo-header
	ProfibusDL             Type = 257    // PROFIBUS_DL: PROFIBUS data link layer
	PKTAP                  Type = 258    // PKTAP: Apple PKTAP
	EPON                   Type = 259    // EPON: Ethernet with 802.3 Clause 65 EPON preamble
	IPMIHPM2               Type = 260    // IPMI_HPM_2: IPMI trace packets
	ZWaveR1R2              Type = 261    // ZWAVE_R1_R2: Z-Wave RF profile R1 and R2 packets
	ZWaveR3                Type = 262    // ZWAVE_R3: Z-Wave RF profile R3 packets
	WattStopperDLM         Type = 263    // WATTSTOPPER_DLM: WattStopper Digital Lighting Management (DLM) and Legrand Nitoo Open protocol
	ISO14443               Type = 264    // ISO_14443: ISO 14443 messages
	RDS                    Type = 265    // RDS: IEC 62106 Radio Data System groups
	USBDarwin              Type = 266    // USB_DARWIN: USB with Darwin header
	OpenFlow               Type = 267    // OPENFLOW: OpenBSD OpenFlow
	SDLC                   Type = 268    // SDLC: IBM SDLC frames
	TILLNSniffer           Type = 269    // TI_LLN_SNIFFER: TI LLN sniffer frames
	VSock                  Type = 271    // VSOCK: Linux vsock
	NordicBLE              Type = 272    // NORDIC_BLE: Nordic Semiconductor Bluetooth LE sniffer frames
	DOCSIS31XRA31          Type = 273    // DOCSIS31_XRA31: Excentis XRA-31 DOCSIS 3.1 RF sniffer frames
	EthernetMPacket        Type = 274    // ETHERNET_MPACKET: 802.3br mPackets
	DisplayPortAUX         Type = 275    // DISPLAYPORT_AUX: DisplayPort AUX channel monitoring data
	LinuxSLL2              Type = 276    // LINUX_SLL2: Linux cooked v2
	OpenVizsla             Type = 278    // OPENVIZSLA: OpenVizsla USB
	EBHSCR                 Type = 279    // EBHSCR: Elektrobit High Speed Capture and Replay (EBHSCR)
	VPPDispatch            Type = 280    // VPP_DISPATCH: VPP graph dispatch tracer
	DSATagBRCM             Type = 281    // DSA_TAG_BRCM: Broadcom infix DSA tag
	DSATagBRCMPrepend      Type = 282    // DSA_TAG_BRCM_PREPEND: Broadcom prefix DSA tag
	IEEE802_15_4TAP        Type = 283    // IEEE802_15_4_TAP: IEEE 802.15.4 with pseudo-header
	DSATagDSA              Type = 284    // DSA_TAG_DSA: Marvell infix 4-octet DSA tag
	DSATagEDSA             Type = 285    // DSA_TAG_EDSA: Marvell infix 8-octet DSA tag
	ELEE                   Type = 286    // ELEE: ELEE lawful intercept packets
	ZWaveSerial            Type = 287    // Z_WAVE_SERIAL: Z-Wave serial frames between host and chip
	USB2_0                 Type = 288    // USB_2_0: USB 2.0/1.1/1.0 as transmitted over the cable
	ATSCALP                Type = 289    // ATSC_ALP: ATSC Link-Layer Protocol packets
	ETW                    Type = 290    // ETW: Event Tracing for Windows messages
	NetAnalyzerNG          Type = 291    // NETANALYZER_NG: Hilscher netANALYZER NG pseudo-footer
	ZBOSSNCP               Type = 292    // ZBOSS_NCP: ZBOSS NCP protocol with pseudo-header
	USB2_0LowSpeed         Type = 293    // USB_2_0_LOW_SPEED: Low-Speed USB 2.0/1.1/1.0 as transmitted over the cable
	USB2_0FullSpeed        Type = 294    // USB_2_0_FULL_SPEED: Full-Speed USB 2.0/1.1/1.0 as transmitted over the cable
	USB2_0HighSpeed        Type = 295    // USB_2_0_HIGH_SPEED: High-Speed USB 2.0 as transmitted over the cable
	AuerswaldLog           Type = 296    // AUERSWALD_LOG: Auerswald Logger Protocol
	ZWaveTAP               Type = 297    // ZWAVE_TAP: Z-Wave packets with a TAP meta-data header
	SiLabsDebugChannel     Type = 298    // SILABS_DEBUG_CHANNEL: Silicon Labs debug channel protocol
	FiRaUCI                Type = 299    // FIRA_UCI: Ultra-wideband controller interface protocol
	MDB                    Type = 300    // MDB: Multi-Drop Bus
	DECTNR                 Type = 301    // DECT_NR: DECT New Radio
	User0                  Type = 147    // USER0: Private use 0
	User1                  Type = 148    // USER1: Private use 1
	User2                  Type = 149    // USER2: Private use 2
	User3                  Type = 150    // USER3: Private use 3
	User4                  Type = 151    // USER4: Private use 4
	User5                  Type = 152    // USER5: Private use 5
	User6                  Type = 153    // USER6: Private use 6
	User7                  Type = 154    // USER7: Private use 7
	User8                  Type = 155    // USER8: Private use 8
	User9                  Type = 156    // USER9: Private use 9
	User10                 Type = 157    // USER10: Private use 10
	User11                 Type = 158    // USER11: Private use 11
	User12                 Type = 159    // USER12: Private use 12
	User13                 Type = 160    // USER13: Private use 13
	User14                 Type = 161    // USER14: Private use 14
	User15                 Type = 162    // USER15: Private use 15
	EDK2MM                 Type = 302    // EDK2_MM: EDK II MM request serialization protocol
	DebugOnly              Type = 303    // DEBUG_ONLY: unstructured data for manual debugging only
	DECTNRTAP              Type = 304    // DECT_NR_TAP: DECT-2020 New Radio TAP
)

// choices is libpcap's list of named link types, in libpcap's order.
var choices = [...]Info{
	{Null, "NULL", "BSD loopback"},
	{EN10MB, "EN10MB", "Ethernet"},
	{EN3MB, "EN3MB", "experimental Ethernet (3Mb/s)"},
	{AX25, "AX25", "AX.25 layer 2"},
	{ProNET, "PRONET", "Proteon ProNET Token Ring"},
	{Chaos, "CHAOS", "MIT Chaosnet"},
	{IEEE802, "IEEE802", "802.5 Token Ring"},
	{ARCnet, "ARCNET", "BSD ARCnet"},
	{SLIP, "SLIP", "Serial Line IP"},
	{PPP, "PPP", "Point-to-Point Protocol"},
	{FDDI, "FDDI", "Fiber Distributed Data Interface"},
	{RedbackSmartEdge, "REDBACK_SMARTEDGE", "Redback SmartEdge 400/800"},
	{ATMRFC1483, "ATM_RFC1483", "RFC 1483 LLC-encapsulated ATM"},
	{Raw, "RAW", "Raw IPv4/IPv6"},
	{SLIPBSDOS, "SLIP_BSDOS", "BSD/OS Serial Line IP"},
	{PPPBSDOS, "PPP_BSDOS", "BSD/OS Point-to-Point Protocol"},
	{ATMCLIP, "ATM_CLIP", "Linux Classical IP over ATM"},
	{PPPSerial, "PPP_SERIAL", "Point-to-Point Protocol over serial"},
	{PPPEther, "PPP_ETHER", "PPPoE session packets"},
	{SymantecFirewall, "SYMANTEC_FIREWALL", "Symantec Firewall"},
	{CHDLC, "C_HDLC", "Cisco HDLC"},
	{IEEE802_11, "IEEE802_11", "802.11"},
	{FRelay, "FRELAY", "Frame Relay"},
	{Loop, "LOOP", "OpenBSD loopback"},
	{ENC, "ENC", "OpenBSD encapsulated IP"},
	{LinuxSLL, "LINUX_SLL", "Linux cooked v1"},
	{LTalk, "LTALK", "LocalTalk"},
	{PFLog, "PFLOG", "OpenBSD pflog file"},
	{PFSync, "PFSYNC", "Packet filter state syncing"},
	{PrismHeader, "PRISM_HEADER", "802.11 plus Prism header"},
	{IPOverFC, "IP_OVER_FC", "RFC 2625 IP-over-Fibre Channel"},
	{SunATM, "SUNATM", "Sun raw ATM"},
	{IEEE802_11Radio, "IEEE802_11_RADIO", "802.11 plus radiotap header"},
	{ARCnetLinux, "ARCNET_LINUX", "Linux ARCnet"},
	{JuniperMLPPP, "JUNIPER_MLPPP", "Juniper Multi-Link PPP"},
	{JuniperMLFR, "JUNIPER_MLFR", "Juniper Multi-Link Frame Relay"},
	{JuniperES, "JUNIPER_ES", "Juniper Encryption Services PIC"},
	{JuniperGGSN, "JUNIPER_GGSN", "Juniper GGSN PIC"},
	{JuniperMFR, "JUNIPER_MFR", "Juniper FRF.16 Frame Relay"},
	{JuniperATM2, "JUNIPER_ATM2", "Juniper ATM2 PIC"},
	{JuniperServices, "JUNIPER_SERVICES", "Juniper Advanced Services PIC"},
	{JuniperATM1, "JUNIPER_ATM1", "Juniper ATM1 PIC"},
	{AppleIPOverIEEE1394, "APPLE_IP_OVER_IEEE1394", "Apple IP-over-IEEE 1394"},
	{MTP2WithPHDR, "MTP2_WITH_PHDR", "SS7 MTP2 with Pseudo-header"},
	{MTP2, "MTP2", "SS7 MTP2"},
	{MTP3, "MTP3", "SS7 MTP3"},
	{SCCP, "SCCP", "SS7 SCCP"},
	{DOCSIS, "DOCSIS", "DOCSIS"},
	{LinuxIRDA, "LINUX_IRDA", "Linux IrDA"},
	{IEEE802_11RadioAVS, "IEEE802_11_RADIO_AVS", "802.11 plus AVS radio information header"},
	{JuniperMonitor, "JUNIPER_MONITOR", "Juniper Passive Monitor PIC"},
	{BACnetMSTP, "BACNET_MS_TP", "BACnet MS/TP"},
	{PPPpppd, "PPP_PPPD", "PPP for pppd, with direction flag"},
	{JuniperPPPOE, "JUNIPER_PPPOE", "Juniper PPPoE"},
	{JuniperPPPOEATM, "JUNIPER_PPPOE_ATM", "Juniper PPPoE/ATM"},
	{GPRSLLC, "GPRS_LLC", "GPRS LLC"},
	{GPFT, "GPF_T", "GPF-T"},
	{GPFF, "GPF_F", "GPF-F"},
	{JuniperPICPeer, "JUNIPER_PIC_PEER", "Juniper PIC Peer"},
	{ERFEth, "ERF_ETH", "Ethernet with Endace ERF header"},
	{ERFPOS, "ERF_POS", "Packet-over-SONET with Endace ERF header"},
	{LinuxLAPD, "LINUX_LAPD", "Linux vISDN LAPD"},
	{JuniperEther, "JUNIPER_ETHER", "Juniper Ethernet"},
	{JuniperPPP, "JUNIPER_PPP", "Juniper PPP"},
	{JuniperFRelay, "JUNIPER_FRELAY", "Juniper Frame Relay"},
	{JuniperCHDLC, "JUNIPER_CHDLC", "Juniper C-HDLC"},
	{MFR, "MFR", "FRF.16 Frame Relay"},
	{JuniperVP, "JUNIPER_VP", "Juniper Voice PIC"},
	{A429, "A429", "Arinc 429"},
	{A653ICM, "A653_ICM", "Arinc 653 Interpartition Communication"},
	{USBFreeBSD, "USB_FREEBSD", "USB with FreeBSD header"},
	{BluetoothHCIH4, "BLUETOOTH_HCI_H4", "Bluetooth HCI UART transport layer"},
	{IEEE802_16MACCPS, "IEEE802_16_MAC_CPS", "IEEE 802.16 MAC Common Part Sublayer"},
	{USBLinux, "USB_LINUX", "USB with Linux header"},
	{CAN20B, "CAN20B", "Controller Area Network (CAN) v. 2.0B"},
	{IEEE802_15_4Linux, "IEEE802_15_4_LINUX", "IEEE 802.15.4 with Linux padding"},
	{PPI, "PPI", "Per-Packet Information"},
	{IEEE802_16MACCPSRadio, "IEEE802_16_MAC_CPS_RADIO", "IEEE 802.16 MAC Common Part Sublayer plus radiotap header"},
	{JuniperISM, "JUNIPER_ISM", "Juniper Integrated Service Module"},
	{IEEE802_15_4, "IEEE802_15_4", "IEEE 802.15.4 with FCS"},
	{SITA, "SITA", "SITA pseudo-header"},
	{ERF, "ERF", "Endace ERF header"},
	{RAIF1, "RAIF1", "Ethernet with u10 Networks pseudo-header"},
	{IPMBKontron, "IPMB_KONTRON", "IPMB with Kontron pseudo-header"},
	{JuniperST, "JUNIPER_ST", "Juniper Secure Tunnel"},
	{BluetoothHCIH4WithPHDR, "BLUETOOTH_HCI_H4_WITH_PHDR", "Bluetooth HCI UART transport layer plus pseudo-header"},
	{AX25KISS, "AX25_KISS", "AX.25 with KISS header"},
	{I2CLinux, "I2C_LINUX", "I2C with Linux/Pigeon Point pseudo-header"},
	{IEEE802_15_4NonASKPHY, "IEEE802_15_4_NONASK_PHY", "IEEE 802.15.4 with non-ASK PHY data"},
	{MPLS, "MPLS", "MPLS with label as link-layer header"},
	{LinuxEvdev, "LINUX_EVDEV", "Linux evdev events"},
	{USBLinuxMmapped, "USB_LINUX_MMAPPED", "USB with padded Linux header"},
	{DECT, "DECT", "DECT"},
	{AOS, "AOS", "AOS Space Data Link protocol"},
	{WirelessHART, "WIHART", "WirelessHART"},
	{FC2, "FC_2", "Fibre Channel FC-2"},
	{FC2WithFrameDelims, "FC_2_WITH_FRAME_DELIMS", "Fibre Channel FC-2 with frame delimiters"},
	{IPNet, "IPNET", "Solaris ipnet"},
	{CANSocketCAN, "CAN_SOCKETCAN", "CAN-bus with SocketCAN headers"},
	{IPv4, "IPV4", "Raw IPv4"},
	{IPv6, "IPV6", "Raw IPv6"},
	{IEEE802_15_4NoFCS, "IEEE802_15_4_NOFCS", "IEEE 802.15.4 without FCS"},
	{DBus, "DBUS", "D-Bus"},
	{JuniperVS, "JUNIPER_VS", "Juniper Virtual Server"},
	{JuniperSRXE2E, "JUNIPER_SRX_E2E", "Juniper SRX E2E"},
	{JuniperFibreChannel, "JUNIPER_FIBRECHANNEL", "Juniper Fibre Channel"},
	{DVBCI, "DVB_CI", "DVB-CI"},
	{MUX27010, "MUX27010", "MUX27010"},
	{STANAG5066DPDU, "STANAG_5066_D_PDU", "STANAG 5066 D_PDUs"},
	{JuniperATMCEMIC, "JUNIPER_ATM_CEMIC", "Juniper ATM CEMIC"},
	{NFLOG, "NFLOG", "Linux netfilter log messages"},
	{NetAnalyzer, "NETANALYZER", "Ethernet with Hilscher netANALYZER pseudo-header"},
	{NetAnalyzerTransparent, "NETANALYZER_TRANSPARENT", "Ethernet with Hilscher netANALYZER pseudo-header and with preamble and SFD"},
	{IPoIB, "IPOIB", "RFC 4391 IP-over-InfiniBand"},
	{MPEG2TS, "MPEG_2_TS", "MPEG-2 transport stream"},
	{NG40, "NG40", "ng40 protocol tester Iub/Iur"},
	{NFCLLCP, "NFC_LLCP", "NFC LLCP PDUs with pseudo-header"},
	{InfiniBand, "INFINIBAND", "InfiniBand"},
	{SCTP, "SCTP", "SCTP"},
	{USBPcap, "USBPCAP", "USB with USBPcap header"},
	{RTACSerial, "RTAC_SERIAL", "Schweitzer Engineering Laboratories RTAC packets"},
	{BluetoothLELL, "BLUETOOTH_LE_LL", "Bluetooth Low Energy air interface"},
	{Netlink, "NETLINK", "Linux netlink"},
	{BluetoothLinuxMonitor, "BLUETOOTH_LINUX_MONITOR", "Bluetooth Linux Monitor"},
	{BluetoothBREDRBB, "BLUETOOTH_BREDR_BB", "Bluetooth Basic Rate/Enhanced Data Rate baseband packets"},
	{BluetoothLELLWithPHDR, "BLUETOOTH_LE_LL_WITH_PHDR", "Bluetooth Low Energy air interface with pseudo-header"},
	{ProfibusDL, "PROFIBUS_DL", "PROFIBUS data link layer"},
	{PKTAP, "PKTAP", "Apple PKTAP"},
	{EPON, "EPON", "Ethernet with 802.3 Clause 65 EPON preamble"},
	{IPMIHPM2, "IPMI_HPM_2", "IPMI trace packets"},
	{ZWaveR1R2, "ZWAVE_R1_R2", "Z-Wave RF profile R1 and R2 packets"},
	{ZWaveR3, "ZWAVE_R3", "Z-Wave RF profile R3 packets"},
	{WattStopperDLM, "WATTSTOPPER_DLM", "WattStopper Digital Lighting Management (DLM) and Legrand Nitoo Open protocol"},
	{ISO14443, "ISO_14443", "ISO 14443 messages"},
	{RDS, "RDS", "IEC 62106 Radio Data System groups"},
	{USBDarwin, "USB_DARWIN", "USB with Darwin header"},
	{OpenFlow, "OPENFLOW", "OpenBSD OpenFlow"},
	{SDLC, "SDLC", "IBM SDLC frames"},
	{TILLNSniffer, "TI_LLN_SNIFFER", "TI LLN sniffer frames"},
	{VSock, "VSOCK", "Linux vsock"},
	{NordicBLE, "NORDIC_BLE", "Nordic Semiconductor Bluetooth LE sniffer frames"},
	{DOCSIS31XRA31, "DOCSIS31_XRA31", "Excentis XRA-31 DOCSIS 3.1 RF sniffer frames"},
	{EthernetMPacket, "ETHERNET_MPACKET", "802.3br mPackets"},
	{DisplayPortAUX, "DISPLAYPORT_AUX", "DisplayPort AUX channel monitoring data"},
	{LinuxSLL2, "LINUX_SLL2", "Linux cooked v2"},
	{OpenVizsla, "OPENVIZSLA", "OpenVizsla USB"},
	{EBHSCR, "EBHSCR", "Elektrobit High Speed Capture and Replay (EBHSCR)"},
	{VPPDispatch, "VPP_DISPATCH", "VPP graph dispatch tracer"},
	{DSATagBRCM, "DSA_TAG_BRCM", "Broadcom infix DSA tag"},
	{DSATagBRCMPrepend, "DSA_TAG_BRCM_PREPEND", "Broadcom prefix DSA tag"},
	{IEEE802_15_4TAP, "IEEE802_15_4_TAP", "IEEE 802.15.4 with pseudo-header"},
	{DSATagDSA, "DSA_TAG_DSA", "Marvell infix 4-octet DSA tag"},
	{DSATagEDSA, "DSA_TAG_EDSA", "Marvell infix 8-octet DSA tag"},
	{ELEE, "ELEE", "ELEE lawful intercept packets"},
	{ZWaveSerial, "Z_WAVE_SERIAL", "Z-Wave serial frames between host and chip"},
	{USB2_0, "USB_2_0", "USB 2.0/1.1/1.0 as transmitted over the cable"},
	{ATSCALP, "ATSC_ALP", "ATSC Link-Layer Protocol packets"},
	{ETW, "ETW", "Event Tracing for Windows messages"},
	{NetAnalyzerNG, "NETANALYZER_NG", "Hilscher netANALYZER NG pseudo-footer"},
	{ZBOSSNCP, "ZBOSS_NCP", "ZBOSS NCP protocol with pseudo-header"},
	{USB2_0LowSpeed, "USB_2_0_LOW_SPEED", "Low-Speed USB 2.0/1.1/1.0 as transmitted over the cable"},
	{USB2_0FullSpeed, "USB_2_0_FULL_SPEED", "Full-Speed USB 2.0/1.1/1.0 as transmitted over the cable"},
	{USB2_0HighSpeed, "USB_2_0_HIGH_SPEED", "High-Speed USB 2.0 as transmitted over the cable"},
	{AuerswaldLog, "AUERSWALD_LOG", "Auerswald Logger Protocol"},
	{ZWaveTAP, "ZWAVE_TAP", "Z-Wave packets with a TAP meta-data header"},
	{SiLabsDebugChannel, "SILABS_DEBUG_CHANNEL", "Silicon Labs debug channel protocol"},
	{FiRaUCI, "FIRA_UCI", "Ultra-wideband controller interface protocol"},
	{MDB, "MDB", "Multi-Drop Bus"},
	{DECTNR, "DECT_NR", "DECT New Radio"},
	{User0, "USER0", "Private use 0"},
	{User1, "USER1", "Private use 1"},
	{User2, "USER2", "Private use 2"},
	{User3, "USER3", "Private use 3"},
	{User4, "USER4", "Private use 4"},
	{User5, "USER5", "Private use 5"},
	{User6, "USER6", "Private use 6"},
	{User7, "USER7", "Private use 7"},
	{User8, "USER8", "Private use 8"},
	{User9, "USER9", "Private use 9"},
	{User10, "USER10", "Private use 10"},
	{User11, "USER11", "Private use 11"},
	{User12, "USER12", "Private use 12"},
	{User13, "USER13", "Private use 13"},
	{User14, "USER14", "Private use 14"},
	{User15, "USER15", "Private use 15"},
	{EDK2MM, "EDK2_MM", "EDK II MM request serialization protocol"},
	{DebugOnly, "DEBUG_ONLY", "unstructured data for manual debugging only"},
	{DECTNRTAP, "DECT_NR_TAP", "DECT-2020 New Radio TAP"},
}
