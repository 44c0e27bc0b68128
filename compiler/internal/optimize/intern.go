package optimize

import (
	"encoding/binary"

	"github.com/gocapdump/gocapdump/compiler/internal/ir"
)

// internBlocks merges blocks that do the same thing: same live statements,
// same branch, same successors (libpcap's intern_blocks). Each block goes
// to the highest-numbered reachable block equal to it; merging makes more
// blocks equal, so rounds repeat until nothing changes. libpcap compares
// every pair of blocks; a hash of each block's contents finds the same
// partner.
func (o *optimizer) internBlocks() {
	link := make([]*blk, len(o.blocks))
	var key []byte
	seen := make(map[string]*blk)
	for {
		clear(link)
		clear(seen)
		mark := o.markReachable()
		for i := len(o.blocks) - 1; i >= 0; i-- {
			b := o.blocks[i]
			if b.mark != mark {
				continue
			}
			key = b.appendKey(key[:0])
			if j, ok := seen[string(key)]; ok {
				if link[j.id] != nil {
					link[i] = link[j.id]
				} else {
					link[i] = j
				}
			}
			seen[string(key)] = b
		}
		changed := false
		for _, b := range o.blocks {
			if b.succ[0] == nil {
				continue
			}
			for side, c := range b.succ {
				if l := link[c.id]; l != nil {
					b.succ[side] = l
					changed = true
				}
			}
		}
		if !changed {
			return
		}
	}
}

// appendKey appends what makes two blocks equal for internBlocks.
func (b *blk) appendKey(key []byte) []byte {
	key = binary.LittleEndian.AppendUint16(key, b.ir.Jump.Code)
	key = binary.LittleEndian.AppendUint32(key, b.ir.Jump.K)
	for _, c := range b.succ {
		id := -1
		if c != nil {
			id = c.id
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
