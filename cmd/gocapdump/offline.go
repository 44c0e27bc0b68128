package main

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"runtime/debug"

	"github.com/gocapdump/gocapdump/internal/oserr"

	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
	"github.com/gocapdump/gocapdump/printer"
)

// readSavefile is tcpdump -r: read a pcap or pcapng file, keep the packets
// the filter accepts, and write them (-w) or print them. A pcapng file can
// mix link types; the filter is compiled once for each one met.
func (c *tcpdumpConfig) readSavefile(expr string, stdin io.Reader, stdout, stderr io.Writer) (err error) {
	in, closeIn, err := openInput(c.readFile, stdin)
	if err != nil {
		return err
	}
	defer closeIn()
	// A regular file is mapped and read in place; records the filter
	// keeps then go from the mapping to the output file with no copy in
	// user space (see savefile.writePacketFrom).
	var r *pcapfile.Reader
	if f, ok := in.(*os.File); ok {
		r, err = pcapfile.NewFileReader(f, pcapfile.ReaderOptions{})
	} else {
		r, err = pcapfile.NewReader(in)
	}
	if err != nil {
		return savefileError(c.readFile, err)
	}
	defer r.Close() // after every return path below has closed the sink
	dlt := linktype.FromSavefile(r.LinkType())
	fmt.Fprintf(stderr, "reading from file %s, link-type %s (%s), snapshot length %d\n",
		displayName(c.readFile), dlt.Name(), dlt.Description(), r.Snaplen())

	order := compiler.SavefileNative
	if r.ByteOrder() != binary.NativeEndian {
		order = compiler.SavefileSwapped
	}
	filters := map[uint32]*bpfvm.Program{}
	filterFor := func(lt uint32) (*bpfvm.Program, error) {
		if p, ok := filters[lt]; ok {
			return p, nil
		}
		prog, err := compiler.Compile(expr, compiler.Options{
			LinkType:   linktype.FromSavefile(lt),
			Snaplen:    r.Snaplen(),
			NoOptimize: c.noOptimize,
			Savefile:   order,
		})
		if err != nil {
			return nil, err
		}
		vm, err := bpfvm.New(prog.Instructions(), bpfvm.Libpcap)
		if err != nil {
			return nil, fmt.Errorf("filter program cannot run: %w", err)
		}
		filters[lt] = vm
		return vm, nil
	}
	if _, err := filterFor(r.LinkType()); err != nil {
		return err
	}

	sink, err := c.newSink(sinkSpec{
		linkType: r.LinkType(),
		snaplen:  r.Snaplen(),
		nanoIn:   r.Format() != pcapfile.FormatPcap || r.Nanosecond(),
	}, stdout)
	if err != nil {
		return err
	}
	// Another process truncating the mapped file would make the next
	// access to a vanished page fault: end with an error instead, keeping
	// what was written.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		p := recover()
		if p == nil {
			return
		}
		if _, fault := p.(interface{ Addr() uintptr }); !fault || !r.Mapped() {
			panic(p)
		}
		sink.close()
		err = fmt.Errorf("error reading dump file: %s shrank while it was being read", displayName(c.readFile))
	}()

	var ci pcapfile.CaptureInfo
	var matched int64
	vm, vmLinkType := filters[r.LinkType()], r.LinkType()
	for c.count == 0 || matched < c.count {
		data, err := r.ReadPacket(&ci)
		if err == io.EOF {
			break
		}
		if err != nil {
			// Keep what was written; report the damage.
			if cerr := sink.close(); cerr != nil {
				return cerr
			}
			return savefileError(c.readFile, err)
		}
		if ci.LinkType != vmLinkType {
			if vm, err = filterFor(ci.LinkType); err != nil {
				sink.close()
				return err
			}
			vmLinkType = ci.LinkType
		}
		if vm.Run(data, int(ci.Length), nil) == 0 {
			continue
		}
		matched++
		if err := sink.packetFrom(r, &ci, data); err != nil {
			var maxFiles *errMaxFiles
			if errors.As(err, &maxFiles) {
				// -G with -W: the last file is done; a normal end.
				fmt.Fprintln(stderr, maxFiles)
				return sink.close()
			}
			sink.close()
			return err
		}
	}
	return sink.close()
}

// sink is where accepted packets go: a savefile, the printer, or both.
// The offline reader and the live capture share it.
type sink struct {
	w     *savefile // -w, with -C/-G rotation
	pr    *printer.Printer
	prOut string // what the printer writes to, for error messages
	lt    uint32
	nanoR bool // the packets' time stamps are in nanoseconds

	flushEach bool // -l: every line reaches the output at once
}

// sinkSpec describes the packets a sink receives.
type sinkSpec struct {
	linkType uint32 // LINKTYPE_ value of the packets
	snaplen  uint32 // snapshot length to record in the savefile
	nanoIn   bool   // the time stamps carry nanoseconds
}

