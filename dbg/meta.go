package dbg

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/gocapdump/gocapdump/bpfvm"
)

// metaField is one piece of ancillary data the set command can change:
// what a Linux ancillary load (SKF_AD_*) reads, or where SKF_LL_OFF and
// SKF_NET_OFF point.
type metaField struct {
	name    string   // canonical name, as shown
	aliases []string // bpf_asm's and tcpdump's names for the same field
	max     uint64   // largest value accepted
	offset  bool     // a header offset: shown in decimal, "none" for -1
	get     func(*bpfvm.Metadata) int64
	set     func(*bpfvm.Metadata, int64)
}

// pktTypes are the names of the packet types (PACKET_HOST...).
var pktTypes = []string{"host", "broadcast", "multicast", "otherhost", "outgoing"}

// metaFields lists the settable fields in display order.
var metaFields = []metaField{
	{name: "proto", aliases: []string{"protocol"}, max: 0xffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.Protocol) },
		set: func(m *bpfvm.Metadata, v int64) { m.Protocol = uint16(v) }},
	{name: "pkttype", aliases: []string{"type"}, max: 0xff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.PktType) },
		set: func(m *bpfvm.Metadata, v int64) { m.PktType = uint8(v) }},
	{name: "ifindex", aliases: []string{"ifidx"}, max: 0xffffffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.IfIndex) },
		set: func(m *bpfvm.Metadata, v int64) { m.IfIndex = uint32(v) }},
	{name: "nodevice", max: 1,
		get: func(m *bpfvm.Metadata) int64 { return b2i(m.NoDevice) },
		set: func(m *bpfvm.Metadata, v int64) { m.NoDevice = v != 0 }},
	{name: "mark", max: 0xffffffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.Mark) },
		set: func(m *bpfvm.Metadata, v int64) { m.Mark = uint32(v) }},
	{name: "queue", max: 0xffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.Queue) },
		set: func(m *bpfvm.Metadata, v int64) { m.Queue = uint16(v) }},
	{name: "hatype", max: 0xffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.HAType) },
		set: func(m *bpfvm.Metadata, v int64) { m.HAType = uint16(v) }},
	{name: "rxhash", max: 0xffffffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.RxHash) },
		set: func(m *bpfvm.Metadata, v int64) { m.RxHash = uint32(v) }},
	{name: "cpu", max: 0xffffffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.CPU) },
		set: func(m *bpfvm.Metadata, v int64) { m.CPU = uint32(v) }},
	{name: "vlan_tci", max: 0xffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.VLANTCI) },
		set: func(m *bpfvm.Metadata, v int64) { m.VLANTCI = uint16(v) }},
	{name: "vlan_avail", aliases: []string{"vlanp", "vlan_pr"}, max: 1,
		get: func(m *bpfvm.Metadata) int64 { return b2i(m.VLANPresent) },
		set: func(m *bpfvm.Metadata, v int64) { m.VLANPresent = v != 0 }},
	{name: "vlan_tpid", max: 0xffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.VLANTPID) },
		set: func(m *bpfvm.Metadata, v int64) { m.VLANTPID = uint16(v) }},
	{name: "poff", aliases: []string{"payoff"}, max: 0xffffffff,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.PayloadOffset) },
		set: func(m *bpfvm.Metadata, v int64) { m.PayloadOffset = uint32(v) }},
	{name: "lloff", max: 0x7fffffff, offset: true,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.LinkOffset) },
		set: func(m *bpfvm.Metadata, v int64) { m.LinkOffset = int(v) }},
	{name: "netoff", max: 0x7fffffff, offset: true,
		get: func(m *bpfvm.Metadata) int64 { return int64(m.NetworkOffset) },
		set: func(m *bpfvm.Metadata, v int64) { m.NetworkOffset = int(v) }},
}

// randomField is SKF_AD_RANDOM: random unless fixed with set.
const randomField = "rand"

func b2i(b bool) int64 {
	if b {
		return 1
	}
	return 0
}

// findMetaField returns the field called name (or one of its aliases).
func findMetaField(name string) (*metaField, bool) {
	for i := range metaFields {
		f := &metaFields[i]
		if f.name == name || slices.Contains(f.aliases, name) {
			return f, true
		}
	}
	return nil, false
}

