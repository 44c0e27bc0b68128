// Package ir is the compiler's intermediate form: a control-flow graph of
// basic blocks, each a run of straight-line statements ended by one branch
// or return. The code generator builds it, the optimizer rewrites it, and
// Linearize lays it out as a classic BPF program.
package ir

// Stmt is one instruction inside a block. JT and JF are used only by the
// few generators that emit a conditional jump inside a block's statement
// list (the protochain walker); they name statements of the same block.
type Stmt struct {
	Code uint16
	K    uint32
	JT   *Stmt
	JF   *Stmt
}

// NOP marks a statement the optimizer deleted; Linearize skips it.
const NOP = 0xffff

// Block is a basic block: Stmts, then the branch Jump (a conditional jump
// with JT/JF successors, or a return with none).
type Block struct {
	ID    int
	Stmts []*Stmt
	Jump  Stmt
	JT    *Block
	JF    *Block

	// Set by Linearize: where the block starts in the program, and whether
	// a branch needs an extra "ja" because its target is over 255 away.
	offset int
	longJT bool
	longJF bool
}

// IsReturn reports whether the block ends the program.
func (b *Block) IsReturn() bool { return Class(b.Jump.Code) == RET }

// Len counts the statements Linearize will emit for the block's body.
func (b *Block) Len() int {
	n := 0
	for _, s := range b.Stmts {
		if s.Code != NOP {
			n++
		}
	}
	return n
}
