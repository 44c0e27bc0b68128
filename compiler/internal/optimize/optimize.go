// Package optimize rewrites the compiler's control-flow graph the way
// libpcap's optimizer (bpf_optimize) does, so that optimized programs match
// tcpdump's instruction for instruction.
//
// The algorithm is libpcap's: passes of value numbering with constant
// folding, peephole rewrites and dead-store removal, then branch threading
// along edge dominators and "pull-ups" of repeated tests in and/or chains,
// repeated until a pass changes nothing; a final pass that also simplifies
// statements; merging of identical blocks; and hoisting of the root past
// branches that go the same way. Its results depend on details such as the
// order blocks are visited in and on dominator sets that are deliberately
// left stale between recomputations, and those details are reproduced.
//
// What is not reproduced is libpcap's cost: it keeps dominator sets as bit
// vectors, recomputes them after every pull-up and scans them for every
// edge, which is quadratic or worse in the number of blocks. Here dominator
// sets are nodes of trees with constant- or logarithmic-time ancestor
// tests (dom.go), questions after a pull-up are answered from the graph
// (live.go), the branch threader finds its deciding dominator through
// per-key forests (thread.go), and blocks are interned by hashing
// (intern.go). Block lists of a thousand hosts optimize in a fraction of
// a second.
package optimize

import (
	"errors"
	"fmt"

	"github.com/gocapdump/gocapdump/compiler/internal/ir"
)

// Error is an optimizer failure, with libpcap's text ("division by zero",
// ...). The filter cannot be compiled with optimization.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// maxBranchOnlyPasses bounds the passes in a row that only move branches.
// Such passes can cycle forever (libpcap issue 112); libpcap gives up after
// 100 of them, and so do we, which keeps the programs identical.
const maxBranchOnlyPasses = 100

// Scratch memory words and the two registers are the "atoms" whose values
// the optimizer tracks.
const (
	memWords = 16
	atomA    = memWords
	atomX    = memWords + 1
	nAtoms   = memWords + 2
	atomAX   = nAtoms // both A and X (an ALU or jump operation on X)
)

// Optimize optimizes the graph rooted at root in place and returns the new
// root. The caller decides whether the result rejects every packet (the
// root is "ret #0"). Some graphs must not be optimized (protochain, some
// radio headers: libpcap's no_optimize); the generator says so in its
// result, and the caller then does not call Optimize.
func Optimize(root *ir.Block) (newRoot *ir.Block, err error) {
	if root == nil {
		return nil, errors.New("optimize: no program")
	}
	o, err := newOptimizer(root)
	if err != nil {
		return nil, err
	}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			newRoot, err = nil, e
		}
	}()
	o.loop(false)
	o.loop(true)
	o.internBlocks()
	o.hoistRoot()
	return o.writeBack(), nil
}

// fail aborts the optimization with libpcap's message; Optimize recovers.
func fail(format string, args ...any) {
	panic(&Error{Msg: fmt.Sprintf(format, args...)})
}

// blk is the optimizer's view of one ir.Block.
type blk struct {
	ir    *ir.Block
	id    int // depth-first number (true branch first); fixed for the run
	stmts []*ir.Stmt
	succ  [2]*blk // true, false; nil for a return

	level  int
	in     []edgeRef // incoming edges, most recently linked last
	def    atomset
	kill   atomset
	inUse  atomset
	outUse atomset

	val  [nAtoms]uint32 // value numbers of the atoms on exit
	oval uint32         // value number of the branch's operand
	mark int
}

type atomset uint32

func (s atomset) has(a int) bool { return s&(1<<uint(a)) != 0 }

// edgeRef names the true (side 0) or false (side 1) edge leaving pred.
type edgeRef struct {
	pred *blk
	side int
}

func (e edgeRef) succ() *blk { return e.pred.succ[e.side] }

// id is libpcap's edge number: true edges are numbered like their blocks,
// false edges follow all the true ones.
func (o *optimizer) edgeID(e edgeRef) int { return e.side*len(o.blocks) + e.pred.id }

func (o *optimizer) edgeByID(id int) edgeRef {
	n := len(o.blocks)
	return edgeRef{pred: o.blocks[id%n], side: id / n}
}

