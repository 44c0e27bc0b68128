package main

import (
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/capture"
	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/printer"
)

// tcpdumpOpts is tcpdump's option set. Every option tcpdump knows parses,
// so that a command line written for tcpdump is understood; the ones
// gocapdump cannot honour yet fail with a message saying so.
var tcpdumpOpts = []optSpec{
	{short: 'A'}, {short: 'b'}, {short: 'B', hasArg: true}, {short: 'c', hasArg: true},
	{short: 'C', hasArg: true}, {short: 'd'}, {short: 'D'}, {short: 'e'},
	{short: 'E', hasArg: true}, {short: 'f'}, {short: 'F', hasArg: true},
	{short: 'G', hasArg: true}, {short: 'h', long: "help"}, {short: 'H'},
	{short: 'i', long: "interface", hasArg: true}, {short: 'I', long: "monitor-mode"},
	{short: 'j', long: "time-stamp-type", hasArg: true}, {short: 'J', long: "list-time-stamp-types"},
	{short: 'K', long: "dont-verify-checksums"}, {short: 'l'}, {short: 'L', long: "list-data-link-types"},
	{short: 'm', hasArg: true}, {short: 'M', hasArg: true}, {short: 'n'}, {short: 'N'},
	{short: 'O', long: "no-optimize"}, {short: 'p', long: "no-promiscuous-mode"},
	{short: 'Q', long: "direction", hasArg: true}, {short: 'q'}, {short: 'r', hasArg: true},
	{short: 's', long: "snapshot-length", hasArg: true}, {short: 'S', long: "absolute-tcp-sequence-numbers"},
	{short: 't'}, {short: 'T', hasArg: true}, {short: 'u'}, {short: 'U', long: "packet-buffered"},
	{short: 'v'}, {short: 'V', hasArg: true}, {short: 'w', hasArg: true},
	{short: 'W', hasArg: true}, {short: 'x'}, {short: 'X'},
	{short: 'y', long: "linktype", hasArg: true}, {short: 'z', hasArg: true},
	{short: 'Z', long: "relinquish-privileges", hasArg: true}, {short: '#', long: "number"},
	{long: "version"}, {long: "immediate-mode"}, {long: "time-stamp-precision", hasArg: true},
	{long: "micro"}, {long: "nano"}, {long: "print"}, {long: "count"},
	{long: "lengths"}, {long: "fp-type"}, {long: "list-interfaces"}, {short: 'g'},
}

// tcpdumpConfig is the parsed command line.
type tcpdumpConfig struct {
	dumpProgram    int // number of -d flags
	noOptimize     bool
	linkType       string
	snaplen        uint32
	filterFile     string
	iface          string
	readFile       string
	writeFile      string
	count          int64 // -c: stop after this many packets (0: no limit)
	printToo       bool  // --print: print packets while writing them
	lineBuf        bool  // -l
	nanoOut        bool  // --time-stamp-precision=nano / --nano
	print          printer.Options
	tflags         int
	numeric        bool     // -n: no host, port or MAC names
	foreignNumeric bool     // -f: print addresses off the capture network numerically
	unsupported    []string // options given that are not implemented yet
	expr           []string

	// Live capture (live.go).
	listIfaces     bool              // -D
	listLinkTypes  bool              // -L
	noPromisc      bool              // -p
	bufferSize     int               // -B, in bytes (tcpdump's argument is KiB); 0: the capture's default
	direction      capture.Direction // -Q
	packetBuffered bool              // -U
	immediate      bool              // --immediate-mode
	rotation       rotation          // -C, -W, -G
	user           string            // -Z: drop privileges to this user once the capture is open
}

func runTcpdump(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	cfg, err := parseTcpdumpArgs(args)
	var ue *usageError
	switch {
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "gocapdump: %s\n", ue.msg)
		tcpdumpUsage(stderr)
		return 1
	case errors.Is(err, errShowHelp):
		printVersion(stdout)
		tcpdumpUsage(stdout)
		return 0
	case errors.Is(err, errShowVersion):
		printVersion(stdout)
		return 0
	case err != nil:
		fmt.Fprintf(stderr, "gocapdump: %s\n", err)
		return 1
	}
	if err := cfg.run(stdin, stdout, stderr); err != nil {
		if !errors.Is(err, errReported) {
			fmt.Fprintf(stderr, "gocapdump: %s\n", err)
		}
		return 1
	}
	return 0
}

