package bpfvm

// Machine runs a program one instruction at a time, for debuggers. Set it
// up with Reset, then call Step until it reports the program finished;
// Registers may be read (and changed) between steps. Breakpoints and
// watchpoints are the caller's business: compare Registers().PC before
// each Step.
type Machine struct {
	prog    *Program
	pkt     []byte
	wireLen uint32
	md      *Metadata
	regs    Registers
	back    int
	steps   int
	ret     uint32
	stop    Stop
}

// NewMachine returns a Machine for p, ready to run over an empty packet.
func (p *Program) NewMachine() *Machine {
	return &Machine{prog: p}
}

// Reset starts the program again over a packet, with A, X, M[] and PC
// zero. The arguments are those of Program.Run; the Machine keeps
// references to data and md.
func (m *Machine) Reset(data []byte, wireLen int, md *Metadata) {
	*m = Machine{prog: m.prog, pkt: data, wireLen: uint32(wireLen), md: md}
}

// Step executes the instruction at PC. When that ends the program it
// returns the result and why it stopped; otherwise it returns StopNone.
// Stepping a finished program repeats its result.
func (m *Machine) Step() (ret uint32, stop Stop) {
	if m.stop != StopNone {
		return m.ret, m.stop
	}
	m.steps++
	m.ret, m.stop = m.prog.exec(&m.regs, m.pkt, m.wireLen, m.md, true, &m.back)
	return m.ret, m.stop
}

// Continue runs until the program ends and returns its result.
func (m *Machine) Continue() (ret uint32, stop Stop) {
	for m.stop == StopNone {
		m.Step()
	}
	return m.ret, m.stop
}

// Registers returns a pointer to the machine state; PC is the next
// instruction to run (or, once finished, the one that ended the program).
func (m *Machine) Registers() *Registers { return &m.regs }

// Steps returns the number of instructions executed since Reset.
func (m *Machine) Steps() int { return m.steps }

// Done reports whether the program has finished, and how.
func (m *Machine) Done() (finished bool, ret uint32, stop Stop) {
	return m.stop != StopNone, m.ret, m.stop
}

// Program returns the program the machine runs.
func (m *Machine) Program() *Program { return m.prog }
