package dbg

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"slices"
	"strings"

	"github.com/gocapdump/gocapdump/bpfcheck"
	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
	"golang.org/x/net/bpf"
)

// command is one debugger command.
type command struct {
	name  string
	usage string // arguments, for help
	help  string
	run   func(s *Session, arg string) error
	args  []string // fixed words completed after the name
}

// commands is the command table. bpf_dbg's eight come first, in its order,
// so that its users find them where they expect.
var commands = []command{
	{name: "load", usage: "bpf N,c t f k,... | pcap FILE | filter EXPR",
		help: "load a program (bpf_asm / tcpdump -ddd decimal form), a pcap or pcapng file, or compile a filter expression for the current link type",
		run:  (*Session).cmdLoad, args: []string{"bpf", "pcap", "filter"}},
	{name: "select", usage: "[N]", help: "select packet N (from 1) and restart the program on it; without N, show the selected packet",
		run: (*Session).cmdSelect},
	{name: "step", usage: "[N | +N | -N]", help: "run N instructions (default 1), showing the state before the last; -N goes back N instructions in the history",
		run: (*Session).cmdStep},
	{name: "run", usage: "[-v] [N]", help: "run the program over N packets (default: to the last one) from the current state, stopping at breakpoints; -v shows each packet's result",
		run: (*Session).cmdRun, args: []string{"-v"}},
	{name: "breakpoint", usage: "[N | reset]", help: "set a breakpoint at instruction N, list breakpoints, or remove them all",
		run: (*Session).cmdBreakpoint, args: []string{"reset"}},
	{name: "disassemble", usage: "[-d] [N]", help: "list the program, or instruction N; -d in tcpdump -d syntax",
		run: (*Session).cmdDisassemble, args: []string{"-d"}},
	{name: "dump", usage: "[-d | -dd | -ddd]", help: "print the program as C initialisers, or in one of tcpdump's -d, -dd, -ddd forms",
		run: (*Session).cmdDump, args: []string{"-d", "-dd", "-ddd"}},
	{name: "quit", help: "leave the debugger", run: (*Session).cmdQuit},

	{name: "set", usage: "[all] [FIELD VALUE|default | reset]",
		help: "show or change the selected packet's (or with all, every packet's) ancillary data: " + strings.Join(metaFieldNames(), ", "),
		run:  (*Session).cmdSet, args: append([]string{"all", "reset"}, metaFieldNames()...)},
	{name: "mode", usage: "[linux | libpcap]", help: "show or change the semantics: the Linux kernel's (default) or libpcap's bpf_filter",
		run: (*Session).cmdMode, args: []string{"linux", "libpcap"}},
	{name: "syntax", usage: "[bpf_dbg | tcpdump]", help: "show or change the instruction syntax of listings and dumps",
		run: (*Session).cmdSyntax, args: []string{"bpf_dbg", "tcpdump"}},
	{name: "linktype", usage: "[DLT | auto]", help: "show or set the link type used by load filter and for ancillary data; auto uses the pcap file's",
		run: (*Session).cmdLinktype},
	{name: "check", help: "say whether the Linux kernel and libpcap accept the loaded program, and why not",
		run: (*Session).cmdCheck},
	{name: "help", usage: "[COMMAND]", help: "list the commands, or describe one"},
	{name: "exit", help: "the same as quit", run: (*Session).cmdQuit},
}

// lookupCommand finds a command by its name or a unique prefix of it.
func lookupCommand(name string) (*command, error) {
	var found []*command
	for i := range commands {
		c := &commands[i]
		if c.name == name {
			return c, nil
		}
		if strings.HasPrefix(c.name, name) {
			found = append(found, c)
		}
	}
	switch len(found) {
	case 1:
		return found[0], nil
	case 0:
		return nil, &CommandError{Msg: fmt.Sprintf("unknown command %q (try help)", name)}
	}
	var names []string
	for _, c := range found {
		names = append(names, c.name)
	}
	return nil, &CommandError{Msg: fmt.Sprintf("ambiguous command %q: %s", name, strings.Join(names, ", "))}
}

func (s *Session) help(arg string) error {
	if arg != "" {
		c, err := lookupCommand(arg)
		if err != nil {
			return s.fail("help", "%s", err.(*CommandError).Msg)
		}
		s.printf("%s\n  %s\n", strings.TrimRight(c.name+" "+c.usage, " "), c.help)
		return nil
	}
	for _, c := range commands {
		s.printf("%s\n", strings.TrimRight(fmt.Sprintf("%-12s %s", c.name, c.usage), " "))
	}
	return nil
}

