package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"

	"github.com/gocapdump/gocapdump/internal/oserr"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
)

// filtertest speaks the command line of libpcap's testprogs/filtertest, so
// that libpcap's own test corpus can score our compiler:
//
//	gocapdump filtertest [-dlOq] [-S unswapped|swapped] [-F file] [-m netmask] [-s snaplen] DLT [expression]
//	gocapdump filtertest [-O] [-F file] [-m netmask] -r savefile [expression]
//
// Exit statuses are sysexits(3) values, as filtertest's.
const (
	exOK       = 0
	exUsage    = 64
	exDataErr  = 65
	exNoInput  = 66
	exSoftware = 70
	exIOErr    = 74
	maxSnaplen = 262144
	maxStdin   = 64 * 1024
	enumerate  = "_enumerate_bpf_image"
)

var filtertestOpts = []optSpec{
	{short: 'h'}, {short: 'd'}, {short: 'F', hasArg: true}, {short: 'g'},
	{short: 'm', hasArg: true}, {short: 'O'}, {short: 's', hasArg: true},
	{short: 'S', hasArg: true}, {short: 'l'}, {short: 'q'}, {short: 'r', hasArg: true},
}

// exitError ends a command with a status and, unless empty, a message.
type exitError struct {
	status int
	msg    string
}

func (e *exitError) Error() string { return e.msg }

func failf(status int, format string, args ...any) error {
	return &exitError{status, fmt.Sprintf(format, args...)}
}

func runFiltertest(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	err := filtertest(args, stdin, stdout, stderr)
	var ee *exitError
	switch {
	case err == nil:
		return exOK
	case errors.As(err, &ee):
		if ee.msg != "" {
			fmt.Fprintf(stderr, "filtertest: %s\n", ee.msg)
		}
		return ee.status
	default:
		fmt.Fprintf(stderr, "filtertest: %s\n", err)
		return exSoftware
	}
}

func filtertest(args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	opts, rest, err := getopt(args, filtertestOpts)
	if err != nil {
		filtertestUsage(stderr)
		return &exitError{status: exUsage}
	}
	dflag := 1
	var (
		exprFile, savefile string
		optimize           = true
		linuxExt, quiet    bool
		snaplen            = uint32(maxSnaplen)
		snapSet            bool
		netmask            net.IPMask
		byteOrder          = compiler.Live
	)
	for _, o := range opts {
		switch o.spec.short {
		case 'h':
			filtertestUsage(stdout)
			filtertestHelp(stdout)
			return nil
		case 'd':
			dflag++
		case 'g':
			return failf(exUsage, "libpcap and filtertest not built with optimizer debugging enabled")
		case 'F':
			exprFile = o.arg
		case 'r':
			savefile = o.arg
		case 'O':
			optimize = false
		case 'm':
			a, err := netip.ParseAddr(o.arg)
			if err != nil || !a.Is4() {
				return failf(exUsage, "invalid netmask %s", o.arg)
			}
			b := a.As4()
			netmask = net.IPMask(b[:])
		case 's':
			n, err := strconv.ParseInt(o.arg, 0, 64)
			if err != nil || n < 0 || n > maxSnaplen {
				return failf(exUsage, "invalid snaplen %s", o.arg)
			}
			// filtertest tests its own variable, not the argument,
			// so "-s 0" really does ask for a zero snaplen.
			snaplen, snapSet = uint32(n), true
		case 'l':
			linuxExt = true
		case 'q':
			quiet = true
		case 'S':
			switch o.arg {
			case "unswapped":
				byteOrder = compiler.SavefileNative
			case "swapped":
				byteOrder = compiler.SavefileSwapped
			default:
				return failf(exUsage, "invalid -S value \"%s\"", o.arg)
			}
		}
	}
	_ = snapSet

	if savefile != "" {
		switch {
		case dflag > 1:
			return failf(exUsage, "-r is not compatible with -d")
		case linuxExt:
			return failf(exUsage, "-r is not compatible with -l")
		case quiet:
			return failf(exUsage, "-r is not compatible with -q")
		case byteOrder != compiler.Live:
			return failf(exUsage, "-r is not compatible with -S")
		case snaplen != maxSnaplen:
			return failf(exUsage, "-r is not compatible with -s")
		}
		expr, err := readExpression(exprFile, rest, stdin)
		if err != nil {
			return err
		}
		return filterSavefile(savefile, expr, optimize, netmask, stdout, stderr)
	}

	if len(rest) == 0 {
		filtertestUsage(stderr)
		return &exitError{status: exUsage}
	}
	if dflag > 1 && quiet {
		return failf(exUsage, "-d is not compatible with -q")
	}
	dlt, err := linktype.Parse(rest[0])
	if err != nil {
		return failf(exUsage, "invalid data link type %s", rest[0])
	}
	rest = rest[1:]

	expr, err := readExpression(exprFile, rest, stdin)
	if err != nil {
		return err
	}
	if expr == enumerate {
		return bpftext.WriteEnumeration(stdout)
	}
	prog, err := compiler.Compile(expr, compiler.Options{
		LinkType:        dlt,
		Snaplen:         snaplen,
		Netmask:         netmask,
		NoOptimize:      !optimize,
		LinuxExtensions: linuxExt,
		Savefile:        byteOrder,
	})
	if err != nil {
		return failf(exDataErr, "%s", err)
	}
	if quiet {
		return nil
	}
	return prog.Format(stdout, bpftext.Format(dflag))
}