var (
	errShowHelp    = errors.New("help")
	errShowVersion = errors.New("version")
	// errReported: the failure was already told on stderr; exit 1.
	errReported = errors.New("error already reported")
)

func parseTcpdumpArgs(args []string) (*tcpdumpConfig, error) {
	opts, rest, err := getopt(args, tcpdumpOpts)
	if err != nil {
		return nil, err
	}
	cfg := &tcpdumpConfig{snaplen: compiler.DefaultSnaplen, expr: rest}
	for _, o := range opts {
		s := o.spec
		switch {
		case s.long == "version":
			return nil, errShowVersion
		case s.short == 'h':
			return nil, errShowHelp
		case s.short == 'd':
			cfg.dumpProgram++
		case s.short == 'O':
			cfg.noOptimize = true
		case s.short == 'y':
			if _, ok := linktype.NameToVal(o.arg); !ok {
				return nil, fmt.Errorf("invalid data link type %s", o.arg)
			}
			cfg.linkType = o.arg
		case s.short == 's':
			n, err := strconv.ParseInt(o.arg, 0, 64)
			if err != nil || n < 0 || n > compiler.DefaultSnaplen {
				return nil, fmt.Errorf("invalid snaplen %s", o.arg)
			}
			// tcpdump: 0 means "the default".
			if n == 0 {
				n = compiler.DefaultSnaplen
			}
			cfg.snaplen = uint32(n)
		case s.short == 'F':
			cfg.filterFile = o.arg
		case s.short == 'i':
			cfg.iface = o.arg
		case s.short == 'D' || s.long == "list-interfaces":
			cfg.listIfaces = true
		case s.short == 'L':
			cfg.listLinkTypes = true
		case s.short == 'p':
			cfg.noPromisc = true
		case s.short == 'U':
			cfg.packetBuffered = true
		case s.long == "immediate-mode":
			cfg.immediate = true
		case s.short == 'Z':
			cfg.user = o.arg
		case s.short == 'B':
			n, err := parseIntArg("packet buffer size", o.arg, 1, math.MaxInt32)
			if err != nil {
				return nil, err
			}
			if n > math.MaxInt32/1024 {
				return nil, fmt.Errorf("packet buffer size %s is too large", o.arg)
			}
			cfg.bufferSize = int(n) * 1024
		case s.short == 'Q':
			d, ok := directions[strings.ToLower(o.arg)]
			if !ok {
				return nil, fmt.Errorf("unknown capture direction '%s'", o.arg)
			}
			cfg.direction = d
		case s.short == 'C':
			n, err := parseFileSize(o.arg)
			if err != nil {
				return nil, err
			}
			cfg.rotation.fileSize = n
		case s.short == 'W':
			n, err := parseIntArg("number of output files", o.arg, 1, math.MaxInt32)
			if err != nil {
				return nil, err
			}
			cfg.rotation.fileCount = int(n)
		case s.short == 'G':
			n, err := parseIntArg("number of seconds", o.arg, 0, math.MaxInt32)
			if err != nil {
				return nil, err
			}
			cfg.rotation.seconds = n
		case s.short == 'r':
			cfg.readFile = o.arg
		case s.short == 'w':
			cfg.writeFile = o.arg
		case s.short == 'c' || s.long == "count" && s.short == 0:
			if s.short == 0 {
				cfg.unsupported = append(cfg.unsupported, "--count")
				break
			}
			n, err := strconv.ParseInt(o.arg, 10, 64)
			if err != nil || n <= 0 {
				return nil, fmt.Errorf("invalid packet count %s", o.arg)
			}
			cfg.count = n
		case s.short == 'n':
			cfg.numeric = true
		case s.short == 'N':
			cfg.print.ShortHostNames = true
		case s.short == 'f':
			cfg.foreignNumeric = true
		case s.short == 'K':
			// Checksums are only verified with -v, and then reported,
			// never used to drop packets: nothing to turn off.
		case s.short == 'g':
			cfg.print.NoLineBreak = true
		case s.long == "lengths":
			cfg.print.Lengths = true
		case s.short == 'T':
			switch t := printer.PacketType(o.arg); t {
			case printer.PacketTypeDomain, printer.PacketTypeRTP:
				cfg.print.Type = t
			default:
				cfg.unsupported = append(cfg.unsupported, "-T "+o.arg)
			}
		case s.short == 'e':
			cfg.print.LinkHeader = true
		case s.short == 'q':
			cfg.print.Quiet = true
		case s.short == 'v':
			cfg.print.Verbose++
		case s.short == 't':
			cfg.tflags++
		case s.short == 'x':
			cfg.print.Hex++
		case s.short == 'X':
			cfg.print.HexASCII++
		case s.short == 'A':
			cfg.print.ASCII++
		case s.short == '#':
			cfg.print.Number = true
		case s.short == 'S':
			cfg.print.AbsoluteSeq = true
		case s.short == 'l':
			cfg.lineBuf = true
		case s.long == "print":
			cfg.printToo = true
		case s.long == "nano":
			cfg.nanoOut = true
		case s.long == "micro":
			cfg.nanoOut = false
		case s.long == "time-stamp-precision":
			switch o.arg {
			case "micro":
				cfg.nanoOut = false
			case "nano":
				cfg.nanoOut = true
			default:
				return nil, fmt.Errorf("unsupported time stamp precision")
			}
		default:
			name := "--" + s.long
			if s.short != 0 {
				name = "-" + string(s.short)
			}
			cfg.unsupported = append(cfg.unsupported, name)
		}
	}
	if cfg.tflags > 0 {
		styles := [...]printer.TimestampFormat{printer.TimestampNone, printer.TimestampUnix,
			printer.TimestampDelta, printer.TimestampDate, printer.TimestampSinceFirst}
		cfg.print.Timestamp = styles[min(cfg.tflags, len(styles))-1]
	}
	cfg.print.Nano = cfg.nanoOut
	cfg.print.ResolveNames = !cfg.numeric
	if cfg.foreignNumeric && cfg.readFile != "" {
		return nil, errors.New("-f cannot be used with -V or -r.")
	}
	if cfg.rotation.fileSize != 0 && cfg.writeFile == "" {
		return nil, errors.New("-C cannot be used without -w.")
	}
	if cfg.rotation.seconds != 0 && cfg.writeFile == "" {
		return nil, errors.New("-G cannot be used without -w.")
	}
	return cfg, nil
}

