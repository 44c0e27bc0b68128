package optimize

// Dominator sets, kept as trees.
//
// libpcap keeps each dominator set as a bit vector, starts every set full
// (the root's empty), and makes one pass over the blocks in level order
// (highest first): a block adds itself to its set, then intersects its
// successors' sets with its own. Within a pass the graph changes but the
// level order does not, so the recomputation after a pull-up may visit a
// block before one of its predecessors; the sets it then computes are not
// true dominators, and the optimizer's later choices depend on them.
//
// Every set this procedure builds is "everything", or the path from some
// node to the root of a tree whose parent links are fixed when a block adds
// itself (the set it adds itself to is the path of its new parent), because
// intersecting two such paths gives the path of their lowest common
// ancestor. So a set is one node number, and membership and intersection
// are ancestor queries, answered in logarithmic time with skew-binary jump
// pointers. The same holds for libpcap's edge dominators, with edges as the
// tree's nodes.

const (
	setAll   = -1 // a set that still holds everything
	setEmpty = -2 // the empty set
)

// tree is a forest grown one leaf at a time, with jump pointers that let an
// ancestor at a given depth be found in O(log depth) steps.
type tree struct {
	parent []int32
	jump   []int32
	depth  []int32 // -1: not in the tree
}

func (t *tree) reset(n int) {
	if cap(t.parent) < n {
		t.parent = make([]int32, n)
		t.jump = make([]int32, n)
		t.depth = make([]int32, n)
	}
	t.parent, t.jump, t.depth = t.parent[:n], t.jump[:n], t.depth[:n]
	for i := range t.depth {
		t.depth[i] = -1
	}
}

// add inserts node x below p (setEmpty: as a root) and returns x.
func (t *tree) add(x, p int32) int32 {
	if p < 0 {
		t.parent[x], t.jump[x], t.depth[x] = -1, x, 0
		return x
	}
	t.parent[x] = p
	t.depth[x] = t.depth[p] + 1
	j := t.jump[p]
	if t.depth[p]-t.depth[j] == t.depth[j]-t.depth[t.jump[j]] {
		t.jump[x] = t.jump[j]
	} else {
		t.jump[x] = p
	}
	return x
}

// ancestorAt returns x's ancestor at depth d (d <= depth of x).
func (t *tree) ancestorAt(x int32, d int32) int32 {
	for t.depth[x] > d {
		if j := t.jump[x]; t.depth[j] >= d {
			x = j
		} else {
			x = t.parent[x]
		}
	}
	return x
}

// meet intersects two sets.
func (t *tree) meet(a, b int32) int32 {
	switch {
	case a == setAll:
		return b
	case b == setAll:
		return a
	case a == setEmpty || b == setEmpty:
		return setEmpty
	}
	if t.depth[a] > t.depth[b] {
		a = t.ancestorAt(a, t.depth[b])
	} else if t.depth[b] > t.depth[a] {
		b = t.ancestorAt(b, t.depth[a])
	}
	for a != b {
		if t.depth[a] == 0 {
			return setEmpty // different trees
		}
		if t.jump[a] != t.jump[b] {
			a, b = t.jump[a], t.jump[b]
		} else {
			a, b = t.parent[a], t.parent[b]
		}
	}
	return a
}

// domTree holds the block dominator sets of libpcap's find_dom.
type domTree struct {
	tree
	set []int32 // per block id: its dominator set

	// Positions in a walk of the finished tree: x is an ancestor of y
	// when y's entry falls within x's.
	tin, tout []int32
}

// number walks the finished tree so that membership takes constant time.
func (d *domTree) number(nodes []*blk) {
	n := len(d.parent)
	d.tin, d.tout = resize(d.tin, n), resize(d.tout, n)
	start := make([]int32, n+1)
	for _, b := range nodes {
		if d.depth[b.id] >= 0 && d.parent[b.id] >= 0 {
			start[d.parent[b.id]+1]++
		}
	}
	for i := 1; i <= n; i++ {
		start[i] += start[i-1]
	}
	children := make([]int32, start[n])
	fill := append([]int32(nil), start[:n]...)
	var roots []int32
	for _, b := range nodes {
		x := int32(b.id)
		switch {
		case d.depth[x] < 0:
		case d.parent[x] >= 0:
			children[fill[d.parent[x]]] = x
			fill[d.parent[x]]++
		default:
			roots = append(roots, x)
		}
	}
	clock := int32(0)
	type frame struct{ x, next int32 }
	var stack []frame
	for _, r := range roots {
		d.tin[r] = clock
		clock++
		stack = append(stack, frame{r, start[r]})
		for len(stack) > 0 {
			top := &stack[len(stack)-1]
			if top.next < start[top.x+1] {
				c := children[top.next]
				top.next++
				d.tin[c] = clock
				clock++
				stack = append(stack, frame{c, start[c]})
				continue
			}
			d.tout[top.x] = clock - 1
			stack = stack[:len(stack)-1]
		}
	}
}

// has reports whether node x is in set s, once the tree is numbered.
func (d *domTree) has(s, x int32) bool {
	switch {
	case s == setAll:
		return true
	case s == setEmpty || d.depth[x] < 0:
		return false
	}
	return d.tin[x] <= d.tin[s] && d.tin[s] <= d.tout[x]
}

// findDom recomputes the dominator sets over this pass's level order.
func (o *optimizer) findDom() {
	d := &o.dom
	n := len(o.blocks)
	d.reset(n)
	if cap(d.set) < n {
		d.set = make([]int32, n)
	}
	d.set = d.set[:n]
	for i := range d.set {
		d.set[i] = setAll
	}
	d.set[o.root.id] = setEmpty
	for _, b := range o.down {
		s := d.set[b.id]
		if s != setAll {
			s = d.add(int32(b.id), s)
			d.set[b.id] = s
		}
		if b.succ[0] == nil {
			continue
		}
		for _, c := range b.succ {
			d.set[c.id] = d.meet(d.set[c.id], s)
		}
	}
	d.number(o.down)
}

// edgeDomTree holds libpcap's edge dominators: the edges on every path
// from the root to an edge, the edge included. Each block's set (that of
// the edges leaving it, without themselves) is a node of the tree of
// edges.
type edgeDomTree struct {
	tree
	set []int32 // per block id
}

// findEdgeDom computes the edge dominators at the start of a pass, before
// anything changes the graph, so the level order is a true topological
// order here.
func (o *optimizer) findEdgeDom() {
	d := &o.edom
	n := len(o.blocks)
	d.reset(2 * n)
	if cap(d.set) < n {
		d.set = make([]int32, n)
	}
	d.set = d.set[:n]
	for i := range d.set {
		d.set[i] = setAll
	}
	d.set[o.root.id] = setEmpty
	for _, b := range o.down {
		if b.succ[0] == nil {
			continue // a return's edges lead nowhere and dominate nothing
		}
		s := d.set[b.id]
		for side, c := range b.succ {
			e := int32(o.edgeID(edgeRef{b, side}))
			if s == setAll {
				// Cannot happen in a topological order; keep the
				// edge out of every set rather than guess.
				continue
			}
			d.add(e, s)
			d.set[c.id] = d.meet(d.set[c.id], e)
		}
	}
}
