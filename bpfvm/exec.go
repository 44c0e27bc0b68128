package bpfvm

import (
	"encoding/binary"
	"math/rand/v2"
)

// Stop says why a run ended.
type Stop uint8

const (
	// StopNone: the program has not finished (after a single step).
	StopNone Stop = iota
	// StopReturn: a ret instruction ran.
	StopReturn
	// StopLoadFailed: a load was out of bounds; the program returns 0.
	StopLoadFailed
	// StopDivByZero: div or mod by X == 0; the program returns 0.
	StopDivByZero
	// StopNoDevice: an ifindex or hatype load without a device (Linux);
	// the program returns A.
	StopNoDevice
	// StopLoop: more than MaxBackwardJumps backward jumps (Libpcap); the
	// program returns 0.
	StopLoop
)

func (s Stop) String() string {
	switch s {
	case StopNone:
		return "running"
	case StopReturn:
		return "ret"
	case StopLoadFailed:
		return "load out of bounds"
	case StopDivByZero:
		return "division by zero"
	case StopNoDevice:
		return "no device"
	case StopLoop:
		return "backward jump limit"
	}
	return "Stop(?)"
}

// Registers is the machine state: accumulator, index register, scratch
// memory and the index of the next instruction.
type Registers struct {
	A, X uint32
	M    [memWords]uint32
	PC   int
}

var zeroMetadata = Metadata{}

// Run runs the program over one packet and returns its result: 0 to drop,
// otherwise (Linux) the number of bytes to keep or (libpcap) just "accept".
// data holds the captured bytes; wireLen is the packet's original length,
// which ld #len and ldx #len return. md supplies what Linux ancillary
// loads read and where SKF_LL_OFF/SKF_NET_OFF point; nil means the zero
// Metadata. In Libpcap mode md matters only for ldb [vlan_tci] and
// ldb [vlanp], which end the program with 0 when md is nil, as
// bpf_filter does without aux data. Run does not allocate.
func (p *Program) Run(data []byte, wireLen int, md *Metadata) uint32 {
	var r Registers
	var back int
	ret, _ := p.exec(&r, data, uint32(wireLen), md, false, &back)
	return ret
}