// directions are -Q's arguments, matched without regard to case.
var directions = map[string]capture.Direction{
	"in":    capture.DirectionIn,
	"out":   capture.DirectionOut,
	"inout": capture.DirectionInOut,
}

// parseIntArg parses a decimal option argument in [lo, hi] with tcpdump's
// messages.
func parseIntArg(what, arg string, lo, hi int64) (int64, error) {
	n, err := strconv.ParseInt(arg, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("invalid %s \"%s\" (not a valid number)", what, arg)
	}
	if err != nil || n < lo || n > hi {
		return 0, fmt.Errorf("invalid %s %s (must be >= %d and <= %d)", what, arg, lo, hi)
	}
	return n, nil
}

// parseFileSize parses -C: millions of bytes, or KiB, MiB or GiB with a
// k, m or g suffix (tcpdump 4.99.6 and later).
func parseFileSize(arg string) (int64, error) {
	end := 0
	if end < len(arg) && (arg[end] == '-' || arg[end] == '+') {
		end++
	}
	for end < len(arg) && arg[end] >= '0' && arg[end] <= '9' {
		end++
	}
	num, unit := arg[:end], arg[end:]
	mult := int64(1000000)
	if unit != "" {
		m, ok := fileSizeUnits[unit[0]]
		if !ok || len(unit) > 1 || num == "" {
			if num == "" {
				return 0, fmt.Errorf("invalid file size \"%s\" (not a valid number)", arg)
			}
			return 0, fmt.Errorf("invalid file size %s (invalid units)", arg)
		}
		mult = m
	}
	n, err := strconv.ParseInt(num, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, fmt.Errorf("invalid file size \"%s\" (not a valid number)", arg)
	}
	if err != nil || n < 1 {
		return 0, fmt.Errorf("invalid file size %s (must be >= 1 and <= %d)", arg, int64(math.MaxInt64))
	}
	if n > math.MaxInt64/mult {
		return 0, fmt.Errorf("file size %s is too large", arg)
	}
	return n * mult, nil
}

