package optimize

import (
	"encoding/binary"

	"github.com/gocapdump/gocapdump/compiler/internal/ir"
)

// internBlocks merges blocks that do the same thing: same live statements,
// same branch, same successors (libpcap's intern_blocks). libpcap compares
// every pair of reachable blocks, sends each to the highest-numbered block
// equal to it, and repeats while merging makes more blocks equal. Where it
// ends is known in advance: two blocks end up merged when their contents
// are equal and their successors end up merged, and every class of merged
// blocks goes to its highest-numbered member (a block only ever moves to a
// higher number, and stays reachable until it moves). So one walk from the
// returns up, hashing each block's contents with its successors' classes,
// gives the same graph.
func (o *optimizer) internBlocks() {
	mark := o.markReachable()
	class := make([]int32, len(o.blocks))
	var reps []*blk // by class: highest-numbered member
	classes := make(map[string]int32)
	var key []byte
	for _, b := range o.postOrder(mark) {
		key = b.appendKey(key[:0], class)
		c, ok := classes[string(key)]
		if !ok {
			c = int32(len(reps))
			classes[string(key)] = c
			reps = append(reps, b)
		} else if b.id > reps[c].id {
			reps[c] = b
		}
		class[b.id] = c
	}
	for _, b := range o.blocks {
		if b.mark != mark || b.succ[0] == nil {
			continue
		}
		for side, c := range b.succ {
			b.succ[side] = reps[class[c.id]]
		}
	}
}

// postOrder lists the blocks with the given mark, each after its
// successors.
func (o *optimizer) postOrder(mark int) []*blk {
	o.curMark++
	seen := o.curMark
	var order []*blk
	type frame struct {
		b    *blk
		step int
	}
	stack := []frame{{b: o.root}}
	o.root.mark = seen
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		b := top.b
		if top.step < 2 && b.succ[0] != nil && ir.Class(b.ir.Jump.Code) != ir.RET {
			next := b.succ[top.step]
			top.step++
			if next.mark != seen {
				next.mark = seen
				stack = append(stack, frame{b: next})
			}
			continue
		}
		stack = stack[:len(stack)-1]
		order = append(order, b)
	}
	for _, b := range order {
		b.mark = mark
	}
	return order
}

// appendKey appends what makes two blocks equal for internBlocks.
// Successors are named by their class.
func (b *blk) appendKey(key []byte, class []int32) []byte {
	key = binary.LittleEndian.AppendUint16(key, b.ir.Jump.Code)
	key = binary.LittleEndian.AppendUint32(key, b.ir.Jump.K)
	for _, c := range b.succ {
		id := int32(-1)
		if c != nil {
			id = class[c.id]
		}
		key = binary.LittleEndian.AppendUint32(key, uint32(id))
	}
	for _, s := range b.stmts {
		if s.Code != ir.NOP {
			key = binary.LittleEndian.AppendUint16(key, s.Code)
			key = binary.LittleEndian.AppendUint32(key, s.K)
		}
	}
	return key
}

// hoistRoot skips branches at the root that go the same way either way,
// keeping the root's statements (libpcap's opt_root). A return executes no
// statements.
func (o *optimizer) hoistRoot() {
	r := o.root
	stmts := r.stmts
	r.stmts = nil
	for ir.Class(r.ir.Jump.Code) == ir.JMP && r.succ[0] == r.succ[1] {
		r = r.succ[0]
	}
	if len(r.stmts) != 0 {
		stmts = append(append([]*ir.Stmt(nil), stmts...), r.stmts...)
	}
	r.stmts = stmts
	if ir.Class(r.ir.Jump.Code) == ir.RET {
		r.stmts = nil
	}
	o.root = r
}
