// Package linktype is the table of link-layer header types: the DLT_ values
// a capture handle reports, their libpcap names and descriptions, and the
// mapping to and from the LINKTYPE_ values stored in savefiles.
//
// Names follow libpcap's pcap_datalink_name_to_val: the DLT_ name without
// its prefix ("EN10MB", "LINUX_SLL2"), matched without regard to case.
// Numeric values are those of Linux; the few DLT_ values that differ between
// platforms (DLT_RAW is 12 here, LINKTYPE_RAW is 101 in files) are handled
// by FromSavefile and Type.Savefile.
package linktype

import (
	"strconv"
	"strings"
)

// Type is a link-layer header type as a DLT_ value, the number libpcap's
// pcap_datalink returns and the filter compiler generates code for.
// It is not necessarily the number stored in a savefile; see Savefile.
type Type int

// Info describes one named link type.
type Info struct {
	Type        Type   // the DLT_ value
	Name        string // libpcap's name, without "DLT_", e.g. "EN10MB"
	Description string // libpcap's description, e.g. "Ethernet"
}

// All returns every named link type in libpcap's order (the order of its
// dlt_choices table). The slice is a fresh copy the caller may modify.
func All() []Info {
	out := make([]Info, len(choices))
	copy(out, choices[:])
	return out
}

// NameToVal returns the link type with the given libpcap name, compared
// without regard to case and given without the "DLT_" prefix, as
// pcap_datalink_name_to_val does. ok is false for an unknown name.
func NameToVal(name string) (t Type, ok bool) {
	for i := range choices {
		if strings.EqualFold(choices[i].Name, name) {
			return choices[i].Type, true
		}
	}
	return 0, false
}

// Parse accepts what libpcap's filtertest and tcpdump's -y accept: a name
// known to NameToVal or, failing that, a decimal number.
func Parse(s string) (Type, error) {
	if t, ok := NameToVal(s); ok {
		return t, nil
	}
	n, err := strconv.ParseInt(s, 10, 32)
	if err != nil {
		return 0, &UnknownError{Name: s}
	}
	return Type(n), nil
}

// UnknownError reports a link-type name that is neither known nor a number.
type UnknownError struct {
	Name string
}

func (e *UnknownError) Error() string {
	return "invalid data link type " + e.Name
}

// ValToName returns libpcap's name for t (without "DLT_"), as
// pcap_datalink_val_to_name does. ok is false for a type libpcap does not name.
func ValToName(t Type) (name string, ok bool) {
	if i := t.index(); i >= 0 {
		return choices[i].Name, true
	}
	return "", false
}

// ValToDescription returns libpcap's description of t, as
// pcap_datalink_val_to_description does. ok is false for a type libpcap
// does not name.
func ValToDescription(t Type) (desc string, ok bool) {
	if i := t.index(); i >= 0 {
		return choices[i].Description, true
	}
	return "", false
}

// index finds t in the choices table; like libpcap it returns the first
// entry with that value.
func (t Type) index() int {
	for i := range choices {
		if choices[i].Type == t {
			return i
		}
	}
	return -1
}

// Name returns libpcap's name for t, or "" if it has none.
func (t Type) Name() string {
	name, _ := ValToName(t)
	return name
}

// Description returns libpcap's description of t or, for a type libpcap
// does not name, "DLT n", as pcap_datalink_val_to_description_or_dlt does.
func (t Type) Description() string {
	if d, ok := ValToDescription(t); ok {
		return d
	}
	return "DLT " + strconv.Itoa(int(t))
}

// String returns libpcap's name for t, or "DLT n" for a type without one.
func (t Type) String() string {
	if name, ok := ValToName(t); ok {
		return name
	}
	return "DLT " + strconv.Itoa(int(t))
}
