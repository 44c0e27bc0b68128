package parse

// Names the grammar looks up in tables: 802.11 frame types, subtypes and
// directions, LLC frame kinds and pflog reasons and actions. Lookups ignore
// case, as libpcap's do.

// equalFoldASCII compares ignoring the case of ASCII letters only, like
// the C library's strcasecmp in the C locale (strings.EqualFold would also
// fold non-ASCII letters such as U+017F to 's').
func equalFoldASCII(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

type named struct {
	name string
	val  uint32
}

func lookup(table []named, name string) (uint32, bool) {
	for _, n := range table {
		if equalFoldASCII(n.name, name) {
			return n.val, true
		}
	}
	return 0, false
}

// 802.11 frame control field, first byte: type in bits 2-3, subtype in
// bits 4-7; second byte: direction in bits 0-1.
const (
	wlanTypeMask    = 0x0c
	wlanSubtypeMask = 0xf0
	wlanDirMask     = 0x03

	wlanTypeMgt  = 0x00
	wlanTypeCtl  = 0x04
	wlanTypeData = 0x08
)

var wlanTypes = []named{
	{"data", wlanTypeData},
	{"mgt", wlanTypeMgt},
	{"management", wlanTypeMgt},
	{"ctl", wlanTypeCtl},
	{"control", wlanTypeCtl},
}

var wlanMgtSubtypes = []named{
	{"assocreq", 0x00}, {"assoc-req", 0x00},
	{"assocresp", 0x10}, {"assoc-resp", 0x10},
	{"reassocreq", 0x20}, {"reassoc-req", 0x20},
	{"reassocresp", 0x30}, {"reassoc-resp", 0x30},
	{"probereq", 0x40}, {"probe-req", 0x40},
	{"proberesp", 0x50}, {"probe-resp", 0x50},
	{"beacon", 0x80},
	{"atim", 0x90},
	{"disassoc", 0xa0}, {"disassociation", 0xa0},
	{"auth", 0xb0}, {"authentication", 0xb0},
	{"deauth", 0xc0}, {"deauthentication", 0xc0},
}

var wlanCtlSubtypes = []named{
	{"bar", 0x80},
	{"ba", 0x90},
	{"ps-poll", 0xa0},
	{"rts", 0xb0},
	{"cts", 0xc0},
	{"ack", 0xd0},
	{"cf-end", 0xe0},
	{"cf-end-ack", 0xf0},
}

var wlanDataSubtypes = []named{
	{"data", 0x00},
	{"data-cf-ack", 0x10},
	{"data-cf-poll", 0x20},
	{"data-cf-ack-poll", 0x30},
	{"null", 0x40},
	{"cf-ack", 0x50},
	{"cf-poll", 0x60},
	{"cf-ack-poll", 0x70},
	{"qos-data", 0x80},
	{"qos-data-cf-ack", 0x90},
	{"qos-data-cf-poll", 0xa0},
	{"qos-data-cf-ack-poll", 0xb0},
	{"qos", 0xc0},
	{"qos-cf-poll", 0xe0},
	{"qos-cf-ack-poll", 0xf0},
}

// wlanSubtypesByType is searched in this order by "subtype NAME" without a
// type, so a name that two types share ("data") resolves to the first.
var wlanSubtypesByType = []struct {
	typ      uint32
	subtypes []named
}{
	{wlanTypeMgt, wlanMgtSubtypes},
	{wlanTypeCtl, wlanCtlSubtypes},
	{wlanTypeData, wlanDataSubtypes},
}

var wlanDirs = []named{
	{"nods", 0}, {"tods", 1}, {"fromds", 2}, {"dstods", 3},
}

// LLC control field values.
const llcRNR = 0x05

var llcSSubtypes = []named{
	{"rr", 0x01}, {"rnr", llcRNR}, {"rej", 0x09},
}

var llcUSubtypes = []named{
	{"ui", 0x03}, {"ua", 0x63}, {"disc", 0x43}, {"dm", 0x0f},
	{"sabme", 0x6f}, {"test", 0xe3}, {"xid", 0xaf}, {"frmr", 0x87},
}

// pflog reason and action codes, as on Linux (the BSDs add a few more).
var pfReasons = []named{
	{"match", 0}, {"bad-offset", 1}, {"fragment", 2}, {"short", 3},
	{"normalize", 4}, {"memory", 5}, {"bad-timestamp", 6},
	{"congestion", 7}, {"ip-option", 8}, {"proto-cksum", 9},
	{"state-mismatch", 10}, {"state-insert", 11}, {"state-limit", 12},
	{"src-limit", 13}, {"synproxy", 14},
}

var pfActions = []named{
	{"pass", 0}, {"accept", 0}, {"drop", 1}, {"block", 1},
	{"scrub", 2}, {"noscrub", 3}, {"nat", 4}, {"nonat", 5},
	{"binat", 6}, {"nobinat", 7}, {"rdr", 8}, {"nordr", 9},
	{"synproxy-drop", 10},
}