func (c *tcpdumpConfig) newSink(spec sinkSpec, stdout io.Writer) (*sink, error) {
	s := &sink{lt: spec.linkType, nanoR: spec.nanoIn, flushEach: c.lineBuf}
	if c.writeFile != "" {
		w, err := newSavefile(c.writeFile, c.rotation, pcapfile.WriterOptions{
			LinkType:   spec.linkType,
			Snaplen:    spec.snaplen,
			Nanosecond: c.nanoOut,
		}, stdout, nil)
		if err != nil {
			return nil, err
		}
		s.w = w
	}
	if c.writeFile == "" || c.printToo {
		out := stdout
		s.prOut = "-"
		if c.writeFile == "-" {
			out, s.prOut = os.Stderr, "the standard error" // never mix the savefile and the text
		}
		opts := c.print
		opts.InterfaceName = interfaceName
		s.pr = printer.New(bufio.NewWriterSize(out, 64<<10), printer.LinkType(spec.linkType), opts)
	}
	return s, nil
}

func (s *sink) packet(ci *pcapfile.CaptureInfo, data []byte) error {
	return s.packetFrom(nil, ci, data)
}

// packetFrom is packet for the packet src returned last, whose record
// may then be copied as it stands (src may be nil).
func (s *sink) packetFrom(src *pcapfile.Reader, ci *pcapfile.CaptureInfo, data []byte) error {
	if s.w != nil {
		if err := s.w.writePacketFrom(src, *ci, data); err != nil {
			return err
		}
	}
	return s.print(ci, data)
}

// recordInPlace is packet for a capture ring's packet with its head-room
// in front (capture's Packet.WithHeadroom), valid until the next flush:
// the savefile record is built and written in place.
func (s *sink) recordInPlace(ci *pcapfile.CaptureInfo, rec []byte) error {
	if s.w != nil {
		if err := s.w.writeRecordInPlace(*ci, rec); err != nil {
			return err
		}
	}
	return s.print(ci, rec[pcapfile.RecordHeaderLen:])
}

// print prints the packet, when printing.
func (s *sink) print(ci *pcapfile.CaptureInfo, data []byte) error {
	if s.pr == nil {
		return nil
	}
	if ci.LinkType != s.lt {
		s.lt = ci.LinkType
		s.pr.SetLinkType(printer.LinkType(ci.LinkType))
	}
	info := printer.CaptureInfo{Seconds: ci.Sec, Fraction: uint32(ci.Nsec), Nano: s.nanoR, Length: ci.Length}
	if !s.nanoR {
		info.Fraction = uint32(ci.Nsec / 1000)
	}
	if err := s.pr.Print(info, data); err != nil {
		return &writeError{name: s.prOut, err: err}
	}
	if s.flushEach {
		if err := s.pr.Flush(); err != nil {
			return &writeError{name: s.prOut, err: err}
		}
	}
	return nil
}

// flush pushes printed lines out, and buffered savefile records too when
// savefile is set (-U).
func (s *sink) flush(savefile bool) error {
	if s.pr != nil {
		if err := s.pr.Flush(); err != nil {
			return &writeError{name: s.prOut, err: err}
		}
	}
	if savefile && s.w != nil {
		return s.w.flush()
	}
	return nil
}

// close flushes everything, reporting the first error.
func (s *sink) close() error {
	var errs []error
	if s.pr != nil {
		errs = append(errs, s.pr.Flush())
	}
	if s.w != nil {
		errs = append(errs, s.w.close())
	}
	return errors.Join(errs...)
}

// openInput opens the savefile, or stdin for "-". pcapfile buffers its
// input itself; another buffer here would only copy every byte once more.
func openInput(name string, stdin io.Reader) (io.Reader, func(), error) {
	if name == "-" {
		return stdin, func() {}, nil
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %s", name, oserr.Text(err))
	}
	return f, func() { f.Close() }, nil
}

func displayName(name string) string {
	if name == "-" {
		return "-"
	}
	return name
}

// savefileError gives a savefile problem libpcap's text, prefixed with
// the file name as tcpdump does for errors while opening.
func savefileError(name string, err error) error {
	var fe *pcapfile.FormatError
	if errors.As(err, &fe) && fe.Packet == 0 {
		return fmt.Errorf("%s: %s", name, fe.Text)
	}
	return err
}

// interfaceName names an interface index for Linux cooked v2 headers.
func interfaceName(index uint32) string {
	ifi, err := net.InterfaceByIndex(int(index))
	if err != nil {
		return "?"
	}
	return ifi.Name
}

type nopCloser struct{ io.Writer }

func (nopCloser) Close() error { return nil }