var fileSizeUnits = map[byte]int64{
	'k': 1 << 10, 'K': 1 << 10,
	'm': 1 << 20, 'M': 1 << 20,
	'g': 1 << 30, 'G': 1 << 30,
}

func (c *tcpdumpConfig) run(stdin io.Reader, stdout, stderr io.Writer) error {
	// An option tcpdump has but gocapdump does not honour yet must not be
	// ignored in silence: the user would get something else than asked.
	if len(c.unsupported) > 0 {
		return fmt.Errorf("option %s is not implemented yet", strings.Join(c.unsupported, ", "))
	}
	if c.listIfaces {
		return listInterfaces(stdout)
	}
	expr, err := c.expression()
	if err != nil {
		return err
	}
	if c.readFile != "" && c.dumpProgram == 0 {
		return c.readSavefile(expr, stdin, stdout, stderr)
	}
	if c.listLinkTypes {
		return c.listDeviceLinkTypes(stdout)
	}
	if c.dumpProgram == 0 {
		return c.runLive(expr, stdout, stderr)
	}
	if c.iface != "" {
		return c.dumpDeviceProgram(expr, stdout, stderr)
	}
	dlt := linktype.Ethernet
	if c.linkType != "" {
		t, ok := linktype.NameToVal(c.linkType)
		if !ok {
			return fmt.Errorf("invalid data link type %s", c.linkType)
		}
		dlt = t
	} else {
		fmt.Fprintln(stderr, "Warning: assuming Ethernet")
	}
	prog, err := compiler.Compile(expr, compiler.Options{
		LinkType:   dlt,
		Snaplen:    c.snaplen,
		NoOptimize: c.noOptimize,
	})
	if err != nil {
		return err
	}
	return prog.Format(stdout, bpftext.Format(c.dumpProgram))
}

// expression is the filter: the -F file's text, or the arguments joined.
func (c *tcpdumpConfig) expression() (string, error) {
	if c.filterFile == "" {
		return strings.Join(c.expr, " "), nil
	}
	s, err := readExpression(c.filterFile, nil, nil)
	if err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			return "", errors.New(ee.msg)
		}
		return "", err
	}
	return s, nil
}

func printVersion(w io.Writer) {
	fmt.Fprintf(w, "gocapdump version %s\n", version)
}

func tcpdumpUsage(w io.Writer) {
	fmt.Fprint(w, `Usage: gocapdump [-AbdDefhHIJKlLnNOpqStuUvxX#] [ -B size ] [ -c count ] [--count]
		[ -C file_size ] [ -E algo:secret ] [ -F file ] [ -G seconds ]
		[ -i interface ] [ --immediate-mode ] [ -j tstamptype ]
		[ -M secret ] [ --number ] [ --print ] [ -Q in|out|inout ]
		[ -r file ] [ -s snaplen ] [ -T type ] [ --version ]
		[ -V file ] [ -w file ] [ -W filecount ] [ -y datalinktype ]
		[ --time-stamp-precision precision ] [ --micro ] [ --nano ]
		[ -z postrotate-command ] [ -Z user ] [ expression ]
       gocapdump dbg [--pcap file] [--bpf program | --filter expression]
       gocapdump filtertest [-dlOq] [-S unswapped|swapped] [-F file] [-m netmask] [-s snaplen] DLT [expression]
`)
}