func (s *Session) cmdQuit(string) error { return ErrQuit }

// --- load ---

func (s *Session) cmdLoad(arg string) error {
	sub, rest := splitCommand(arg)
	// As in bpf_dbg, the subcommand may be abbreviated to any prefix.
	switch {
	case sub != "" && strings.HasPrefix("bpf", sub):
		return s.loadBPF(rest)
	case sub != "" && strings.HasPrefix("pcap", sub):
		return s.loadPcap(rest)
	case sub != "" && strings.HasPrefix("filter", sub):
		return s.loadFilter(rest)
	}
	return s.fail("load", "bpf <code>:    load bpf code\npcap <file>:   load pcap file\nfilter <expr>: compile and load a filter expression")
}

func (s *Session) loadBPF(text string) error {
	prog, err := bpftext.ParseDecimal(text)
	if err != nil {
		var se *bpftext.SyntaxError
		if errors.As(err, &se) {
			if se.Instruction >= 0 {
				return s.fail("load", "syntax error at instruction %d! (%s)", se.Instruction, se.Msg)
			}
			return s.fail("load", "syntax error in program! (%s)", se.Msg)
		}
		return s.fail("load", "syntax error in program! (%v)", err)
	}
	return s.install("load", prog)
}

func (s *Session) loadFilter(expr string) error {
	_, dlt := s.linkType()
	order := compiler.SavefileNative
	if s.swapped {
		order = compiler.SavefileSwapped
	}
	p, err := compiler.Compile(expr, compiler.Options{LinkType: dlt, NoOptimize: s.opts.NoOptimize, Savefile: order})
	if err != nil {
		var ce *compiler.Error
		if errors.As(err, &ce) {
			return s.fail("load", "cannot compile filter for %s: %s", dlt, ce.Msg)
		}
		return s.fail("load", "cannot compile filter for %s: %v", dlt, err)
	}
	return s.install("load", p.Instructions())
}

// validate translates prog for mode, applying the kernel's checks in Linux
// mode. The message says why a program is refused.
func validate(prog []bpf.RawInstruction, mode bpfvm.Mode) (*bpfvm.Program, string) {
	if mode == bpfvm.Linux {
		if err := bpfcheck.Check(prog); err != nil {
			return nil, "program not allowed to run by kernel! (" + err.Error() + ")"
		}
	}
	vm, err := bpfvm.New(prog, mode)
	if err != nil {
		var ve *bpfvm.Error
		if errors.As(err, &ve) && ve.PC >= 0 {
			return nil, fmt.Sprintf("program cannot run in %s mode! (instruction %d: %s)", mode, ve.PC, ve.Msg)
		}
		if errors.As(err, &ve) {
			return nil, fmt.Sprintf("program cannot run in %s mode! (%s)", mode, ve.Msg)
		}
		return nil, fmt.Sprintf("program cannot run in %s mode! (%v)", mode, err)
	}
	return vm, ""
}

// install makes prog the session's program if the current mode accepts it.
// A refused program leaves the session as it was (bpf_dbg threw away the
// previous program and the breakpoints even when the new one failed).
func (s *Session) install(cmd string, prog []bpf.RawInstruction) error {
	vm, why := validate(prog, s.opts.Mode)
	if vm == nil {
		return s.fail(cmd, "%s", why)
	}
	s.prog, s.vm, s.m = prog, vm, vm.NewMachine()
	clear(s.breakpoints)
	s.clearHistory()
	s.restart()
	return nil
}