// overrides are the ancillary values a user set, by canonical field name
// (randomField included).
type overrides map[string]int64

// apply writes the overrides into md.
func (o overrides) apply(md *bpfvm.Metadata) {
	for i := range metaFields {
		if v, ok := o[metaFields[i].name]; ok {
			metaFields[i].set(md, v)
		}
	}
	if v, ok := o[randomField]; ok {
		r := uint32(v)
		md.Random = func() uint32 { return r }
	}
}

// parseMetaValue reads a value for field f: a number, a packet type name
// for pkttype, "none" for a header offset.
func parseMetaValue(f *metaField, s string) (int64, error) {
	if f != nil && f.name == "pkttype" {
		if i := slices.Index(pktTypes, strings.ToLower(s)); i >= 0 {
			return int64(i), nil
		}
	}
	if f != nil && f.offset && s == "none" {
		return -1, nil
	}
	max := uint64(0xffffffff)
	if f != nil {
		max = f.max
	}
	v, err := parseUint(s, max)
	if err != nil {
		return 0, err
	}
	return int64(v), nil
}

// writeMeta lists every field of md, marking those set for this packet
// or for all packets.
func writeMeta(w io.Writer, md *bpfvm.Metadata, pkt, all overrides) {
	mark := func(name string) string {
		if _, ok := pkt[name]; ok {
			return " (set)"
		}
		if _, ok := all[name]; ok {
			return " (set for all)"
		}
		return ""
	}
	for i := range metaFields {
		f := &metaFields[i]
		v := f.get(md)
		var val string
		switch {
		case f.offset && v < 0:
			val = "[none]"
		case f.offset:
			val = "[" + strconv.FormatInt(v, 10) + "]"
		default:
			val = regValue(uint32(v))
		}
		extra := ""
		if f.name == "pkttype" && int(v) < len(pktTypes) {
			extra = " " + pktTypes[v]
		}
		fmt.Fprintf(w, "%-12s%s%s%s\n", f.name+":", val, extra, mark(f.name))
	}
	if v, ok := pkt[randomField]; ok {
		fmt.Fprintf(w, "%-12s%s (set)\n", randomField+":", regValue(uint32(v)))
	} else if v, ok := all[randomField]; ok {
		fmt.Fprintf(w, "%-12s%s (set for all)\n", randomField+":", regValue(uint32(v)))
	} else {
		fmt.Fprintf(w, "%-12s[random]\n", randomField+":")
	}
}

// metaFieldNames lists every name the set command accepts for a field.
func metaFieldNames() []string {
	var names []string
	for _, f := range metaFields {
		names = append(names, f.name)
		names = append(names, f.aliases...)
	}
	return append(names, randomField, "random", "vlan")
}

// setMeta applies "FIELD VALUE" to o. The pseudo-field vlan sets a whole
// tag at once (TCI, present, TPID 0x8100), or removes it with "none".
func setMeta(o overrides, field, value string) error {
	switch field {
	case "random":
		field = randomField
	}
	if value == "default" {
		if field == "vlan" {
			delete(o, "vlan_tci")
			delete(o, "vlan_avail")
			delete(o, "vlan_tpid")
			return nil
		}
		if f, ok := findMetaField(field); ok {
			field = f.name
		} else if field != randomField {
			return fmt.Errorf("unknown ancillary field %q", field)
		}
		delete(o, field)
		return nil
	}
	switch field {
	case "vlan":
		if value == "none" {
			o["vlan_tci"], o["vlan_avail"], o["vlan_tpid"] = 0, 0, 0
			return nil
		}
		v, err := parseUint(value, 0xffff)
		if err != nil {
			return err
		}
		o["vlan_tci"], o["vlan_avail"], o["vlan_tpid"] = int64(v), 1, 0x8100
		return nil
	case randomField:
		v, err := parseUint(value, 0xffffffff)
		if err != nil {
			return err
		}
		o[randomField] = int64(v)
		return nil
	}
	f, ok := findMetaField(field)
	if !ok {
		return fmt.Errorf("unknown ancillary field %q", field)
	}
	v, err := parseMetaValue(f, value)
	if err != nil {
		return err
	}
	o[f.name] = v
	return nil
}
