package optimize

import (
	"sort"

	"github.com/gocapdump/gocapdump/compiler/internal/ir"
)

// Finding the edge dominator that decides a branch.
//
// libpcap scans all of an edge's dominators, in increasing edge number,
// for one whose test decides the test of the edge's successor without a
// data conflict. In a long chain of tests every edge has thousands of
// dominators, so that scan is what makes libpcap quadratic. The dominators
// that can decide a test are few kinds, each a key: a dominating edge
// (pred --side--> ...) decides child's test when pred ends in the same
// branch instruction as child, with the same value in A, and
//
//   - the same operand: the outcome is side's (keys by side and operand);
//   - or, for "jeq #k" taken, another operand: the outcome is false
//     (keys by A alone, over true edges of "jeq #k").
//
// The dominators of an edge are its ancestors in the tree of edge
// dominators. For every key the edges with that key form a forest of their
// own (each one's parent is its nearest ancestor with the same key), with
// the smallest edge number along each path precomputed. A question is
// then: the deepest ancestor with the key (a binary search over the key's
// edges in tree order, and a climb with jump pointers), and its
// precomputed minimum. The answer is the same edge libpcap's scan finds.

type exactKey struct {
	side       uint8
	code       uint16
	aval, oval uint32
}

type jeqKey struct{ aval uint32 }

// keyForest is the forest of edges with equal keys.
type keyForest struct {
	parent []int32 // nearest ancestor edge with the same key, or -1
	jump   []int32
	depth  []int32
}

func (f *keyForest) reset(n int) {
	f.parent = resize(f.parent, n)
	f.jump = resize(f.jump, n)
	f.depth = resize(f.depth, n)
}

func resize(s []int32, n int) []int32 {
	if cap(s) < n {
		return make([]int32, n)
	}
	return s[:n]
}

func (f *keyForest) add(u, p int32) {
	f.parent[u] = p
	if p < 0 {
		f.jump[u], f.depth[u] = u, 0
		return
	}
	f.depth[u] = f.depth[p] + 1
	j := f.jump[p]
	if f.depth[p]-f.depth[j] == f.depth[j]-f.depth[f.jump[j]] {
		f.jump[u] = f.jump[j]
	} else {
		f.jump[u] = p
	}
}

// jeqSummary is, over a path of true edges of "jeq #k", the smallest edge
// number with its operand, and the smallest edge number with another
// operand than that one (-1 if none).
type jeqSummary struct {
	first     int32
	firstOval uint32
	second    int32
}

func (s jeqSummary) with(id int32, oval uint32) jeqSummary {
	if s.first < 0 {
		return jeqSummary{id, oval, -1}
	}
	if id < s.first {
		second := s.second
		if oval != s.firstOval {
			second = s.first
		}
		return jeqSummary{id, oval, second}
	}
	if oval != s.firstOval && (s.second < 0 || id < s.second) {
		s.second = id
	}
	return s
}

// threadIndex answers threadTarget's questions for one pass.
type threadIndex struct {
	tin, tout []int32 // per edge: position in a walk of the edge dominator tree

	exact     keyForest
	exactMin  []int32 // smallest edge number on the path to the key's root
	exactList map[exactKey][]int32

	jeq     keyForest
	jeqSum  []jeqSummary
	jeqList map[jeqKey][]int32
}

const jeqK = ir.JMP | ir.JEQ | ir.K

func (o *optimizer) exactKeyOf(e edgeRef) exactKey {
	p := e.pred
	return exactKey{uint8(e.side), p.ir.Jump.Code, p.val[atomA], p.oval}
}

