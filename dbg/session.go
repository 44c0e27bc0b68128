package dbg

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
	"strings"

	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/net/bpf"
)

// Options configure a Session. The zero value debugs with the Linux
// kernel's semantics, bpf_dbg's syntax, and files from the operating
// system.
type Options struct {
	// Mode is whose semantics programs run with: bpfvm.Linux (the
	// kernel running a socket filter, and its load-time checks) or
	// bpfvm.Libpcap (libpcap's bpf_filter over a savefile).
	Mode bpfvm.Mode
	// Syntax is the instruction syntax of listings and register dumps.
	Syntax Syntax
	// NoOptimize compiles "load filter" expressions without the
	// optimizer, as tcpdump -O does.
	NoOptimize bool
	// Open opens a savefile for "load pcap"; nil means os.Open.
	Open func(name string) (io.ReadCloser, error)
	// ReadDir lists a directory for file name completion; nil means
	// os.ReadDir.
	ReadDir func(name string) ([]fs.DirEntry, error)
}

// ErrQuit is returned by Exec for the quit command.
var ErrQuit = errors.New("dbg: quit")

// CommandError reports a command that failed. Its message has already been
// written to the session's output; the error is for callers that keep
// a history of successful commands or count failures.
type CommandError struct {
	Command string // the command's name, "" for an unknown command
	Msg     string // what was written, without the newline
}

// Error implements the error interface.
func (e *CommandError) Error() string {
	if e.Command == "" {
		return "dbg: " + e.Msg
	}
	return "dbg: " + e.Command + ": " + e.Msg
}

// maxHistory bounds the machine states kept for "step -n". cBPF programs
// for Linux run at most 4096 instructions per packet; the bound matters
// for long runs and for libpcap mode's backward jumps.
const maxHistory = 1 << 16

// packet is one packet of the loaded savefile.
type packet struct {
	data     []byte
	wireLen  int
	linkType uint32 // LINKTYPE_ value
}

// state is one entry of the step history: the machine before an
// instruction ran.
type state struct {
	packet int
	regs   bpfvm.Registers
}

// Session is a debugging session: a program, a savefile's packets, a
// selected packet and the machine stepping the program over it, the
// breakpoints and the history of machine states. Commands are given to
// Exec (or Run) as text, and everything they print goes to the io.Writer
// given to New. A Session is not safe for concurrent use.
type Session struct {
	out  *errWriter
	opts Options

	// The program, as loaded and as translated for the current mode.
	prog []bpf.RawInstruction
	vm   *bpfvm.Program
	m    *bpfvm.Machine

	breakpoints map[int]bool
	history     []state

	// The savefile.
	pcapName  string
	pkts      []packet
	cur       int  // selected packet, 0-based
	swapped   bool // the file's byte order is not the host's
	linkTypes []uint32

	// linkOverride replaces the packets' link type when hasLinkOverride.
	linkOverride    linktype.Type
	hasLinkOverride bool

	// Ancillary data: md is what the machine reads for the selected
	// packet, derived from the packet and the overrides.
	md      bpfvm.Metadata
	metaAll overrides
	metaPkt map[int]overrides
}

// New returns a session writing to w. opts may be nil for the defaults.
func New(w io.Writer, opts *Options) *Session {
	s := &Session{
		out:         &errWriter{w: w},
		breakpoints: map[int]bool{},
		metaAll:     overrides{},
		metaPkt:     map[int]overrides{},
	}
	if opts != nil {
		s.opts = *opts
	}
	if s.opts.Open == nil {
		s.opts.Open = func(name string) (io.ReadCloser, error) { return os.Open(name) }
	}
	if s.opts.ReadDir == nil {
		s.opts.ReadDir = os.ReadDir
	}
	return s
}

// errWriter keeps the first write error, so commands can print freely
// and Exec reports a broken output once.
type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) Write(p []byte) (int, error) {
	if e.err != nil {
		return 0, e.err
	}
	n, err := e.w.Write(p)
	if err != nil {
		e.err = fmt.Errorf("dbg: writing output: %w", err)
	}
	return n, err
}

func (s *Session) printf(format string, args ...any) {
	fmt.Fprintf(s.out, format, args...)
}

// fail prints msg as a failed command's message and returns it as an error.
func (s *Session) fail(cmd, format string, args ...any) error {
	msg := fmt.Sprintf(format, args...)
	s.printf("%s\n", msg)
	return &CommandError{Command: cmd, Msg: msg}
}

