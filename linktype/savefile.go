package linktype

// Savefiles (pcap and pcapng) do not store DLT_ values but LINKTYPE_ values,
// which are the same everywhere. Most coincide with the DLT_ value; the
// exceptions are DLT_ values that differ between operating systems and so
// were given platform-independent LINKTYPE_ numbers (libpcap's
// dlt_to_linktype and linktype_to_dlt in pcap-common.c).

// Ranges in which a DLT_ value and its LINKTYPE_ value are equal.
const (
	lowMatchingMin  = 0   // NULL
	lowMatchingMax  = 10  // FDDI
	highMatchingMin = 104 // C_HDLC
	highMatchingMax = 304 // DECT_NR_TAP, the highest value libpcap assigns
)

// remapped lists the DLT_ values (on Linux) whose LINKTYPE_ value differs.
var remapped = [...]struct {
	dlt      Type
	linktype uint32
}{
	{ATMRFC1483, 100},
	{Raw, 101},
	{SLIPBSDOS, 102},
	{PPPBSDOS, 103},
	{ATMCLIP, 106},
}

// unmatchedSame lists the DLT_ values outside both matching ranges that
// nevertheless are their own LINKTYPE_ value.
var unmatchedSame = [...]Type{RedbackSmartEdge, PPPSerial, PPPEther, SymantecFirewall}

// FromSavefile returns the DLT_ value for the LINKTYPE_ value v found in a
// savefile's header (with any FCS or extension bits already removed).
// Values without a special mapping pass through unchanged, as in libpcap,
// so that a file written by an old or newer program may still be read.
func FromSavefile(v uint32) Type {
	if v <= lowMatchingMax {
		return Type(v)
	}
	for _, r := range remapped {
		if r.linktype == v {
			return r.dlt
		}
	}
	return Type(v)
}

// Savefile returns the LINKTYPE_ value to store in a savefile for t.
// ok is false when t has no LINKTYPE_ value, in which case libpcap refuses
// to write the file.
func (t Type) Savefile() (v uint32, ok bool) {
	if t >= lowMatchingMin && t <= lowMatchingMax || t >= highMatchingMin && t <= highMatchingMax {
		return uint32(t), true
	}
	for _, r := range remapped {
		if r.dlt == t {
			return r.linktype, true
		}
	}
	for _, same := range unmatchedSame {
		if same == t {
			return uint32(t), true
		}
	}
	return 0, false
}