// exec runs from r.PC until the program ends, or for one instruction when
// single is set. *backJumps counts the backward jumps taken so far. It returns
// the program's result and why it stopped (StopNone after a single step
// that did not end the program). Registers are kept in locals while
// running and written back to r on the way out.
func (p *Program) exec(r *Registers, pkt []byte, wireLen uint32, md *Metadata, single bool, backJumps *int) (uint32, Stop) {
	insns := p.insns
	A, X, M, pc := r.A, r.X, r.M, r.PC
	mdv := md
	if mdv == nil {
		mdv = &zeroMetadata
	}
	plen := uint64(len(pkt))
	var (
		ret  uint32
		stop Stop
	)
	for {
		if uint(pc) >= uint(len(insns)) {
			// Unreachable for programs New accepted; kept so that a
			// bad Registers.PC from a debugger cannot panic.
			ret, stop = 0, StopLoadFailed
			break
		}
		in := &insns[pc]
		pc++
		switch in.op {
		case opRetK:
			ret, stop = in.k, StopReturn
		case opRetA:
			ret, stop = A, StopReturn
		case opLdImm:
			A = in.k
		case opLdxImm:
			X = in.k
		case opLdMem:
			A = M[in.k&(memWords-1)]
		case opLdxMem:
			X = M[in.k&(memWords-1)]
		case opSt:
			M[in.k&(memWords-1)] = A
		case opStx:
			M[in.k&(memWords-1)] = X
		case opLdLen:
			A = wireLen
		case opLdxLen:
			X = wireLen
		case opLdAbsW:
			if uint64(in.k)+4 > plen {
				ret, stop = 0, StopLoadFailed
				break
			}
			A = binary.BigEndian.Uint32(pkt[in.k:])
		case opLdAbsH:
			if uint64(in.k)+2 > plen {
				ret, stop = 0, StopLoadFailed
				break
			}
			A = uint32(binary.BigEndian.Uint16(pkt[in.k:]))
		case opLdAbsB:
			if uint64(in.k) >= plen {
				ret, stop = 0, StopLoadFailed
				break
			}
			A = uint32(pkt[in.k])
		case opLdNegW, opLdNegH, opLdNegB:
			v, ok := loadNeg(pkt, mdv, int32(in.k), in.op-opLdNegW)
			if !ok {
				ret, stop = 0, StopLoadFailed
				break
			}
			A = v
		case opLdIndW, opLdIndH, opLdIndB:
			off := X + in.k
			size := in.op - opLdIndW
			if int32(off) < 0 {
				v, ok := loadNeg(pkt, mdv, int32(off), size)
				if !ok {
					ret, stop = 0, StopLoadFailed
					break
				}
				A = v
				break
			}
			v, ok := load(pkt, uint64(off), size)
			if !ok {
				ret, stop = 0, StopLoadFailed
				break
			}
			A = v
		case opLdIndPW, opLdIndPH, opLdIndPB:
			v, ok := load(pkt, uint64(X)+uint64(in.k), in.op-opLdIndPW)
			if !ok {
				ret, stop = 0, StopLoadFailed
				break
			}
			A = v
		case opLdxMsh:
			if uint64(in.k) >= plen {
				ret, stop = 0, StopLoadFailed
				break
			}
			X = uint32(pkt[in.k]&0xf) << 2
		case opLdxMshNeg:
			v, ok := loadNeg(pkt, mdv, int32(in.k), 2)
			if !ok {
				ret, stop = 0, StopLoadFailed
				break
			}
			X = (v & 0xf) << 2
		case opAnc:
			v, s := ancillary(in.k, A, X, pkt, mdv)
			if s != StopNone {
				ret, stop = A, s
				break
			}
			A = v
		case opPcapVLAN:
			if md == nil {
				ret, stop = 0, StopLoadFailed
				break
			}
			if in.k == SKFAdOff+SKFAdVLANTag {
				// pcap-linux passes only the VLAN ID.
				A = uint32(md.VLANTCI & 0x0fff)
			} else if md.VLANPresent {
				A = 1
			} else {
				A = 0
			}
		case opAddK:
			A += in.k
		case opAddX:
			A += X
		case opSubK:
			A -= in.k
		case opSubX:
			A -= X
		case opMulK:
			A *= in.k
		case opMulX:
			A *= X
		case opDivK:
			A /= in.k
		case opDivX:
			if X == 0 {
				ret, stop = 0, StopDivByZero
				break
			}
			A /= X
		case opModK:
			A %= in.k
		case opModX:
			if X == 0 {
				ret, stop = 0, StopDivByZero
				break
			}
			A %= X
		case opAndK:
			A &= in.k
		case opAndX:
			A &= X
		case opOrK:
			A |= in.k
		case opOrX:
			A |= X
		case opXorK:
			A ^= in.k
		case opXorX:
			A ^= X
		case opLshK:
			A <<= in.k
		case opLshX:
			A <<= X & 31
		case opLshXP:
			if X < 32 {
				A <<= X
			} else {
				A = 0
			}
		case opRshK:
			A >>= in.k
		case opRshX:
			A >>= X & 31
		case opRshXP:
			if X < 32 {
				A >>= X
			} else {
				A = 0
			}
		case opNeg:
			A = -A
		case opJa:
			pc = int(in.jt)
		case opJaBack:
			*backJumps++
			if *backJumps > MaxBackwardJumps {
				ret, stop = 0, StopLoop
				break
			}
			pc = int(in.jt)
		case opJeqK:
			pc = int(pick(A == in.k, in.jt, in.jf))
		case opJeqX:
			pc = int(pick(A == X, in.jt, in.jf))
		case opJgtK:
			pc = int(pick(A > in.k, in.jt, in.jf))
		case opJgtX:
			pc = int(pick(A > X, in.jt, in.jf))
		case opJgeK:
			pc = int(pick(A >= in.k, in.jt, in.jf))
		case opJgeX:
			pc = int(pick(A >= X, in.jt, in.jf))
		case opJsetK:
			pc = int(pick(A&in.k != 0, in.jt, in.jf))
		case opJsetX:
			pc = int(pick(A&X != 0, in.jt, in.jf))
		case opTax:
			X = A
		case opTxa:
			A = X
		}
		if stop != StopNone || single {
			break
		}
	}
	if stop != StopNone {
		pc-- // leave PC on the instruction that ended the program
	}
	r.A, r.X, r.M, r.PC = A, X, M, pc
	return ret, stop
}

