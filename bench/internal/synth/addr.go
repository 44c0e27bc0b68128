package synth

import "math/rand/v2"

type (
	ip4 [4]byte
	ip6 [16]byte
	mac [6]byte
)

// Pool sizes: large enough that a printer's per-address caches miss often
// on the cold tail, small enough that the hot head repeats.
const (
	localHosts4  = 2048
	remoteHosts4 = 40000
	localHosts6  = 1024
	remoteHosts6 = 12000
)

// host is a machine on the local segment: it has a MAC address and both
// address families.
type host struct {
	mac       mac
	v4        ip4
	v6        ip6 // global
	linkLocal ip6
}

// addressPool holds every address the generator uses.
type addressPool struct {
	gateway   host
	local     []host
	remote4   []ip4
	remote6   []ip6
	resolver4 []ip4
	resolver6 []ip6
}

// ouis are vendor prefixes for the local MAC addresses.
var ouis = [][3]byte{
	{0x00, 0x1b, 0x21}, {0x3c, 0xfd, 0xfe}, {0xa4, 0xbf, 0x01}, {0xf8, 0xff, 0xc2},
	{0x00, 0x50, 0x56}, {0x52, 0x54, 0x00}, {0xdc, 0xa6, 0x32}, {0xb8, 0x27, 0xeb},
}

func newAddressPool(rng *rand.Rand) addressPool {
	var p addressPool
	p.gateway = newHost(rng, 0)
	p.gateway.v4 = ip4{10, 0, 0, 1}
	p.gateway.v6 = ip6{0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}
	for i := 0; i < localHosts4; i++ {
		p.local = append(p.local, newHost(rng, i+1))
	}
	for i := 0; i < remoteHosts4; i++ {
		p.remote4 = append(p.remote4, publicIPv4(rng))
	}
	for i := 0; i < remoteHosts6; i++ {
		p.remote6 = append(p.remote6, publicIPv6(rng))
	}
	p.resolver4 = []ip4{{10, 0, 0, 53}, {8, 8, 8, 8}, {1, 1, 1, 1}, {9, 9, 9, 9}}
	p.resolver6 = []ip6{
		{0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x53},
		{0x20, 0x01, 0x48, 0x60, 0x48, 0x60, 0, 0, 0, 0, 0, 0, 0, 0, 0x88, 0x88},
	}
	return p
}

// newHost makes local host number i: 10.x.y.z in a /16 per 256 hosts,
// a global IPv6 address whose interface identifier is either random (a
// privacy address), derived from the MAC (EUI-64) or a small number, and
// the EUI-64 link-local address.
func newHost(rng *rand.Rand, i int) host {
	var h host
	o := ouis[rng.IntN(len(ouis))]
	copy(h.mac[:3], o[:])
	h.mac[3], h.mac[4], h.mac[5] = byte(rng.Uint32()), byte(rng.Uint32()), byte(rng.Uint32())
	h.v4 = ip4{10, byte(i / 256), byte(rng.IntN(256)), byte(1 + rng.IntN(254))}
	eui := [8]byte{h.mac[0] ^ 2, h.mac[1], h.mac[2], 0xff, 0xfe, h.mac[3], h.mac[4], h.mac[5]}
	h.linkLocal = ip6{0xfe, 0x80}
	copy(h.linkLocal[8:], eui[:])
	h.v6 = ip6{0x20, 0x01, 0x0d, 0xb8, 0x00, 0x10, 0x00, byte(i / 128)}
	switch rng.IntN(3) {
	case 0:
		for j := 8; j < 16; j++ {
			h.v6[j] = byte(rng.Uint32())
		}
	case 1:
		copy(h.v6[8:], eui[:])
	default:
		h.v6[14], h.v6[15] = byte(i>>8), byte(i)
	}
	return h
}

// publicIPv4 returns a unicast address outside the private, loopback and
// multicast ranges.
func publicIPv4(rng *rand.Rand) ip4 {
	for {
		a := ip4{byte(1 + rng.IntN(223)), byte(rng.Uint32()), byte(rng.Uint32()), byte(1 + rng.IntN(254))}
		switch {
		case a[0] == 10, a[0] == 127, a[0] == 100 && a[1]&0xc0 == 64,
			a[0] == 172 && a[1]&0xf0 == 16, a[0] == 192 && a[1] == 168,
			a[0] == 169 && a[1] == 254:
			continue
		}
		return a
	}
}

// publicIPv6 returns a global address in one of three shapes seen from
// large content networks: mostly zeros with a short tail, a /48 with a
// random host part, and fully random.
func publicIPv6(rng *rand.Rand) ip6 {
	prefixes := [][4]byte{{0x2a, 0x00, 0x14, 0x50}, {0x26, 0x06, 0x47, 0x00}, {0x26, 0x20, 0x01, 0xec}, {0x2a, 0x03, 0x28, 0x80}}
	var a ip6
	pre := prefixes[rng.IntN(len(prefixes))]
	copy(a[:4], pre[:])
	switch rng.IntN(3) {
	case 0: // 2a00:1450:4001:81c::200e
		a[4], a[5] = 0x40, byte(rng.IntN(32))
		a[6], a[7] = 0x08, byte(rng.Uint32())
		a[14], a[15] = byte(rng.Uint32()), byte(rng.Uint32())
	case 1:
		a[4], a[5] = byte(rng.Uint32()), byte(rng.Uint32())
		for j := 8; j < 16; j++ {
			a[j] = byte(rng.Uint32())
		}
	default:
		for j := 4; j < 16; j++ {
			a[j] = byte(rng.Uint32())
		}
	}
	return a
}

// localHost picks a local machine, busy ones more often.
func (g *Generator) localHost() *host { return &g.pool.local[g.skewed(len(g.pool.local))] }

func (g *Generator) remote4() ip4 { return g.pool.remote4[g.skewed(len(g.pool.remote4))] }

func (g *Generator) remote6() ip6 { return g.pool.remote6[g.skewed(len(g.pool.remote6))] }