// readExpression gets the filter text from -F (a file, or "-" for stdin)
// or from the remaining arguments joined by spaces. In a file, '#' starts
// a comment that runs to the end of the line.
func readExpression(file string, args []string, stdin io.Reader) (string, error) {
	if file == "" {
		return strings.Join(args, " "), nil
	}
	var data []byte
	var err error
	if file == "-" {
		data, err = io.ReadAll(io.LimitReader(stdin, maxStdin+1))
		if err != nil {
			return "", failf(exIOErr, "failed reading from stdin after %d bytes", len(data))
		}
		if len(data) > maxStdin {
			return "", failf(exIOErr, "received more than %d bytes on stdin", maxStdin)
		}
	} else {
		data, err = os.ReadFile(file)
		if err != nil {
			return "", failf(exIOErr, "can't open %s: %s", file, oserr.Text(err))
		}
	}
	return blankComments(string(data)), nil
}

func blankComments(s string) string {
	if !strings.Contains(s, "#") {
		return s
	}
	b := []byte(s)
	for i := 0; i < len(b); i++ {
		if b[i] == '#' {
			for i < len(b) && b[i] != '\n' {
				b[i] = ' '
				i++
			}
		}
	}
	return string(b)
}

func filtertestUsage(w io.Writer) {
	fmt.Fprintf(w, "filtertest, with gocapdump %s\n", version)
	fmt.Fprint(w, `Usage: filtertest [-dlOq] [-S {unswapped|swapped}] [-F <file>] [-m <netmask>]
       [-s <snaplen>] <DLT> [<expression>]
       (compile a filter expression, validate and print the program)
  or:  filtertest [-O] [-F <file>] [-m <netmask>] -r <file> [<expression>]
       (compile a filter expression, validate the program and print the
       filtering result for each packet in the specified savefile)
  or:  filtertest -h
       (print the detailed help screen)
`)
}

func filtertestHelp(w io.Writer) {
	fmt.Fprintf(w, `
Options specific to filtertest:
  <DLT>           a valid DLT name, e.g. 'EN10MB'
  <expression>    a valid filter expression, e.g. 'tcp port 80'
  -l              allow the use of Linux BPF extensions
  -m <netmask>    use this IPv4 netmask for the compiler,
                  e.g. 255.255.255.0
  -q              do not print the filter program
  -S {unswapped|swapped} generate filter code for a savefile

Options common with tcpdump:
  -d              change output format (accumulates, one -d is implicit)
  -F <file>       read the filter expression from the specified file
                  ("-" means stdin and allows at most %d characters)
  -O              do not optimize the filter program
  -r <file>       read the packets from this savefile
  -s <snaplen>    set the snapshot length (<= %d)

If no filter expression is specified, it defaults to an empty string, which
accepts all packets.  If the -F option is in use, it replaces any filter
expression specified as a command-line argument.

Exit status codes:
  %3d: All input has been successfully processed.
  %3d: The compiler has orderly rejected the filter.
  %3d: The savefile has been orderly rejected.
  %3d: Unexpected internal error.
  %3d: Unexpected I/O or file format error.
  %3d: This executable has been invoked incorrectly.
`, maxStdin, maxSnaplen, exOK, exDataErr, exNoInput, exSoftware, exIOErr, exUsage)
}

// filterSavefile prints the filter's return value for each packet of a
// savefile, as filtertest -r does: the filter is compiled for the file's
// link type, snapshot length and byte order, and run with libpcap's
// bpf_filter semantics.
func filterSavefile(path, expr string, optimize bool, netmask net.IPMask, stdout, stderr io.Writer) error {
	f, err := os.Open(path)
	if err != nil {
		return failf(exNoInput, "Failed opening: %s: %s", path, oserr.Text(err))
	}
	defer f.Close()
	r, err := pcapfile.NewReader(f)
	if err != nil {
		var fe *pcapfile.FormatError
		if errors.As(err, &fe) {
			return failf(exNoInput, "Failed opening: %s", fe.Text)
		}
		return failf(exNoInput, "Failed opening: %s", err)
	}
	order := compiler.SavefileNative
	if r.ByteOrder() != binary.NativeEndian {
		order = compiler.SavefileSwapped
	}
	prog, err := compiler.Compile(expr, compiler.Options{
		LinkType:   linktype.FromSavefile(r.LinkType()),
		Snaplen:    r.Snaplen(),
		Netmask:    netmask,
		NoOptimize: !optimize,
		Savefile:   order,
	})
	if err != nil {
		return failf(exDataErr, "%s", err)
	}
	vm, err := bpfvm.New(prog.Instructions(), bpfvm.Libpcap)
	if err != nil {
		return failf(exSoftware, "Filter doesn't pass validation")
	}
	out := bufio.NewWriter(stdout)
	defer out.Flush()
	var ci pcapfile.CaptureInfo
	for {
		data, err := r.ReadPacket(&ci)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			out.Flush()
			return failf(exIOErr, "pcap_next_ex() failed: %s", err)
		}
		fmt.Fprintf(out, "%d\n", vm.Run(data, int(ci.Length), nil))
	}
}