func pick(c bool, t, f uint32) uint32 {
	if c {
		return t
	}
	return f
}

// load reads a big-endian word (size 0), halfword (1) or byte (2) at a
// non-negative offset.
func load(pkt []byte, off uint64, size opcode) (uint32, bool) {
	switch size {
	case 0:
		if off+4 > uint64(len(pkt)) {
			return 0, false
		}
		return binary.BigEndian.Uint32(pkt[off:]), true
	case 1:
		if off+2 > uint64(len(pkt)) {
			return 0, false
		}
		return uint32(binary.BigEndian.Uint16(pkt[off:])), true
	default:
		if off >= uint64(len(pkt)) {
			return 0, false
		}
		return uint32(pkt[off]), true
	}
}

// loadNeg is Linux's load at a negative offset: relative to the network
// header from SKF_NET_OFF up, to the link-layer header from SKF_LL_OFF up,
// and a failure below.
func loadNeg(pkt []byte, md *Metadata, off int32, size opcode) (uint32, bool) {
	var base int
	var rel int64
	switch {
	case off >= int32(-0x100000): // SKF_NET_OFF
		base, rel = md.NetworkOffset, int64(off)+0x100000
	case off >= int32(-0x200000): // SKF_LL_OFF
		base, rel = md.LinkOffset, int64(off)+0x200000
	default:
		return 0, false
	}
	if base < 0 {
		return 0, false
	}
	return load(pkt, uint64(int64(base)+rel), size)
}

// ancillary reads SKF_AD_OFF + field. A stop other than StopNone ends the
// program returning A (a device field without a device).
func ancillary(field, A, X uint32, pkt []byte, md *Metadata) (uint32, Stop) {
	switch field {
	case SKFAdProtocol:
		return uint32(md.Protocol), StopNone
	case SKFAdPktType:
		return uint32(md.PktType), StopNone
	case SKFAdIfIndex:
		if md.NoDevice {
			return A, StopNoDevice
		}
		return md.IfIndex, StopNone
	case SKFAdNlAttr:
		return nlAttr(pkt, A, X), StopNone
	case SKFAdNlAttrNest:
		return nlAttrNest(pkt, A, X), StopNone
	case SKFAdMark:
		return md.Mark, StopNone
	case SKFAdQueue:
		return uint32(md.Queue), StopNone
	case SKFAdHAType:
		if md.NoDevice {
			return A, StopNoDevice
		}
		return uint32(md.HAType), StopNone
	case SKFAdRxHash:
		return md.RxHash, StopNone
	case SKFAdCPU:
		return md.CPU, StopNone
	case SKFAdALUXorX:
		return A ^ X, StopNone
	case SKFAdVLANTag:
		return uint32(md.VLANTCI), StopNone
	case SKFAdVLANTagPresent:
		if md.VLANPresent {
			return 1, StopNone
		}
		return 0, StopNone
	case SKFAdPayOffset:
		return md.PayloadOffset, StopNone
	case SKFAdRandom:
		if md.Random != nil {
			return md.Random(), StopNone
		}
		return rand.Uint32(), StopNone
	case SKFAdVLANTPID:
		return uint32(md.VLANTPID), StopNone
	}
	return 0, StopNone // not reached: decode admits only the fields above
}
