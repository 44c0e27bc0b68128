package optimize

// useConflict reports whether an atom live on exit from succ holds a
// different value there than on exit from b, so that b may not jump past
// the blocks in between.
func useConflict(b, succ *blk) bool {
	use := succ.outUse
	if use == 0 {
		return false
	}
	for a := range nAtoms {
		if use.has(a) && b.val[a] != succ.val[a] {
			return true
		}
	}
	return false
}

// thread moves edge e past blocks whose outcome is known when e is taken
// (libpcap's opt_j).
func (o *optimizer) thread(e edgeRef) {
	child := e.succ()
	if child.succ[0] == nil {
		return
	}
	if child.succ[0] == child.succ[1] {
		// Both ways lead to the same block: skip child, unless that
		// changes a value the block uses.
		if !useConflict(e.pred, child.succ[0]) {
			o.changed(true)
			e.pred.succ[e.side] = child.succ[0]
		}
	}
	for {
		target := o.threadTarget(e)
		if target == nil {
			return
		}
		o.changed(false)
		e.pred.succ[e.side] = target
		if target.succ[0] == nil {
			return
		}
	}
}

// slot is a reference to one successor pointer: b.succ[side].
type slot struct {
	b    *blk
	side int
}

func (s slot) get() *blk { return s.b.succ[s.side] }

// pullUp is libpcap's or_pullup (along = 1: a chain of tests linked by
// their false branches that share a true branch) and and_pullup (along =
// 0: linked by true branches, sharing the false branch). In a chain below
// b that tests the value b's predecessors leave in A, then other values,
// then that value again, the later test moves up to before the other
// values' tests, where the threader can then use it.
func (o *optimizer) pullUp(b *blk, along int) {
	if len(b.in) == 0 {
		return
	}
	o.query++
	shared := 1 - along
	first := b.firstIn()
	val := first.pred.val[atomA]
	for _, e := range b.in {
		if e.pred.val[atomA] != val {
			return
		}
	}
	diff := slot{first.pred, 1}
	if first.pred.succ[0] == b {
		diff.side = 0
	}
	atTop := true
	for {
		d := diff.get()
		if d == nil || d.succ[shared] != b.succ[shared] || !o.dominates(b, d) {
			return
		}
		if d.val[atomA] != val {
			break
		}
		diff = slot{d, along}
		atTop = false
	}
	same := slot{diff.get(), along}
	for {
		s := same.get()
		if s == nil || s.succ[shared] != b.succ[shared] || !o.dominates(b, s) {
			return
		}
		if s.val[atomA] == val {
			break
		}
		same = slot{s, along}
	}
	pull := same.get()
	o.setSucc(same.b, same.side, pull.succ[along])
	o.setSucc(pull, along, diff.get())
	if atTop {
		for i := len(b.in) - 1; i >= 0; i-- {
			p := b.in[i].pred
			if p.succ[0] == b {
				o.setSucc(p, 0, pull)
			} else {
				o.setSucc(p, 1, pull)
			}
		}
	} else {
		o.setSucc(diff.b, diff.side, pull)
	}
	o.changed(false)
	// libpcap recomputes the dominators here; from now on in this pass
	// they are derived from the graph as it is (live.go).
	o.domLive = true
}