// buildThreadIndex indexes the edge dominator tree after the blocks'
// values are known.
func (o *optimizer) buildThreadIndex() {
	x := &o.thr
	d := &o.edom
	n := 2 * len(o.blocks)
	x.tin, x.tout = resize(x.tin, n), resize(x.tout, n)
	x.exact.reset(n)
	x.exactMin = resize(x.exactMin, n)
	x.jeq.reset(n)
	if cap(x.jeqSum) < n {
		x.jeqSum = make([]jeqSummary, n)
	}
	x.jeqSum = x.jeqSum[:n]
	x.exactList = make(map[exactKey][]int32)
	x.jeqList = make(map[jeqKey][]int32)

	// Children lists of the edge tree, in compressed form.
	start := make([]int32, n+1)
	var nodes []int32
	for _, b := range o.down {
		if b.succ[0] == nil {
			continue
		}
		for side := range 2 {
			e := int32(o.edgeID(edgeRef{b, side}))
			if d.depth[e] < 0 {
				continue
			}
			nodes = append(nodes, e)
			if p := d.parent[e]; p >= 0 {
				start[p+1]++
			}
		}
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	children := make([]int32, start[n])
	fill := append([]int32(nil), start[:n]...)
	var roots []int32
	for _, e := range nodes {
		if p := d.parent[e]; p >= 0 {
			children[fill[p]] = e
			fill[p]++
		} else {
			roots = append(roots, e)
		}
	}

	// Walk the tree; each key's current deepest edge is kept in a map and
	// restored on the way back up.
	curExact := make(map[exactKey]int32)
	curJeq := make(map[jeqKey]int32)
	type frame struct {
		e         int32
		next      int32
		prevExact int32
		prevJeq   int32
	}
	var stack []frame
	clock := int32(0)
	enter := func(e int32) {
		x.tin[e] = clock
		clock++
		f := frame{e: e, next: start[e], prevExact: -1, prevJeq: -1}
		ref := o.edgeByID(int(e))
		k := o.exactKeyOf(ref)
		if p, ok := curExact[k]; ok {
			f.prevExact = p
		}
		x.exact.add(e, f.prevExact)
		x.exactMin[e] = e
		if f.prevExact >= 0 && x.exactMin[f.prevExact] < e {
			x.exactMin[e] = x.exactMin[f.prevExact]
		}
		curExact[k] = e
		x.exactList[k] = append(x.exactList[k], e)
		if ref.side == 0 && ref.pred.ir.Jump.Code == jeqK {
			jk := jeqKey{ref.pred.val[atomA]}
			if p, ok := curJeq[jk]; ok {
				f.prevJeq = p
			}
			x.jeq.add(e, f.prevJeq)
			sum := jeqSummary{first: -1, second: -1}
			if f.prevJeq >= 0 {
				sum = x.jeqSum[f.prevJeq]
			}
			x.jeqSum[e] = sum.with(e, ref.pred.oval)
			curJeq[jk] = e
			x.jeqList[jk] = append(x.jeqList[jk], e)
		}
		stack = append(stack, f)
	}
	leave := func(f frame) {
		x.tout[f.e] = clock - 1
		ref := o.edgeByID(int(f.e))
		k := o.exactKeyOf(ref)
		if f.prevExact >= 0 {
			curExact[k] = f.prevExact
		} else {
			delete(curExact, k)
		}
		if ref.side == 0 && ref.pred.ir.Jump.Code == jeqK {
			jk := jeqKey{ref.pred.val[atomA]}
			if f.prevJeq >= 0 {
				curJeq[jk] = f.prevJeq
			} else {
				delete(curJeq, jk)
			}
		}
	}
	for _, r := range roots {
		enter(r)
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < start[top.e+1] {
				c := children[top.next]
				top.next++
				enter(c)
				continue
			}
			f := *top
			stack = stack[:len(stack)-1]
			leave(f)
		}
	}
}

// deepest returns the deepest edge of list (one key's edges, in walk
// order) that is an ancestor of e or e itself, or -1.
func (x *threadIndex) deepest(f *keyForest, list []int32, e int32) int32 {
	t := x.tin[e]
	i := sort.Search(len(list), func(i int) bool { return x.tin[list[i]] > t }) - 1
	if i < 0 {
		return -1
	}
	u := list[i]
	// The ancestors of u with the key that contain e are those above
	// some point; climb to the first.
	for u >= 0 && x.tout[u] < t {
		if j := f.jump[u]; j != u && x.tout[j] < t {
			u = j
		} else {
			u = f.parent[u]
		}
	}
	return u
}

// threadTarget finds, among e's edge dominators in increasing edge number,
// the first whose test decides the test of e's successor in a way that
// creates no data conflict, and returns the block e may jump to instead.
func (o *optimizer) threadTarget(e edgeRef) *blk {
	child := e.succ()
	if child.succ[0] == nil {
		return nil
	}
	x := &o.thr
	id := int32(o.edgeID(e))
	if o.edom.depth[id] < 0 {
		return nil
	}
	code := child.ir.Jump.Code
	tOK := !useConflict(e.pred, child.succ[0])
	fOK := !useConflict(e.pred, child.succ[1])
	best, bestSide := int32(-1), 0
	try := func(cand int32, side int) {
		if cand >= 0 && (best < 0 || cand < best) {
			best, bestSide = cand, side
		}
	}
	for side, ok := range [2]bool{tOK, fOK} {
		if !ok {
			continue
		}
		k := exactKey{uint8(side), code, child.val[atomA], child.oval}
		if list := x.exactList[k]; list != nil {
			if u := x.deepest(&x.exact, list, id); u >= 0 {
				try(x.exactMin[u], side)
			}
		}
	}
	if fOK && code == jeqK {
		if list := x.jeqList[jeqKey{child.val[atomA]}]; list != nil {
			if u := x.deepest(&x.jeq, list, id); u >= 0 {
				s := x.jeqSum[u]
				if s.firstOval != child.oval {
					try(s.first, 1)
				} else {
					try(s.second, 1)
				}
			}
		}
	}
	if best < 0 {
		return nil
	}
	return child.succ[bestSide]
}
