package bpfvm

import (
	"encoding/binary"
	"testing"

	"golang.org/x/net/bpf"
)

// decodeProgram reads 8-byte big-endian instructions (code, jt, jf, k).
func decodeProgram(b []byte) []bpf.RawInstruction {
	var prog []bpf.RawInstruction
	for len(b) >= 8 {
		prog = append(prog, bpf.RawInstruction{
			Op: binary.BigEndian.Uint16(b), Jt: b[2], Jf: b[3], K: binary.BigEndian.Uint32(b[4:]),
		})
		b = b[8:]
	}
	return prog
}

// FuzzRun runs arbitrary programs over arbitrary packets in both modes
// (seeds in testdata/fuzz/FuzzRun). New may refuse a program; an accepted
// one must never panic, must end, and stepping must agree with Run.
func FuzzRun(f *testing.F) {
	f.Add([]byte{0, 0x28, 0, 0, 0, 0, 0, 12, 0, 0x16, 0, 0, 0, 0, 0, 0}, []byte("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x08\x00"), uint8(0), uint16(14))
	f.Fuzz(func(t *testing.T, progBytes, pkt []byte, flags uint8, wireLen uint16) {
		prog := decodeProgram(progBytes)
		mode := Mode(flags & 1)
		p, err := New(prog, mode)
		if err != nil {
			return
		}
		md := MetadataFor(uint32(flags>>1)%4*100+1, pkt) // Ethernet or unknown link types
		md.Random = func() uint32 { return 7 }
		md.NoDevice = flags&0x80 != 0
		var mdp *Metadata
		if flags&0x40 == 0 {
			mdp = &md
		}
		want := p.Run(pkt, int(wireLen), mdp)
		m := p.NewMachine()
		m.Reset(pkt, int(wireLen), mdp)
		got, stop := m.Continue()
		random := false // with nil metadata, SKF_AD_RANDOM is really random
		for _, ri := range prog {
			random = random || ri.K == SKFAdOff+SKFAdRandom
		}
		if (got != want && !(random && mdp == nil)) || stop == StopNone {
			t.Fatalf("Machine gives %d (%v), Run %d", got, stop, want)
		}
		if r := m.Registers(); r.PC < 0 || r.PC >= p.Len() {
			t.Fatalf("final PC %d", r.PC)
		}
	})
}
