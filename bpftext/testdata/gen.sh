#!/bin/sh
# Regenerates the golden dumps from the installed tcpdump (libpcap 1.10.3).
# The .d files have trailing blanks removed: libpcap's development branch,
# which bpftext follows, no longer pads operand-less lines.
# Usage: sh gen.sh   (needs tcpdump; the vlan case needs root for -i lo)
set -e
gen() { # name, tcpdump interface options, expression
	name=$1 opts=$2 expr=$3
	tcpdump $opts -d "$expr" | sed 's/[ \t]*$//' >"$name.d"
	tcpdump $opts -dd "$expr" >"$name.dd"
	tcpdump $opts -ddd "$expr" >"$name.ddd"
}
gen tcp_port_22 "-y EN10MB" "tcp port 22"
gen ip6_protochain "-y EN10MB" "ip6 protochain 6"
gen ip_mem "-y EN10MB" "ip[2:2] = ip[4:2]"
gen arith "-y EN10MB" "ip[2:2] - 1 > 0 and ip[0] & 0xf0 = 64 and ip[6] % 3 = 1 and len * 2 >= 8 and ip[1] >> 2 = 0 and ip[2] ^ 5 != 7 and ip[3] | 1 = 1 and -ip[4] = 0 and ip[5] / 2 = 0 and ip[7] << 1 = 0"
gen vlan_inbound "-i lo" "vlan 100 and inbound"
