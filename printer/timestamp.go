package printer

import "time"

// timestamp prints the time stamp and the space after it.
func (p *Printer) timestamp(ci CaptureInfo) {
	sec, frac := ci.Seconds, ci.Fraction
	// Convert to the printing precision the way libpcap does when a file
	// is opened with a precision other than its own.
	switch {
	case ci.Nano && !p.opt.Nano:
		frac /= 1000
	case !ci.Nano && p.opt.Nano:
		frac *= 1000
	}
	switch p.opt.Timestamp {
	case TimestampNone:
		return
	case TimestampUnix:
		if sec < 0 {
			p.str("[timestamp overflow]")
		} else {
			p.dec(uint64(sec))
			p.frac(frac)
		}
	case TimestampDelta, TimestampSinceFirst:
		if !p.refSet {
			p.refSec, p.refFrac, p.refSet = sec, frac, true
		}
		var ds int64
		var df uint32
		neg := sec < p.refSec || (sec == p.refSec && frac < p.refFrac)
		if neg {
			ds, df = subTime(p.refSec, p.refFrac, sec, frac, p.unit())
			p.ch('-')
		} else {
			ds, df = subTime(sec, frac, p.refSec, p.refFrac, p.unit())
			p.ch(' ')
		}
		p.clock(ds, df, false, time.UTC)
		if p.opt.Timestamp == TimestampDelta {
			p.refSec, p.refFrac = sec, frac
			p.refSet = sec != 0 || frac != 0
		}
	case TimestampDate:
		p.clock(sec, frac, true, p.loc)
	default:
		p.clock(sec, frac, false, p.loc)
	}
	p.ch(' ')
}

func (p *Printer) unit() uint32 {
	if p.opt.Nano {
		return 1e9
	}
	return 1e6
}

// subTime subtracts b from a, borrowing one second when the fraction
// underflows.
func subTime(as int64, af uint32, bs int64, bf uint32, unit uint32) (int64, uint32) {
	s := as - bs
	if af >= bf {
		return s, af - bf
	}
	return s - 1, af + unit - bf
}

// frac prints ".ffffff" or ".fffffffff" and the invalid-value flag.
func (p *Printer) frac(f uint32) {
	p.ch('.')
	if p.opt.Nano {
		p.out = appendZeroPad(p.out, uint64(f), 9)
		if f > 999999999 {
			p.str(" (invalid ns)")
		}
		return
	}
	p.out = appendZeroPad(p.out, uint64(f), 6)
	if f > 999999 {
		p.str(" (invalid us)")
	}
}

// clock prints [date ]HH:MM:SS.frac for sec in loc. The text for the last
// second is cached: converting to local time is the costly part and
// consecutive packets usually share their second.
func (p *Printer) clock(sec int64, frac uint32, date bool, loc *time.Location) {
	if sec < 0 {
		p.str("[timestamp overflow]")
		return
	}
	if loc == p.loc && sec == p.lastSec && date == p.lastDate && p.lastText != nil {
		p.out = append(p.out, p.lastText...)
		p.frac(frac)
		return
	}
	t := time.Unix(sec, 0).In(loc)
	start := len(p.out)
	if date {
		y, mo, d := t.Date()
		p.out = appendZeroPad(p.out, uint64(y), 4)
		p.ch('-')
		p.out = appendZeroPad(p.out, uint64(mo), 2)
		p.ch('-')
		p.out = appendZeroPad(p.out, uint64(d), 2)
		p.ch(' ')
	}
	h, m, s := t.Clock()
	p.out = appendZeroPad(p.out, uint64(h), 2)
	p.ch(':')
	p.out = appendZeroPad(p.out, uint64(m), 2)
	p.ch(':')
	p.out = appendZeroPad(p.out, uint64(s), 2)
	if loc == p.loc {
		p.lastSec, p.lastDate = sec, date
		p.lastText = append(p.lastText[:0], p.out[start:]...)
	}
	p.frac(frac)
}
