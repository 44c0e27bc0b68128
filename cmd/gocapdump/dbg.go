package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/gocapdump/gocapdump/dbg"
	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/term"
)

// gocapdump dbg is a classic BPF debugger in the style of the Linux
// kernel's bpf_dbg: it steps a program over the packets of a savefile.
//
//	gocapdump dbg [--pcap FILE] [--bpf PROGRAM | --filter EXPR] [--linktype DLT]
//	              [--mode linux|libpcap] [--syntax bpf_dbg|tcpdump] [-O] [--script FILE]
//
// The options are run as the commands "linktype", "mode", "syntax",
// "load pcap" and "load bpf"/"load filter" before anything else; then the
// --script file's commands; then standard input's. On a terminal the input
// is edited with golang.org/x/term (history, tab completion, a "> "
// prompt); otherwise commands are read line by line and the output is the
// same text without prompts.
var dbgOpts = []optSpec{
	{short: 'h', long: "help"},
	{long: "pcap", hasArg: true},
	{long: "bpf", hasArg: true},
	{long: "filter", hasArg: true},
	{long: "linktype", hasArg: true},
	{long: "mode", hasArg: true},
	{long: "syntax", hasArg: true},
	{long: "script", hasArg: true},
	{short: 'O'},
}

const dbgUsage = `Usage: gocapdump dbg [--pcap FILE] [--bpf PROGRAM | --filter EXPR] [--linktype DLT]
                     [--mode linux|libpcap] [--syntax bpf_dbg|tcpdump] [-O] [--script FILE]
Steps a classic BPF program over the packets of a pcap or pcapng file, as the
kernel's bpf_dbg does. Type "help" at the prompt for the commands.
`

// historyFile is where an interactive session's successful commands are
// kept between runs, in the user's home directory.
const historyFile = ".gocapdump_dbg_history"

// maxHistoryLines bounds the history file.
const maxHistoryLines = 1000

func runDbg(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	opts, rest, err := getopt(args, dbgOpts)
	if err != nil || len(rest) > 0 {
		if err != nil {
			fmt.Fprintf(stderr, "gocapdump dbg: %v\n", err)
		} else {
			fmt.Fprintf(stderr, "gocapdump dbg: unexpected argument %q\n", rest[0])
		}
		fmt.Fprint(stderr, dbgUsage)
		return 2
	}
	var startup []string
	var pcap, prog, script string
	noOptimize := false
	for _, o := range opts {
		switch o.spec.long {
		case "help":
			fmt.Fprint(stdout, dbgUsage)
			return 0
		case "pcap":
			pcap = o.arg
		case "bpf":
			prog = "load bpf " + o.arg
		case "filter":
			prog = "load filter " + o.arg
		case "linktype":
			if _, err := linktype.Parse(o.arg); err != nil {
				fmt.Fprintf(stderr, "gocapdump dbg: unknown link type %q\n", o.arg)
				return 2
			}
			startup = append(startup, "linktype "+o.arg)
		case "mode":
			startup = append(startup, "mode "+o.arg)
		case "syntax":
			startup = append(startup, "syntax "+o.arg)
		case "script":
			script = o.arg
		}
		if o.spec.short == 'O' {
			noOptimize = true
		}
	}
	if pcap != "" {
		startup = append(startup, "load pcap "+pcap)
	}
	if prog != "" {
		startup = append(startup, prog)
	}

	out := &switchWriter{w: stdout}
	s := dbg.New(out, &dbg.Options{NoOptimize: noOptimize})
	for _, cmd := range startup {
		if err := s.Exec(cmd); err != nil {
			fmt.Fprintf(stderr, "gocapdump dbg: %s failed\n", strings.Fields(cmd)[0]+" "+firstArg(cmd))
			return 1
		}
	}
	ctx := context.Background()
	if script != "" {
		f, err := os.Open(script)
		if err != nil {
			fmt.Fprintf(stderr, "gocapdump dbg: %v\n", err)
			return 1
		}
		quit, err := runLines(ctx, s, f)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "gocapdump dbg: %v\n", err)
			return 1
		}
		if quit {
			return 0
		}
	}
	if in, ok := stdin.(*os.File); ok && term.IsTerminal(int(in.Fd())) {
		if o, ok := stdout.(*os.File); ok && term.IsTerminal(int(o.Fd())) {
			if err := interactive(s, out, in, o); err != nil {
				fmt.Fprintf(stderr, "gocapdump dbg: %v\n", err)
				return 1
			}
			return 0
		}
	}
	if _, err := runLines(ctx, s, stdin); err != nil {
		fmt.Fprintf(stderr, "gocapdump dbg: %v\n", err)
		return 1
	}
	return 0
}

// firstArg returns the word after the command name, for messages.
func firstArg(cmd string) string {
	f := strings.Fields(cmd)
	if len(f) > 1 {
		return f[1]
	}
	return ""
}