type optimizer struct {
	root   *blk
	blocks []*blk // by id

	// Levels of the current pass: byLevel[l] lists the blocks of level l
	// in libpcap's list order. down is all of them, highest level first;
	// they stay as computed at the start of a pass although the pass
	// changes the graph, as libpcap's do.
	byLevel [][]*blk
	down    []*blk

	done      bool // no change in this pass
	nonBranch bool // a change other than branch movement in this pass
	curMark   int
	values    valueTable
	dom       domTree
	edom      edgeDomTree
	thr       threadIndex
	// Dominators during the pull-ups of a pass; see live.go.
	pos     []int32     // per block id: index in down, -1 if not in this pass
	preds   [][]edgeRef // per block id: edges into it from blocks in down
	domLive bool        // a pull-up happened: ask the graph, not dom
	seen    []uint32    // per block id: search stamp
	known   []uint32    // per block id: stamp of the pull-up that proved it dominated
	stamp   uint32
	query   uint32
}

func newOptimizer(root *ir.Block) (*optimizer, error) {
	o := &optimizer{}
	index := map[*ir.Block]*blk{}
	// Number the blocks in depth-first preorder, true branch first.
	stack := []*ir.Block{root}
	for len(stack) > 0 {
		b := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if b == nil || index[b] != nil {
			continue
		}
		if err := check(b); err != nil {
			return nil, err
		}
		x := &blk{ir: b, id: len(o.blocks), stmts: b.Stmts}
		index[b] = x
		o.blocks = append(o.blocks, x)
		stack = append(stack, b.JF, b.JT)
	}
	for _, x := range o.blocks {
		if x.ir.JT != nil {
			x.succ = [2]*blk{index[x.ir.JT], index[x.ir.JF]}
		}
	}
	o.root = o.blocks[0]
	return o, nil
}

// check refuses what the optimizer cannot reason about: scratch memory
// beyond the 16 words and malformed branches. In-block jumps (the Linux
// VLAN tag test) pass through untouched, as in libpcap: they count as uses
// of A.
func check(b *ir.Block) error {
	for _, s := range b.Stmts {
		if s.Code == ir.NOP {
			continue
		}
		switch ir.Class(s.Code) {
		case ir.ST, ir.STX:
			if s.K >= memWords {
				return fmt.Errorf("optimize: scratch memory word %d out of range", s.K)
			}
		case ir.LD, ir.LDX:
			if ir.Mode(s.Code) == ir.MEM && s.K >= memWords {
				return fmt.Errorf("optimize: scratch memory word %d out of range", s.K)
			}
		}
	}
	isJump := ir.Class(b.Jump.Code) == ir.JMP
	if isJump != (b.JT != nil) || (b.JT == nil) != (b.JF == nil) {
		return errors.New("optimize: malformed block")
	}
	if !isJump && ir.Class(b.Jump.Code) != ir.RET {
		return errors.New("optimize: block ends in neither branch nor return")
	}
	return nil
}

// loop runs passes until one changes nothing (libpcap's opt_loop).
func (o *optimizer) loop(doStmts bool) {
	branchOnly := 0
	for {
		o.nonBranch = false
		o.done = true
		o.findLevels()
		o.findDom()
		o.findUseDef()
		o.findEdgeDom()
		o.optBlocks(doStmts)
		if o.done {
			return
		}
		if o.nonBranch {
			branchOnly = 0
		} else {
			branchOnly++
			if branchOnly >= maxBranchOnlyPasses {
				return
			}
		}
	}
}

// optBlocks is one pass over the blocks (libpcap's opt_blks).
func (o *optimizer) optBlocks(doStmts bool) {
	o.values.reset()
	o.findInEdges()
	for _, b := range o.down {
		o.optBlock(b, doStmts)
	}
	if doStmts {
		// Moving branches cannot help any more.
		return
	}
	o.buildThreadIndex()
	for l := 1; l < len(o.byLevel); l++ {
		for _, b := range o.byLevel[l] {
			o.thread(edgeRef{b, 0})
			o.thread(edgeRef{b, 1})
		}
	}
	o.findInEdges()
	o.startLiveDom()
	for l := 1; l < len(o.byLevel); l++ {
		for _, b := range o.byLevel[l] {
			o.pullUp(b, 1) // or chains
			o.pullUp(b, 0) // and chains
		}
	}
}

// writeBack stores the result in the ir blocks.
func (o *optimizer) writeBack() *ir.Block {
	for _, b := range o.blocks {
		b.ir.Stmts = b.stmts
		if b.succ[0] != nil {
			b.ir.JT, b.ir.JF = b.succ[0].ir, b.succ[1].ir
		} else {
			b.ir.JT, b.ir.JF = nil, nil
		}
	}
	return o.root.ir
}
