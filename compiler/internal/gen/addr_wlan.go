package gen

import (
	"github.com/gocapdump/gocapdump/compiler/internal/ir"
	"github.com/gocapdump/gocapdump/compiler/internal/parse"
	"github.com/gocapdump/gocapdump/compiler/names"
)

// wlanHostOp tests a MAC address in an 802.11 header (gen_wlanhostop).
// Which of the up to four address fields holds the source or destination
// depends on the frame type and on the To DS / From DS bits, so "src" and
// "dst" become chains of tests on the frame control field; addr1..addr4,
// ra and ta name fields directly.
func (g *gen) wlanHostOp(mac names.MAC, dir uint8) *frag {
	const (
		fc0TypeMask    = 0x0c
		fc0TypeCtl     = 0x04
		fc0TypeData    = 0x08
		fc0SubtypeMask = 0xf0
		fc0SubtypeCTS  = 0xc0
		fc0SubtypeACK  = 0xd0
		fc1DirMask     = 0x03
		fc1ToDS        = 0x01
		fc1FromDS      = 0x02
		fc1DSToDS      = 0x03
	)
	fc0 := func() stmts { return g.loadA(offLinkHdr, 0, ir.B) }
	fc1 := func() stmts { return g.loadA(offLinkHdr, 1, ir.B) }
	addrAt := func(off uint32) *frag { return g.bcmp(offLinkHdr, off, mac[:]) }
	// notCTSorACK is true for frames that carry a transmitter address:
	// anything but a control frame of subtype CTS or ACK.
	notCTSorACK := func() *frag {
		b0 := g.mcmpNE(offLinkHdr, 0, ir.B, fc0TypeCtl, fc0TypeMask)
		b1 := g.mcmpNE(offLinkHdr, 0, ir.B, fc0SubtypeCTS, fc0SubtypeMask)
		b2 := g.mcmpNE(offLinkHdr, 0, ir.B, fc0SubtypeACK, fc0SubtypeMask)
		b2 = g.and(b1, b2)
		return g.or(b0, b2)
	}
	// srcOrDst builds the src (or dst) test: in data frames the field
	// depends on the To DS bit (and, for src, the From DS bit); other
	// frames but control frames have it at mgmtOff; control frames never
	// match.
	srcOrDst := func(toDSOff, notToDSOff uint32, checkFromDS bool, notFromDSOff, mgmtOff uint32) *frag {
		b1 := g.set(fc1ToDS, fc1())
		b0 := g.and(b1, addrAt(toDSOff))
		b2 := g.unset(fc1ToDS, fc1())
		b1 = g.and(b2, addrAt(notToDSOff))
		b0 = g.or(b1, b0)
		if checkFromDS {
			b1 = g.set(fc1FromDS, fc1())
			b0 = g.and(b1, b0)
			b2 = g.unset(fc1FromDS, fc1())
			b1 = g.and(b2, addrAt(notFromDSOff))
			b0 = g.or(b1, b0)
		}
		b1 = g.set(fc0TypeData, fc0())
		b0 = g.and(b1, b0)
		b2 = g.unset(fc0TypeData, fc0())
		b1 = g.and(b2, addrAt(mgmtOff))
		b0 = g.or(b1, b0)
		b1 = g.unset(fc0TypeCtl, fc0())
		return g.and(b1, b0)
	}

	switch dir {
	case parse.DirAddr1:
		return addrAt(4)
	case parse.DirAddr2:
		b2 := notCTSorACK()
		return g.and(b2, addrAt(10))
	case parse.DirAddr3:
		b0 := g.mcmpNE(offLinkHdr, 0, ir.B, fc0TypeCtl, fc0TypeMask)
		return g.and(b0, addrAt(16))
	case parse.DirAddr4:
		b0 := g.mcmp(offLinkHdr, 1, ir.B, fc1DSToDS, fc1DirMask)
		return g.and(b0, addrAt(24))
	case parse.DirRA:
		b1 := g.set(fc0TypeData, fc0())
		return g.and(b1, addrAt(4))
	case parse.DirTA:
		b2 := notCTSorACK()
		b1 := g.set(fc0TypeData, fc0())
		b2 = g.and(b1, b2)
		return g.and(b2, addrAt(10))
	}
	return g.byDir(dir, func(src bool) *frag {
		if src {
			return srcOrDst(24, 16, true, 10, 10)
		}
		return srcOrDst(16, 4, false, 0, 4)
	}, func() { g.fail(errInternalFmt, "gen_wlanhostop", "dir", dir) })
}