// runLines executes the commands read from r without prompts, and reports
// whether one of them was quit.
func runLines(ctx context.Context, s *dbg.Session, r io.Reader) (quit bool, err error) {
	err = s.Run(ctx, r)
	if errors.Is(err, dbg.ErrQuit) {
		return true, nil
	}
	return false, err
}

// switchWriter lets the session's output move to the line editor when
// the interactive part starts.
type switchWriter struct{ w io.Writer }

func (s *switchWriter) Write(p []byte) (int, error) { return s.w.Write(p) }

// interactive runs the prompt loop on a terminal with golang.org/x/term's
// line editor: arrow keys and emacs keys, history (up/down, kept in
// ~/.gocapdump_dbg_history), tab completion from Session.Complete.
func interactive(s *dbg.Session, out *switchWriter, in, tty *os.File) error {
	old, err := term.MakeRaw(int(in.Fd()))
	if err != nil {
		return fmt.Errorf("setting up the terminal: %w", err)
	}
	defer term.Restore(int(in.Fd()), old)

	t := term.NewTerminal(struct {
		io.Reader
		io.Writer
	}{ctrlCReader{in}, tty}, "> ")
	if w, h, err := term.GetSize(int(tty.Fd())); err == nil {
		t.SetSize(w, h)
	}
	hist := loadHistory()
	t.History = hist
	t.AutoCompleteCallback = func(line string, pos int, key rune) (string, int, bool) {
		if key != '\t' {
			return "", 0, false
		}
		return complete(s, t, line, pos)
	}
	out.w = t
	defer func() { out.w = tty }()

	for {
		line, err := t.ReadLine()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, term.ErrPasteIndicator) {
			return fmt.Errorf("reading a command: %w", err)
		}
		err = s.Exec(line)
		if errors.Is(err, dbg.ErrQuit) {
			break
		}
		var ce *dbg.CommandError
		switch {
		case err == nil:
			// As in bpf_dbg, only commands that worked are remembered.
			hist.record(line)
		case !errors.As(err, &ce):
			return err
		}
	}
	hist.save()
	return nil
}

// complete extends the word before the cursor as far as the candidates
// agree, and lists them when they do not.
func complete(s *dbg.Session, t *term.Terminal, line string, pos int) (string, int, bool) {
	prefix := line[:pos]
	cands := s.Complete(prefix)
	if len(cands) == 0 {
		return "", 0, false
	}
	common := cands[0]
	for _, c := range cands[1:] {
		n := 0
		for n < len(common) && n < len(c) && common[n] == c[n] {
			n++
		}
		common = common[:n]
	}
	if len(cands) == 1 || len(common) > len(prefix) {
		return common + line[pos:], len(common), true
	}
	var words []string
	for _, c := range cands {
		c = strings.TrimRight(c, " ")
		words = append(words, c[strings.LastIndexAny(c[:max(len(c)-1, 0)], " \t/")+1:])
	}
	fmt.Fprintln(t, strings.Join(words, "  "))
	return line, pos, true
}

// ctrlCReader turns Ctrl-C into "go to start, delete to end", so that it
// clears the line as in bpf_dbg instead of ending the session (x/term
// treats it like Ctrl-D).
type ctrlCReader struct{ r io.Reader }

func (c ctrlCReader) Read(p []byte) (int, error) {
	half := p[:max(len(p)/2, 1)]
	n, err := c.r.Read(half)
	if n == 0 || len(p) < 2 {
		return n, err
	}
	buf := make([]byte, 0, 2*n)
	for _, b := range half[:n] {
		if b == 3 {
			buf = append(buf, 1, 11) // ^A ^K
		} else {
			buf = append(buf, b)
		}
	}
	return copy(p, buf), err
}

// history is the line editor's history: only successful commands go in
// (the editor's own Add is ignored), and it is kept in a file.
type history struct {
	lines []string // oldest first
	path  string   // "" when there is no home directory
}

func loadHistory() *history {
	h := &history{}
	home, err := os.UserHomeDir()
	if err != nil {
		return h
	}
	h.path = filepath.Join(home, historyFile)
	if data, err := os.ReadFile(h.path); err == nil {
		for _, l := range strings.Split(string(data), "\n") {
			if l != "" {
				h.lines = append(h.lines, l)
			}
		}
	}
	return h
}

func (h *history) Add(string) {}
func (h *history) Len() int   { return len(h.lines) }
func (h *history) At(i int) string {
	return h.lines[len(h.lines)-1-i]
}

func (h *history) record(line string) {
	line = strings.TrimSpace(line)
	if line == "" || (len(h.lines) > 0 && h.lines[len(h.lines)-1] == line) {
		return
	}
	h.lines = append(h.lines, line)
}

// save writes the history file; failing to is not worth an error at exit.
func (h *history) save() {
	if h.path == "" {
		return
	}
	lines := h.lines[max(len(h.lines)-maxHistoryLines, 0):]
	os.WriteFile(h.path, []byte(strings.Join(lines, "\n")+"\n"), 0o600)
}
