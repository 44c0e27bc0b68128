package ir

import (
	"fmt"

	"golang.org/x/net/bpf"
)

// Linearize lays the graph rooted at root out as a BPF program, the way
// libpcap does so that our listings match tcpdump's line for line.
//
// Blocks are placed in reverse post-order of a depth-first walk that visits
// the false successor before the true one, so a block comes before both of
// its successors and the true successor tends to follow it directly. A
// conditional branch can only skip 255 instructions; a longer one jumps to
// an inserted "ja" right after it. Inserting one can push other branches
// out of range, so layout repeats until no new long branch appears.
// Distances only grow as "ja"s are added, so this settles on the same
// program whichever order the long branches are found in.
func Linearize(root *Block) ([]bpf.RawInstruction, error) {
	order := postOrder(root)
	for _, b := range order {
		b.longJT, b.longJF = false, false
	}
	for {
		n := 0
		for _, b := range order {
			n += b.size()
		}
		// Place blocks from the end of the program backwards.
		at := n
		for _, b := range order {
			at -= b.size()
			b.offset = at
		}
		grew := false
		for _, b := range order {
			if b.JT == nil {
				continue
			}
			end := b.offset + b.Len()
			if !b.longJT && b.JT.offset-end-1 >= 256 {
				b.longJT, grew = true, true
			}
			if !b.longJF && b.JF.offset-end-1 >= 256 {
				b.longJF, grew = true, true
			}
		}
		if grew {
			continue
		}
		prog := make([]bpf.RawInstruction, n)
		for _, b := range order {
			if err := b.emit(prog); err != nil {
				return nil, err
			}
		}
		return prog, nil
	}
}

func (b *Block) size() int {
	n := b.Len() + 1
	if b.longJT {
		n++
	}
	if b.longJF {
		n++
	}
	return n
}

// postOrder returns the blocks reachable from root, each after its false
// and then its true successor. It walks iteratively: block-list filters
// make chains thousands of blocks long.
func postOrder(root *Block) []*Block {
	var order []*Block
	seen := map[*Block]bool{}
	type frame struct {
		b    *Block
		step int
	}
	stack := []frame{{b: root}}
	if root == nil {
		return nil
	}
	seen[root] = true
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		var next *Block
		switch top.step {
		case 0:
			next = top.b.JF
		case 1:
			next = top.b.JT
		default:
			order = append(order, top.b)
			stack = stack[:len(stack)-1]
			continue
		}
		top.step++
		if next != nil && !seen[next] {
			seen[next] = true
			stack = append(stack, frame{b: next})
		}
	}
	return order
}

func (b *Block) emit(prog []bpf.RawInstruction) error {
	dst := b.offset
	// Index of each live statement, for jumps inside the block.
	live := make([]*Stmt, 0, len(b.Stmts))
	for _, s := range b.Stmts {
		if s.Code != NOP {
			live = append(live, s)
		}
	}
	for i, s := range live {
		ins := bpf.RawInstruction{Op: s.Code, K: s.K}
		// libpcap leaves the second-to-last statement's in-block jump
		// unresolved; we do the same so the listing matches.
		if Class(s.Code) == JMP && s.Code != jumpAlways && i != len(live)-2 {
			jt, jf, err := localTargets(live, i, s)
			if err != nil {
				return err
			}
			ins.Jt, ins.Jf = jt, jf
		}
		prog[dst] = ins
		dst++
	}
	ins := bpf.RawInstruction{Op: b.Jump.Code, K: b.Jump.K}
	if b.JT != nil {
		extra := uint8(0)
		end := b.offset + len(live)
		off := b.JT.offset - end - 1
		if b.longJT {
			ins.Jt = extra
			extra++
			prog[dst+int(extra)] = bpf.RawInstruction{Op: jumpAlways, K: uint32(off - int(extra))}
		} else {
			ins.Jt = uint8(off)
		}
		off = b.JF.offset - end - 1
		if b.longJF {
			ins.Jf = extra
			extra++
			prog[dst+int(extra)] = bpf.RawInstruction{Op: jumpAlways, K: uint32(off - int(extra))}
		} else {
			ins.Jf = uint8(off)
		}
	}
	prog[dst] = ins
	return nil
}

const jumpAlways = JMP | JA

func localTargets(live []*Stmt, at int, s *Stmt) (jt, jf uint8, err error) {
	if s.JT == nil || s.JF == nil {
		return 0, 0, fmt.Errorf("no jmp destination for block-local relative jump: off=%d", at)
	}
	foundT, foundF := false, false
	for i, t := range live {
		d := i - at - 1
		if t == s.JT {
			if d < 0 || d >= 256 {
				return 0, 0, fmt.Errorf("out-of-range jump for block-local relative jump: off=%d", at)
			}
			jt, foundT = uint8(d), true
		}
		if t == s.JF {
			if d < 0 || d >= 256 {
				return 0, 0, fmt.Errorf("out-of-range jump for block-local relative jump: off=%d", at)
			}
			jf, foundF = uint8(d), true
		}
	}
	if !foundT || !foundF {
		return 0, 0, fmt.Errorf("no destination found for block-local relative jump: off=%d", at)
	}
	return jt, jf, nil
}