func (s *Session) loadPcap(name string) error {
	if name == "" {
		return s.fail("load", "load pcap needs a file name!")
	}
	f, err := s.opts.Open(name)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return s.fail("load", "cannot open pcap [%v]!", err)
	}
	defer f.Close()
	r, err := pcapfile.NewReader(f)
	if err != nil {
		return s.fail("load", "%s", pcapError(err))
	}
	var pkts []packet
	var types []uint32
	var warning string
	for {
		data, ci, err := r.ReadPacketData()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var fe *pcapfile.FormatError
			if errors.As(err, &fe) {
				warning = fmt.Sprintf("warning: packet %d: %s; using the %d packets before it", fe.Packet, fe.Text, len(pkts))
			} else {
				warning = fmt.Sprintf("warning: %v; using the %d packets before it", err, len(pkts))
			}
			break
		}
		pkts = append(pkts, packet{data: data, wireLen: ci.Length, linkType: ci.LinkType})
		if !slices.Contains(types, ci.LinkType) {
			types = append(types, ci.LinkType)
		}
	}
	if warning != "" {
		s.printf("%s\n", warning)
	}
	if len(pkts) == 0 {
		return s.fail("load", "pcap file has no packets!")
	}
	s.pcapName, s.pkts, s.linkTypes, s.cur = name, pkts, types, 0
	s.swapped = (r.ByteOrder().Uint16([]byte{1, 0}) == 1) != hostLittleEndian
	clear(s.metaPkt)
	s.clearHistory()
	s.restart()
	var names []string
	for _, t := range types {
		names = append(names, linktype.FromSavefile(t).String())
	}
	s.printf("%s: %d packet%s, %s %s\n", name, len(pkts), plural(len(pkts)), r.Format(), strings.Join(names, ", "))
	return nil
}

