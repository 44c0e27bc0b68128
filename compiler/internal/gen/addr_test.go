package gen

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
	"github.com/gocapdump/gocapdump/internal/testcorpus"
)

// testResolver resolves names from the system files plus the lines the
// corpus expects in /etc/hosts, /etc/ethers and /etc/networks, written to
// temporary files.
func testResolver(t *testing.T) *names.Resolver {
	t.Helper()
	dir := t.TempDir()
	corpus := ""
	if d, err := testcorpus.Lookup("corpus/libpcap/etc"); err == nil {
		corpus = d
	}
	file := func(base, system string, extra ...string) string {
		var data []byte
		if b, err := os.ReadFile(system); err == nil {
			data = append(data, b...)
			data = append(data, '\n')
		}
		if corpus != "" {
			if b, err := os.ReadFile(filepath.Join(corpus, base)); err == nil {
				data = append(data, b...)
				data = append(data, '\n')
			}
		}
		for _, l := range extra {
			data = append(data, l+"\n"...)
		}
		p := filepath.Join(dir, base)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	return &names.Resolver{
		HostsFile:    file("hosts", "/etc/hosts"),
		EthersFile:   file("ethers", "/etc/ethers"),
		NetworksFile: file("networks", "/etc/networks"),
		ServicesFile: file("services", "/etc/services",
			"smtp 25/tcp mail", "domain 53/tcp", "domain 53/udp",
			"bootps 67/udp", "bootpc 68/udp", "gcd-tcponly 4001/tcp",
			"gcd-udponly 4002/udp", "gcd-split 4003/tcp", "gcd-split 4004/udp"),
		ProtocolsFile: file("protocols", "/etc/protocols",
			"tcp 6 TCP", "udp 17 UDP"),
		NoDNS: true,
	}
}

// compile drives the generator with one primitive call and returns the
// listing or the error.
func compile(cfg Config, call func(b parse.Builder) (parse.Expr, error)) (string, error) {
	return generateListing(cfg, func(b parse.Builder) error {
		e, err := call(b)
		if err != nil {
			return err
		}
		return b.Finish(e)
	})
}

type addrCase struct {
	block string // corpus block with the expected program
	dlt   int
	call  func(b parse.Builder) (parse.Expr, error)
}

func sc(name string, q parse.Qual) func(b parse.Builder) (parse.Expr, error) {
	return func(b parse.Builder) (parse.Expr, error) { return b.SCode(name, q) }
}
func nc(text string, v uint32, q parse.Qual) func(b parse.Builder) (parse.Expr, error) {
	return func(b parse.Builder) (parse.Expr, error) { return b.NCode(text, v, q) }
}
func mc(addr, mask string, n uint32, q parse.Qual) func(b parse.Builder) (parse.Expr, error) {
	return func(b parse.Builder) (parse.Expr, error) { return b.MCode(addr, mask, n, q) }
}
func mc6(addr string, n uint32, q parse.Qual) func(b parse.Builder) (parse.Expr, error) {
	return func(b parse.Builder) (parse.Expr, error) { return b.MCode6(addr, n, q) }
}
func ec(mac string, q parse.Qual) func(b parse.Builder) (parse.Expr, error) {
	return func(b parse.Builder) (parse.Expr, error) { return b.ECode(mac, q) }
}

func qual(proto, dir, addr uint8) parse.Qual { return parse.Qual{Proto: proto, Dir: dir, Addr: addr} }

const (
	hostName4  = "noeth-ipv4-noipv6.host123.libpcap.test"
	hostName6  = "noeth-noipv4-ipv6.host123.libpcap.test"
	hostName46 = "noeth-ipv4-ipv6.host123.libpcap.test"
)

func TestAddrCorpusPrograms(t *testing.T) {
	P, D, A := parse.ProtoDefault, parse.DirDefault, parse.AddrDefault
	_, _, _ = P, D, A
	cases := []addrCase{
		{"ether_host_addr", dltEN10MB, ec("ab:cd:ef:0:0:1", qual(parse.ProtoLink, D, parse.AddrHost))},
		{"ether_host_addr", dltEN10MB, ec("Ab.cD.ef.00.0.01", qual(parse.ProtoLink, parse.DirOr, A))},
		{"ether_dst_host_addr", dltEN10MB, ec("abcdef000003", qual(parse.ProtoLink, parse.DirDst, A))},
		{"ether_src_host_name", dltEN10MB, sc("eth-noipv4-noipv6.host123.libpcap.test", qual(parse.ProtoLink, parse.DirSrc, parse.AddrHost))},
		{"ether_host_NAME", dltEN10MB, sc("ETH-NOIPV4-NOIPV6.HOST123.LIBPCAP.TEST", qual(parse.ProtoLink, D, parse.AddrHost))},
		{"rarp_host_addr_en10mb", dltEN10MB, nc("1.2.3.4", 0, qual(parse.ProtoRARP, D, parse.AddrHost))},
		{"arp_host_name_en10mb", dltEN10MB, sc(hostName4, qual(parse.ProtoARP, D, parse.AddrHost))},
		{"arp_dst_addr_en10mb", dltEN10MB, nc("1.2.3.4", 0, qual(parse.ProtoARP, parse.DirDst, A))},
		{"rarp_net_addr", dltLinuxSLL2, mc("192.168", "", 16, qual(parse.ProtoRARP, D, parse.AddrNet))},
		{"arp_net_name", dltLinuxSLL, sc("net-10-0-0-0.libpcap.test", qual(parse.ProtoARP, D, parse.AddrNet))},
		{"decnet_host", dltEN10MB, nc("50.764", 0, qual(parse.ProtoDECnet, D, parse.AddrHost))},
		{"decnet_dst_host", dltEN10MB, nc("50.764", 0, qual(parse.ProtoDECnet, parse.DirDst, A))},
		{"ip_proto", dltEN10MB, nc("", 6, qual(parse.ProtoIP, D, parse.AddrProto))},
		{"ip_proto", dltEN10MB, sc("tcp", qual(parse.ProtoIP, D, parse.AddrProto))},
		{"ip6_proto", dltEN10MB, sc("tcp", qual(parse.ProtoIPv6, D, parse.AddrProto))},
		{"ip_protochain", dltRaw, sc("udp", qual(parse.ProtoIP, D, parse.AddrProtochain))},
		{"ip6_protochain", dltRaw, nc("", 17, qual(parse.ProtoIPv6, D, parse.AddrProtochain))},
		{"protochain", dltRaw, nc("", 17, qual(P, D, parse.AddrProtochain))},
		{"udp", dltRaw, nc("", 17, qual(P, D, parse.AddrProto))},
		{"src_and_dst_net_ipv4addr_12bit_RAW", dltRaw, mc("172.16.0.0", "", 12, qual(P, parse.DirAnd, parse.AddrNet))},
		{"src_and_dst_net_ipv6addr_RAW", dltRaw, mc6("abcd:e0e1:e3e4:e5e6:e7e8:e9ea:c7c8::", 120, qual(P, parse.DirAnd, parse.AddrNet))},
		{"net_name_EN10MB", dltEN10MB, sc("net-10-20-0-0.libpcap.test", qual(P, D, parse.AddrNet))},
		{"host_noeth_ipv4_noipv6_EN10MB", dltEN10MB, sc(hostName4, qual(P, D, parse.AddrHost))},
		{"host_noeth_noipv4_ipv6_EN10MB", dltEN10MB, sc(hostName6, qual(P, D, parse.AddrHost))},
		{"host_noeth_ipv4_ipv6_EN10MB", dltEN10MB, sc(hostName46, qual(P, parse.DirOr, A))},
		{"src_and_dst_host_noeth_ipv4_ipv6_EN10MB", dltEN10MB, sc(hostName46, qual(P, parse.DirAnd, parse.AddrHost))},
		{"host_eth_ipv4x4_ipv6x2_EN10MB", dltEN10MB, sc("eth-ipv4x4-ipv6x2.host357.libpcap.test", qual(P, D, parse.AddrHost))},
		{"ip_src_host_addr", dltRaw, nc("", 0x0a000002, qual(parse.ProtoIP, parse.DirSrc, parse.AddrHost))},
		{"ip_dst_net_addr_8", dltRaw, nc("", 10, qual(parse.ProtoIP, parse.DirDst, parse.AddrNet))},
		{"ip_dst_net_addr_8", dltRaw, mc("10.0.0.0", "255.0.0.0", 0, qual(parse.ProtoIP, parse.DirDst, parse.AddrNet))},
		{"ip_src_net_addr", dltRaw, mc("10.0.1", "", 24, qual(parse.ProtoIP, parse.DirSrc, parse.AddrNet))},
		{"gateway_name_en10mb", dltEN10MB, sc("eth-ipv4-ipv6.host123.libpcap.test", qual(P, D, parse.AddrGateway))},
		{"arp_gateway_ipv4x4_noipv6_EN10MB", dltEN10MB, sc("eth-ipv4x4-noipv6.host357.libpcap.test", qual(parse.ProtoARP, D, parse.AddrGateway))},
		{"ip6_host_addr", dltRaw, mc6("::1", 128, qual(parse.ProtoIPv6, D, parse.AddrHost))},
		{"ip6_dst_net_0", dltRaw, mc6("::", 0, qual(parse.ProtoIPv6, parse.DirDst, parse.AddrNet))},
		{"ip6_dst_net_40", dltRaw, mc6("ff11:2233:4400::", 40, qual(parse.ProtoIPv6, parse.DirDst, parse.AddrNet))},
		{"tcp_port", dltEN10MB, sc("smtp", qual(parse.ProtoTCP, D, parse.AddrPort))},
		{"tcp_port", dltEN10MB, sc("smtp-25", qual(parse.ProtoTCP, D, parse.AddrPortrange))},
		{"tcp_port", dltEN10MB, nc("", 25, qual(parse.ProtoTCP, D, parse.AddrPortrange))},
		{"tcp_portrange", dltEN10MB, sc("25-domain", qual(parse.ProtoTCP, D, parse.AddrPortrange))},
		{"udp_dst_portrange", dltEN10MB, sc("bootps-68", qual(parse.ProtoUDP, parse.DirDst, parse.AddrPortrange))},
		{"sctp_portrange", dltEN10MB, sc("1023-1", qual(parse.ProtoSCTP, D, parse.AddrPortrange))},
		{"port", dltEN10MB, nc("", 7, qual(P, D, parse.AddrPort))},
		{"src_portrange", dltEN10MB, sc("1-1023", qual(P, parse.DirSrc, parse.AddrPortrange))},
	}
	res := testResolver(t)
	for _, c := range cases {
		t.Run(c.block, func(t *testing.T) {
			want, snaplen := corpusUnopt(t, c.block)
			got, err := compile(Config{LinkType: c.dlt, Snaplen: snaplen, Names: res}, c.call)
			if err != nil {
				t.Fatalf("error: %v", err)
			}
			if got := programText(got); got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

func TestAddrErrors(t *testing.T) {
	P, D, A := parse.ProtoDefault, parse.DirDefault, parse.AddrDefault
	cases := []struct {
		dlt  int
		call func(b parse.Builder) (parse.Expr, error)
		want string
	}{
		{dltEN10MB, sc("host.invalid.", qual(parse.ProtoDECnet, D, parse.AddrHost)), "'decnet' is not a valid qualifier for 'host'"},
		{dltEN10MB, nc("", 1, qual(P, D, parse.AddrGateway)), "'gateway' is not a valid qualifier for '1'"},
		{dltEN10MB, nc("1.2", 0, qual(P, D, parse.AddrGateway)), "'gateway' is not a valid qualifier for '1.2'"},
		{dltEN10MB, nc("1.2.3.4", 0, qual(P, parse.DirAddr1, A)), "'addr1' is valid for 802.11 syntax only"},
		{dltEN10MB, nc("12.500", 0, qual(parse.ProtoAARP, D, parse.AddrHost)), "invalid IPv4 address '12.500'"},
		{dltEN10MB, nc("1.2.3.4", 0, qual(parse.ProtoLink, D, parse.AddrHost)), "illegal link-layer address '1.2.3.4'"},
		{dltEN10MB, nc("", 1, qual(parse.ProtoDECnet, D, parse.AddrHost)), "invalid DECnet address '1'"},
		{dltEN10MB, nc("64.120", 0, qual(parse.ProtoDECnet, D, parse.AddrHost)), "invalid DECnet address '64.120'"},
		{dltEN10MB, nc("", 70000, qual(parse.ProtoUDP, D, parse.AddrPort)), "port number 70000 greater than maximum 65535"},
		{dltEN10MB, sc("1-70000", qual(parse.ProtoTCP, D, parse.AddrPortrange)), "port number 70000 greater than maximum 65535"},
		{dltEN10MB, nc("", 256, qual(P, D, parse.AddrProtochain)), "protocol number 256 greater than maximum 255"},
		{dltEN10MB, sc("nosuchprotocol", qual(P, D, parse.AddrProtochain)), "unknown 'protochain' value 'nosuchprotocol'"},
		{dltEN10MB, sc("nosuchprotocol", qual(parse.ProtoAARP, D, parse.AddrProto)), "unknown 'aarp proto' value 'nosuchprotocol'"},
		{dltEN10MB, ec("aa:bb:cc:dd:ee:ff", qual(parse.ProtoAH, D, parse.AddrHost)), "Ethernet address used in non-ether expression"},
		{dltRaw, ec("aa:bb:cc:dd:ee:ff", qual(parse.ProtoLink, D, parse.AddrHost)), "'link host XX:XX:XX:XX:XX:XX' not supported on DLT_RAW (Raw IPv4/IPv6)"},
		{dltEN10MB, sc(hostName4, qual(parse.ProtoLink, D, parse.AddrHost)), "unknown Ethernet-like host '" + hostName4 + "'"},
		{dltEN10MB, sc("host.invalid.", qual(parse.ProtoIP, D, parse.AddrNet)), "unknown network 'host.invalid.'"},
		{dltEN10MB, sc("eth-noipv4-ipv6.host123.libpcap.test", qual(P, D, parse.AddrGateway)), "unknown host 'eth-noipv4-ipv6.host123.libpcap.test'"},
		{dltEN10MB, sc(hostName6, qual(parse.ProtoARP, D, parse.AddrHost)), "unknown host '" + hostName6 + "' for specified address family"},
		{dltEN10MB, sc(hostName4, qual(parse.ProtoIPv6, D, parse.AddrHost)), "unknown host '" + hostName4 + "' for specified address family"},
		{dltRaw, mc("192.168", "", 8, qual(P, D, parse.AddrNet)), `non-network bits set in "192.168/8"`},
		{dltRaw, mc("192.168", "255.0.0.0", 0, qual(P, D, parse.AddrNet)), `non-network bits set in "192.168 mask 255.0.0.0"`},
		{dltRaw, mc6("fe80:1234:5678::", 32, qual(P, D, parse.AddrNet)), `non-network bits set in "fe80:1234:5678::/32"`},
		{dltRaw, mc("10.0.0.0", "", 33, qual(parse.ProtoIP, D, parse.AddrNet)), "netmask length 33 greater than maximum 32"},
		{dltRaw, mc6("fe80::", 129, qual(parse.ProtoIPv6, D, parse.AddrNet)), "mask length must be <= 128"},
		{dltRaw, mc6("fe80::", 64, qual(P, D, parse.AddrHost)), "'host' is not a valid qualifier for 'fe80::/64'"},
		{dltRaw, mc6("fe80::1", 128, qual(parse.ProtoTCP, D, parse.AddrHost)), "'tcp' is not a valid qualifier for 'host <IPv6 address>'"},
		{dltRaw, nc("1.2.3.4", 0, qual(parse.ProtoTCP, D, parse.AddrHost)), "'tcp' is not a valid qualifier for 'host <IPv4 address>'"},
		{dltEN10MB, sc("gcd-tcponly", qual(parse.ProtoUDP, D, parse.AddrPort)), "port 'gcd-tcponly' is tcp"},
		{dltEN10MB, sc("gcd-udponly", qual(parse.ProtoTCP, D, parse.AddrPort)), "port 'gcd-udponly' is udp"},
		{dltEN10MB, sc("gcd-udponly-1", qual(parse.ProtoTCP, D, parse.AddrPortrange)), "port range 'gcd-udponly-1' contains more than one hyphen"},
		{dltEN10MB, sc("nosuchport", qual(P, D, parse.AddrPort)), "unknown port 'nosuchport'"},
		{dltEN10MB, sc("1-nosuchport", qual(P, D, parse.AddrPortrange)), "'nosuchport' is not a valid port"},
		{dltEN10MB, sc("-5", qual(P, D, parse.AddrPortrange)), "port range '-5' has no starting port"},
		{dltEN10MB, sc("4294967296-1", qual(P, D, parse.AddrPortrange)), "decimal number 4294967296 overflows 32 bits"},
		{dltEN10MB, sc("x", qual(parse.ProtoICMP, D, parse.AddrPort)), "'icmp' is not a valid qualifier for 'port'"},
		{dltEN10MB, nc("", 7, qual(parse.ProtoICMP, D, parse.AddrPortrange)), "'icmp' is not a valid qualifier for 'portrange'"},
		{dltEN10MB, nc("", 7, qual(P, parse.DirRA, parse.AddrPort)), "'ra' is not a valid qualifier for 'port'"},
		{dltEN10MB, sc("1-2", qual(P, parse.DirTA, parse.AddrPortrange)), "'ta' is not a valid qualifier for 'portrange'"},
		{dltEN10MB, nc("", 7, qual(parse.ProtoICMP, D, parse.AddrProtochain)), "'icmp' is not a valid qualifier for 'protochain'"},
		{dltEN10MB, nc("", 7, qual(parse.ProtoICMP, D, parse.AddrProto)), "'icmp' is not a valid qualifier for 'proto'"},
		{dltEN10MB, sc("x", qual(parse.ProtoICMP, D, parse.AddrGateway)), "'icmp' is not a valid qualifier for 'gateway'"},
	}
	res := testResolver(t)
	for _, c := range cases {
		_, err := compile(Config{LinkType: c.dlt, Names: res}, c.call)
		if err == nil {
			t.Errorf("want error %q, got none", c.want)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("got error %q, want %q", err, c.want)
		}
	}
}
