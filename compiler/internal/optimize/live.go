package optimize

// Dominators after a pull-up.
//
// libpcap recomputes every dominator set after each pull-up, visiting the
// blocks in the level order of the start of the pass. That order is no
// longer topological: a pulled-up block now precedes blocks of higher
// levels. What the recomputation yields can be said directly. Call an edge
// forward when its source comes first in that order. A block's set when
// it is visited (what it passes on to its successors) is its dominator set
// in the graph of forward edges, or "everything" when forward edges do not
// reach it from the root; its final set is that, intersected with the
// sets its backward predecessors pass on.
//
// Recomputing all of it after every pull-up is what makes libpcap
// quadratic. Instead, once a pull-up has happened in a pass, each question
// "does b dominate d" is answered by a backward search from d over forward
// edges that does not pass b: it dominates if the search cannot reach the
// root. A pull-up asks about the blocks of one chain below the same b, so
// blocks proven dominated are remembered for the rest of that pull-up and
// cut later searches short.

// startLiveDom prepares the pull-up phase of a pass: predecessor lists of
// the graph as threading left it. The dominator sets stay those computed
// at the start of the pass until the first pull-up.
func (o *optimizer) startLiveDom() {
	n := len(o.blocks)
	o.domLive = false
	if o.preds == nil {
		o.preds = make([][]edgeRef, n)
		o.seen = make([]uint32, n)
		o.known = make([]uint32, n)
	}
	for i := range o.preds {
		o.preds[i] = o.preds[i][:0]
	}
	for _, b := range o.down {
		if b.succ[0] == nil {
			continue
		}
		for side, c := range b.succ {
			o.preds[c.id] = append(o.preds[c.id], edgeRef{b, side})
		}
	}
}

// setSucc redirects an edge, keeping the predecessor lists.
func (o *optimizer) setSucc(p *blk, side int, x *blk) {
	old := p.succ[side]
	p.succ[side] = x
	if o.pos[p.id] < 0 || old == x {
		return
	}
	if old != nil {
		list := o.preds[old.id]
		for i, e := range list {
			if e.pred == p && e.side == side {
				list[i] = list[len(list)-1]
				o.preds[old.id] = list[:len(list)-1]
				break
			}
		}
	}
	if x != nil {
		o.preds[x.id] = append(o.preds[x.id], edgeRef{p, side})
	}
}

// dominates reports whether a is in b's dominator set.
func (o *optimizer) dominates(a, b *blk) bool {
	if !o.domLive {
		return o.dom.has(o.dom.set[b.id], int32(a.id))
	}
	if !o.passesOn(a, b) {
		return false
	}
	for _, e := range o.preds[b.id] {
		if o.pos[e.pred.id] > o.pos[b.id] && !o.passesOn(a, e.pred) {
			return false
		}
	}
	return true
}

// passesOn reports whether a is in the set x passes on to its successors:
// x is a, or every forward path from the root to x goes through a.
func (o *optimizer) passesOn(a, x *blk) bool {
	if x == a || o.known[x.id] == o.query {
		return true
	}
	o.stamp++
	stamp := o.stamp
	o.seen[x.id] = stamp
	visited := []*blk{x}
	for i := 0; i < len(visited); i++ {
		y := visited[i]
		if y == o.root {
			return false
		}
		py := o.pos[y.id]
		for _, e := range o.preds[y.id] {
			p := e.pred
			if pp := o.pos[p.id]; pp < 0 || pp >= py || p == a {
				continue
			}
			if o.seen[p.id] == stamp || o.known[p.id] == o.query {
				continue
			}
			o.seen[p.id] = stamp
			visited = append(visited, p)
		}
	}
	for _, y := range visited {
		o.known[y.id] = o.query
	}
	return true
}