// pcapError turns a savefile error into a message: bpf_dbg's for a file of
// unknown format, libpcap's text for a bad one.
func pcapError(err error) string {
	if errors.Is(err, pcapfile.ErrNotSupported) {
		return "wrong pcap magic!"
	}
	var fe *pcapfile.FormatError
	if errors.As(err, &fe) {
		if fe.Packet > 0 {
			return fmt.Sprintf("bad pcap file [packet %d: %s]!", fe.Packet, fe.Text)
		}
		return fmt.Sprintf("bad pcap file [%s]!", fe.Text)
	}
	return fmt.Sprintf("cannot read pcap [%v]!", err)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// --- select ---

func (s *Session) cmdSelect(arg string) error {
	if err := s.needPcap("select"); err != nil {
		return err
	}
	if arg == "" {
		s.printf("packet #%d of %d\n", s.cur+1, len(s.pkts))
		return nil
	}
	n, err := parseUint(arg, 1<<62)
	if err != nil {
		return s.fail("select", "%v!", err)
	}
	if n == 0 {
		s.printf("packet count starts with 1, clamping!\n")
		n = 1
	}
	if n > uint64(len(s.pkts)) {
		return s.fail("select", "no packet #%d available! (the file has %d)", n, len(s.pkts))
	}
	s.cur = int(n - 1)
	s.clearHistory()
	s.restart()
	return nil
}

// --- step ---

func (s *Session) cmdStep(arg string) error {
	if err := s.needProgram("step"); err != nil {
		return err
	}
	if err := s.needPcap("step"); err != nil {
		return err
	}
	n := int64(1)
	if arg != "" {
		back := strings.HasPrefix(arg, "-")
		v, err := parseUint(strings.TrimPrefix(arg, "-"), 1<<31)
		if err != nil {
			return s.fail("step", "%v!", err)
		}
		n = int64(v)
		if back {
			n = -n
		}
		if n == 0 {
			n = 1
		}
	}
	if n < 0 {
		// The last state in the history is the one the previous step
		// showed; go to the one -n before it and show it again.
		idx := len(s.history) - 1 + int(n)
		if idx < 0 {
			return s.fail("step", "reached bottom of register history stack!")
		}
		st := s.history[idx]
		s.history = s.history[:idx]
		if st.packet != s.cur {
			s.cur = st.packet
		}
		s.restart()
		*s.m.Registers() = st.regs
		n = 1
	}
	for i := int64(1); ; i++ {
		s.push()
		pc := s.m.Registers().PC
		show := i == n || s.breakpoints[pc]
		if show {
			s.showState(s.breakpoints[pc])
		}
		ret, stop := s.m.Step()
		if stop != bpfvm.StopNone {
			writeReturn(s.out, ret, stop)
			s.nextPacket()
			return nil
		}
		if show {
			return nil
		}
	}
}

// showState writes the register and packet dump for the machine's
// current state, which is before the instruction at PC runs.
func (s *Session) showState(atBreakpoint bool) {
	writeRegisters(s.out, s.opts.Syntax, s.vm, s.m.Registers())
	p := &s.pkts[s.cur]
	writePacket(s.out, s.cur+1, p.data, p.wireLen)
	if atBreakpoint {
		s.printf("(breakpoint)\n")
	}
}

// nextPacket moves a finished step to the next packet, or back to the
// first after the last, as bpf_dbg does. The history is kept, so "step -1"
// can return into the packet just finished.
func (s *Session) nextPacket() {
	if s.cur+1 < len(s.pkts) {
		s.cur++
		s.printf("(next packet)\n")
	} else {
		s.cur = 0
		s.printf("(going back to first packet)\n")
	}
	s.restart()
}

// --- run ---

func (s *Session) cmdRun(arg string) error {
	if err := s.needProgram("run"); err != nil {
		return err
	}
	if err := s.needPcap("run"); err != nil {
		return err
	}
	verbose := false
	if a, rest := splitCommand(arg); a == "-v" {
		verbose, arg = true, rest
	}
	limit := uint64(0)
	if arg != "" {
		v, err := parseUint(arg, 1<<62)
		if err != nil {
			return s.fail("run", "%v!", err)
		}
		limit = v
	}
	var passes, fails, started uint64
	for {
		started++
		// Run the selected packet from wherever the machine is. Without
		// breakpoints the history is not needed (a finished run clears
		// it), so the machine runs at full speed.
		if len(s.breakpoints) == 0 {
			s.m.Continue()
		}
		for {
			if done, _, _ := s.m.Done(); done {
				break
			}
			s.push()
			if pc := s.m.Registers().PC; s.breakpoints[pc] {
				s.showState(true)
				if ret, stop := s.m.Step(); stop != bpfvm.StopNone {
					writeReturn(s.out, ret, stop)
				}
				return nil
			}
			s.m.Step()
		}
		_, ret, stop := s.m.Done()
		if ret != 0 {
			passes++
		} else {
			fails++
		}
		if verbose {
			s.printf("packet %d: ret %s", s.cur+1, regValue(ret))
			if stop != bpfvm.StopReturn {
				s.printf(" (%s)", stop)
			}
			s.printf("\n")
		}
		if s.cur+1 >= len(s.pkts) || (limit > 0 && started >= limit) {
			break
		}
		s.cur++
		s.clearHistory()
		s.restart()
	}
	s.printf("bpf passes:%d fails:%d\n", passes, fails)
	s.cur = 0
	s.clearHistory()
	s.restart()
	return nil
}

// --- breakpoint ---

func (s *Session) cmdBreakpoint(arg string) error {
	if err := s.needProgram("breakpoint"); err != nil {
		return err
	}
	switch {
	case arg == "":
		pcs := make([]int, 0, len(s.breakpoints))
		for pc := range s.breakpoints {
			pcs = append(pcs, pc)
		}
		slices.Sort(pcs)
		s.printf("breakpoints:")
		for _, pc := range pcs {
			s.printf(" %d", pc)
		}
		s.printf("\n")
		return nil
	case strings.HasPrefix("reset", arg):
		clear(s.breakpoints)
		return nil
	}
	n, err := parseUint(arg, 1<<31)
	if err != nil {
		return s.fail("breakpoint", "%v!", err)
	}
	if n >= uint64(len(s.prog)) {
		return s.fail("breakpoint", "no instruction %d! (the program has %d)", n, len(s.prog))
	}
	if s.breakpoints[int(n)] {
		s.printf("breakpoint already set!\n")
	}
	s.breakpoints[int(n)] = true
	s.printf("breakpoint at: %s\n", disasm(s.opts.Syntax, s.prog[n], int(n)))
	return nil
}

// --- disassemble and dump ---

func (s *Session) cmdDisassemble(arg string) error {
	if err := s.needProgram("disassemble"); err != nil {
		return err
	}
	syn := s.opts.Syntax
	if a, rest := splitCommand(arg); a == "-d" {
		syn, arg = SyntaxTcpdump, rest
	}
	if arg != "" {
		n, err := parseUint(arg, 1<<31)
		if err != nil {
			return s.fail("disassemble", "%v!", err)
		}
		if n >= uint64(len(s.prog)) {
			return s.fail("disassemble", "no instruction %d! (the program has %d)", n, len(s.prog))
		}
		s.printf("%s\n", disasm(syn, s.prog[n], int(n)))
		return nil
	}
	for pc, ins := range s.prog {
		s.printf("%s\n", disasm(syn, ins, pc))
	}
	return nil
}

func (s *Session) cmdDump(arg string) error {
	if err := s.needProgram("dump"); err != nil {
		return err
	}
	switch arg {
	case "":
		writeCArray(s.out, s.prog)
	case "-d", "-dd", "-ddd":
		bpftext.Dump(s.out, s.prog, bpftext.Format(len(arg)-1))
	default:
		return s.fail("dump", "dump takes -d, -dd or -ddd, not %q!", arg)
	}
	return nil
}

// --- set (ancillary data) ---

func (s *Session) cmdSet(arg string) error {
	scope, rest := splitCommand(arg)
	all := scope == "all"
	if all {
		arg = rest
	}
	if !all {
		if err := s.needPcap("set"); err != nil {
			return err
		}
	}
	field, value := splitCommand(arg)
	target := s.metaAll
	if !all {
		target = s.metaPkt[s.cur]
		if target == nil {
			target = overrides{}
			s.metaPkt[s.cur] = target
		}
	}
	switch {
	case field == "" && all:
		if len(s.metaAll) == 0 {
			s.printf("no ancillary data set for all packets\n")
		}
		for _, name := range sortedKeys(s.metaAll) {
			s.printf("%s%d\n", label(name+":"), s.metaAll[name])
		}
		return nil
	case field == "":
		lt, _ := s.linkType()
		s.printf("ancillary data of packet #%d (%s):\n", s.cur+1, linktype.FromSavefile(lt))
		writeMeta(s.out, &s.md, s.metaPkt[s.cur], s.metaAll)
		return nil
	case field == "reset" && value == "":
		clear(target)
	case value == "":
		return s.fail("set", "set %s needs a value!", field)
	default:
		if err := setMeta(target, field, value); err != nil {
			return s.fail("set", "%v!", err)
		}
	}
	// The machine reads s.md through a pointer: the change applies from
	// the next instruction, without restarting the program.
	s.refreshMeta()
	return nil
}

func sortedKeys(o overrides) []string {
	keys := make([]string, 0, len(o))
	for k := range o {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// --- mode, syntax, linktype, check ---

func (s *Session) cmdMode(arg string) error {
	var mode bpfvm.Mode
	switch arg {
	case "":
		s.printf("mode: %s\n", s.opts.Mode)
		return nil
	case "linux", "kernel":
		mode = bpfvm.Linux
	case "libpcap", "pcap":
		mode = bpfvm.Libpcap
	default:
		return s.fail("mode", "unknown mode %q! (linux or libpcap)", arg)
	}
	if s.prog != nil {
		vm, why := validate(s.prog, mode)
		if vm == nil {
			return s.fail("mode", "%s", why)
		}
		s.vm, s.m = vm, vm.NewMachine()
		s.clearHistory()
		s.restart()
	}
	s.opts.Mode = mode
	return nil
}

func (s *Session) cmdSyntax(arg string) error {
	if arg == "" {
		s.printf("syntax: %s\n", s.opts.Syntax)
		return nil
	}
	for _, n := range syntaxNames {
		if n.name == arg {
			s.opts.Syntax = n.syntax
			return nil
		}
	}
	return s.fail("syntax", "unknown syntax %q! (bpf_dbg or tcpdump)", arg)
}

func (s *Session) cmdLinktype(arg string) error {
	switch arg {
	case "":
		_, dlt := s.linkType()
		from := "default"
		if s.hasLinkOverride {
			from = "set"
		} else if s.pkts != nil {
			from = "from the pcap file"
		}
		s.printf("linktype: %s (%s)\n", dlt, from)
		return nil
	case "auto":
		s.hasLinkOverride = false
		s.refreshMeta()
		return nil
	}
	t, err := linktype.Parse(arg)
	if err != nil {
		return s.fail("linktype", "unknown link type %q!", arg)
	}
	s.SetLinkType(t)
	return nil
}

func (s *Session) cmdCheck(string) error {
	if err := s.needProgram("check"); err != nil {
		return err
	}
	if err := bpfcheck.Check(s.prog); err != nil {
		s.printf("kernel:  refused: %v\n", err)
	} else {
		s.printf("kernel:  accepted\n")
	}
	if _, err := bpfvm.New(s.prog, bpfvm.Libpcap); err != nil {
		s.printf("libpcap: refused: %v\n", strings.TrimPrefix(err.Error(), "bpfvm: "))
	} else {
		s.printf("libpcap: accepted\n")
	}
	return nil
}