// Exec runs one command line. Its output, error messages included, goes to
// the session's writer. Blank lines and lines starting with '#' do nothing.
// Exec returns nil when the command succeeded, ErrQuit for quit, a
// *CommandError when it failed, or the error of a failed write.
func (s *Session) Exec(line string) error {
	name, arg := splitCommand(line)
	if name == "" {
		return nil
	}
	c, err := lookupCommand(name)
	if err == nil {
		if c.name == "help" {
			err = s.help(arg)
		} else {
			err = c.run(s, arg)
		}
	} else {
		s.printf("%s\n", err.(*CommandError).Msg)
	}
	if s.out.err != nil {
		return s.out.err
	}
	return err
}

// Run executes the command lines read from r until quit, the end of the
// input or ctx is done, without prompts: the output is what Exec prints
// for each line. Failed commands do not stop it. It returns ErrQuit when a
// quit command ended it, nil at the end of the input, ctx's error (checked
// between lines), or a read or write error.
func (s *Session) Run(ctx context.Context, r io.Reader) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 16<<20) // "load bpf" lines can be long
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := s.Exec(sc.Text())
		if errors.Is(err, ErrQuit) {
			return ErrQuit
		}
		if s.out.err != nil {
			return s.out.err
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("dbg: reading commands: %w", err)
	}
	return nil
}

// splitCommand splits a line into the command name and the rest, trimmed.
func splitCommand(line string) (name, arg string) {
	line = strings.TrimSpace(line)
	if line == "" || line[0] == '#' {
		return "", ""
	}
	if i := strings.IndexAny(line, " \t"); i >= 0 {
		return line[:i], strings.TrimSpace(line[i+1:])
	}
	return line, ""
}

// parseUint reads a decimal or 0x-prefixed hexadecimal number up to max.
func parseUint(s string, max uint64) (uint64, error) {
	t := strings.TrimPrefix(s, "+")
	base := 10
	if len(t) > 2 && (t[:2] == "0x" || t[:2] == "0X") {
		t, base = t[2:], 16
	}
	v, err := strconv.ParseUint(t, base, 64)
	if err != nil || v > max || t == "" {
		if err == nil || errors.Is(err, strconv.ErrRange) {
			return 0, fmt.Errorf("number %s out of range (at most %d)", s, max)
		}
		return 0, fmt.Errorf("bad number %q", s)
	}
	return v, nil
}

// loaded reports, with bpf_dbg's messages, whether a program and (if
// needed) a savefile are loaded.
func (s *Session) needProgram(cmd string) error {
	if s.vm == nil {
		return s.fail(cmd, "no bpf program loaded!")
	}
	return nil
}

func (s *Session) needPcap(cmd string) error {
	if s.pkts == nil {
		return s.fail(cmd, "no pcap file loaded!")
	}
	return nil
}

// linkType returns the link type (LINKTYPE_ value and DLT) used for the
// selected packet: the override, the packet's own, or Ethernet.
func (s *Session) linkType() (uint32, linktype.Type) {
	if s.hasLinkOverride {
		v, ok := s.linkOverride.Savefile()
		if !ok {
			v = uint32(s.linkOverride)
		}
		return v, s.linkOverride
	}
	if s.pkts != nil {
		v := s.pkts[s.cur].linkType
		return v, linktype.FromSavefile(v)
	}
	return 1, linktype.Ethernet
}

// SetLinkType makes t the link type of every packet, for "load filter" and
// for the ancillary data derived from a packet, instead of the savefile's.
func (s *Session) SetLinkType(t linktype.Type) {
	s.linkOverride, s.hasLinkOverride = t, true
	s.refreshMeta()
}

// refreshMeta recomputes the ancillary data of the selected packet. The
// machine holds a pointer to s.md, so changes apply to the next step.
func (s *Session) refreshMeta() {
	lt, _ := s.linkType()
	var data []byte
	if s.pkts != nil {
		data = s.pkts[s.cur].data
	}
	s.md = bpfvm.MetadataFor(lt, data)
	s.metaAll.apply(&s.md)
	if o := s.metaPkt[s.cur]; o != nil {
		o.apply(&s.md)
	}
}

// restart puts the machine at the start of the program over the selected
// packet. The history is kept: use clearHistory where it must go.
func (s *Session) restart() {
	s.refreshMeta()
	if s.m == nil {
		return
	}
	if s.pkts == nil {
		s.m.Reset(nil, 0, &s.md)
		return
	}
	p := &s.pkts[s.cur]
	s.m.Reset(p.data, p.wireLen, &s.md)
}

func (s *Session) clearHistory() { s.history = s.history[:0] }

// push records the machine state before an instruction runs.
func (s *Session) push() {
	if len(s.history) >= maxHistory {
		n := copy(s.history, s.history[len(s.history)/2:])
		s.history = s.history[:n]
	}
	s.history = append(s.history, state{packet: s.cur, regs: *s.m.Registers()})
}

// hostLittleEndian is the host's byte order, for telling the compiler
// whether a savefile's host-endian headers (DLT_NULL) are swapped.
var hostLittleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1
