//go:build linux

package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"os"
	"os/signal"
	"os/user"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/gocapdump/gocapdump/internal/oserr"

	"github.com/gocapdump/gocapdump/bpftext"
	"github.com/gocapdump/gocapdump/capture"
	"github.com/gocapdump/gocapdump/compiler"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gocapdump/gocapdump/pcapfile"
)

// Live capture: tcpdump -i, -D, -L and -d with -i.

// listInterfaces is tcpdump -D.
func listInterfaces(stdout io.Writer) error {
	list, err := capture.Interfaces()
	if err != nil {
		return err
	}
	return writeInterfaceList(stdout, list)
}

func writeInterfaceList(w io.Writer, list []capture.Interface) error {
	var b strings.Builder
	for i, ifc := range list {
		fmt.Fprintf(&b, "%d.%s\n", i+1, ifc)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// captureDevice is the interface to capture on: -i's argument, a number
// from -D's list, or, like tcpdump, the first interface of that list.
func (c *tcpdumpConfig) captureDevice() (string, error) {
	name := c.iface
	if name != "" && !isAdapterIndex(name) {
		return name, nil
	}
	if name != "" {
		if _, err := net.InterfaceByName(name); err == nil {
			return name, nil // an interface really called "1"
		}
	}
	list, err := capture.Interfaces()
	if err != nil {
		return "", err
	}
	if len(list) == 0 {
		return "", errors.New("no interfaces available for capture")
	}
	if name == "" {
		return list[0].Name, nil
	}
	n, err := strconv.Atoi(name)
	if err != nil || n <= 0 {
		return "", fmt.Errorf("Invalid adapter index %s", name)
	}
	if n > len(list) {
		s := "s"
		if len(list) == 1 {
			s = ""
		}
		return "", fmt.Errorf("Invalid adapter index %d: only %d interface%s found", n, len(list), s)
	}
	return list[n-1].Name, nil
}

// isAdapterIndex reports whether -i's argument is all digits, which
// tcpdump takes as a position in -D's list.
func isAdapterIndex(s string) bool {
	for i := 0; i < len(s); i++ {
		if (s[i] < '0' || s[i] > '9') && !(i == 0 && s[i] == '-') {
			return false
		}
	}
	return s != "" && s != "-"
}

// deviceLinkType picks the link type for dev: -y's, which the device must
// offer, or the device's default. announce says tcpdump would report the
// choice ("data link type LINUX_SLL2"): it does for -y, and tcpdump 4.99
// also does for the SLL2 it picks on "any".
func (c *tcpdumpConfig) deviceLinkType(dev string) (lt linktype.Type, announce bool, err error) {
	types, err := capture.LinkTypes(dev)
	if err != nil {
		return 0, false, deviceError(err)
	}
	if c.linkType == "" {
		return types[0], dev == capture.AnyDevice && types[0] == linktype.LinuxSLL2, nil
	}
	t, ok := linktype.NameToVal(c.linkType)
	if !ok {
		return 0, false, fmt.Errorf("invalid data link type %s", c.linkType)
	}
	for _, v := range types {
		if v == t {
			return t, true, nil
		}
	}
	return 0, false, fmt.Errorf("%s is not one of the DLTs supported by this device", t.Name())
}

// printableLinkTypes are the link types the printer decodes; -L marks the
// others "(printing not supported)" as tcpdump does.
var printableLinkTypes = map[linktype.Type]bool{
	linktype.Null:      true,
	linktype.EN10MB:    true,
	linktype.Raw:       true,
	linktype.Loop:      true,
	linktype.LinuxSLL:  true,
	linktype.LinuxSLL2: true,
	linktype.IPv4:      true,
	linktype.IPv6:      true,
}

// listDeviceLinkTypes is tcpdump -L.
func (c *tcpdumpConfig) listDeviceLinkTypes(stdout io.Writer) error {
	dev, err := c.captureDevice()
	if err == nil && c.foreignNumeric {
		c.print.LocalNet = localIPv4Net(dev)
	}
	if err != nil {
		return err
	}
	types, err := capture.LinkTypes(dev)
	if err != nil {
		return deviceError(err)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Data link types for %s (use option -y to set):\n", dev)
	for _, t := range types {
		fmt.Fprintf(&b, "  %s (%s)", t.Name(), t.Description())
		if !printableLinkTypes[t] {
			b.WriteString(" (printing not supported)")
		}
		b.WriteByte('\n')
	}
	_, err = io.WriteString(stdout, b.String())
	return err
}

// compileFor compiles the filter as libpcap does for a live capture on
// Linux: for the capture's link type, with the kernel's BPF extensions.
func (c *tcpdumpConfig) compileFor(expr string, lt linktype.Type) (*compiler.Program, error) {
	return compiler.Compile(expr, compiler.Options{
		LinkType:        lt,
		Snaplen:         c.snaplen,
		NoOptimize:      c.noOptimize,
		LinuxExtensions: true,
	})
}

// dumpDeviceProgram is -d with -i: the program the capture would use.
func (c *tcpdumpConfig) dumpDeviceProgram(expr string, stdout, stderr io.Writer) error {
	dev, err := c.captureDevice()
	if err != nil {
		return err
	}
	lt, announce, err := c.deviceLinkType(dev)
	if err != nil {
		return err
	}
	if announce {
		fmt.Fprintf(stderr, "gocapdump: data link type %s\n", lt.Name())
	}
	prog, err := c.compileFor(expr, lt)
	if err != nil {
		return err
	}
	return prog.Format(stdout, bpftext.Format(c.dumpProgram))
}

// deviceError rewrites a capture error in tcpdump's two-line shape:
//
//	eth0: You don't have permission to perform this capture on that device
//	(socket: Operation not permitted - CAP_NET_RAW may be required)
//
// An unknown interface also gets the list of the ones there are.
func deviceError(err error) error {
	var oe *capture.OpenError
	if !errors.As(err, &oe) || oe.Kind == nil {
		return err
	}
	head := oe.Iface + ": " + oe.Kind.Error()
	msg := head
	if full := oe.Error(); strings.HasPrefix(full, head+" (") && strings.HasSuffix(full, ")") {
		msg += "\n" + full[len(head)+1:]
	}
	if errors.Is(err, capture.ErrNoSuchDevice) {
		if list, lerr := capture.Interfaces(); lerr == nil && len(list) > 0 {
			var b strings.Builder
			writeInterfaceList(&b, list)
			msg += "\nInterfaces available for capture (gocapdump -D):\n" + strings.TrimSuffix(b.String(), "\n")
		}
	}
	return errors.New(msg)
}

// statsText is tcpdump's statistics report: three lines at the end of a
// capture (oneLine false), or one line prefixed with the program name
// when SIGUSR1 asks during it.
func statsText(captured uint64, st capture.Stats, oneLine bool) string {
	parts := []string{
		plural(captured, "captured"),
		plural(st.Received, "received by filter"),
		plural(st.Dropped, "dropped by kernel"),
	}
	if oneLine {
		return "gocapdump: " + strings.Join(parts, ", ") + "\n"
	}
	return strings.Join(parts, "\n") + "\n"
}

func plural(n uint64, what string) string {
	s := "s"
	if n == 1 {
		s = ""
	}
	return fmt.Sprintf("%d packet%s %s", n, s, what)
}

// banner is what tcpdump prints on stderr when a live capture starts.
func banner(dev string, lt linktype.Type, snaplen int, verbose, writing bool) string {
	var b strings.Builder
	if !verbose && !writing {
		b.WriteString("gocapdump: verbose output suppressed, use -v[v]... for full protocol decode\n")
	} else {
		b.WriteString("gocapdump: ")
	}
	fmt.Fprintf(&b, "listening on %s", dev)
	if name, ok := linktype.ValToName(lt); ok {
		desc, _ := linktype.ValToDescription(lt)
		fmt.Fprintf(&b, ", link-type %s (%s)", name, desc)
	} else {
		fmt.Fprintf(&b, ", link-type %d", int(lt))
	}
	fmt.Fprintf(&b, ", snapshot length %d bytes\n", snaplen)
	return b.String()
}

// blockTimeout is the ring block retire timeout the capture uses; after a
// stop signal the reader keeps draining for a little longer than two of
// them, the time the kernel takes to hand over its partly filled block.
func (c *tcpdumpConfig) blockTimeout() time.Duration {
	if c.immediate {
		return time.Millisecond
	}
	return capture.DefaultBlockTimeout
}

// lockedWriter serialises the writes of the capture loop and the signal
// handler to stderr.
type lockedWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

// errCountReached stops the capture loop after -c packets.
var errCountReached = errors.New("packet count reached")

// liveLoop moves packets from the ring to the sink.
type liveLoop struct {
	sink     *sink
	linkType uint32 // LINKTYPE_ of the packets, for the sink
	limit    uint64 // -c; 0: none

	mu       sync.Mutex // the sink, shared with SIGUSR2's flush
	captured atomic.Uint64
	ci       pcapfile.CaptureInfo
}

// block writes the kept packets of one ring block. The block goes back to
// the kernel when this returns, so nothing here may wait on anything but
// the output.
func (l *liveLoop) block(b *capture.Block) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	err := l.packets(b)
	// The savefile holds references into the block (large packets are
	// written from the ring itself, with no copy in user space), so it is
	// written out before the block goes back to the kernel, whatever
	// stopped the walk. Printed lines go out per block too, so that a
	// live capture shows its packets within a block timeout. (With every
	// block written as it is released, -U needs nothing more: all the
	// packets of a block arrive at the same moment.)
	if ferr := l.sink.flush(true); ferr != nil && (err == nil || errors.Is(err, errCountReached)) {
		err = ferr
	}
	return err
}

// packets hands the kept packets of b to the sink, until -c is reached.
// The count is published once per block: an atomic add per packet costs
// more than the rest of a packet's bookkeeping, and only SIGUSR1's
// report reads it meanwhile.
func (l *liveLoop) packets(b *capture.Block) error {
	n := l.captured.Load() // this goroutine is the only writer
	defer func() { l.captured.Store(n) }()
	for b.Next() {
		if err := l.packet(b.Packet()); err != nil {
			return err
		}
		n++
		if l.limit > 0 && n >= l.limit {
			return errCountReached
		}
	}
	return nil
}

// The ring's head-room in front of a packet holds its savefile record
// header (sink.recordInPlace): the two sizes must agree. (A negative
// constant converted to uint does not compile.)
const _ = uint(capture.Headroom-pcapfile.RecordHeaderLen) + uint(pcapfile.RecordHeaderLen-capture.Headroom)

func (l *liveLoop) packet(p *capture.Packet) error {
	ts := p.Timestamp
	l.ci = pcapfile.CaptureInfo{
		Sec:           ts.Unix(),
		Nsec:          int64(ts.Nanosecond()),
		CaptureLength: len(p.Data),
		Length:        p.Length,
		LinkType:      l.linkType,
	}
	if rec := p.WithHeadroom(); rec != nil {
		return l.sink.recordInPlace(&l.ci, rec)
	}
	return l.sink.packet(&l.ci, p.Data) // a Packet made by hand
}

func (l *liveLoop) flushSavefile() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.sink.w == nil {
		return nil
	}
	return l.sink.w.flush()
}

// stopSignals end a capture cleanly; SIGUSR1 reports statistics, SIGUSR2
// flushes the savefile (tcpdump's SIGNAL_REQ_INFO and SIGNAL_FLUSH_PCAP).
// SIGPIPE is caught so that a closed output pipe is a write error with a
// message rather than a silent death.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// runLive is a live capture: open the device with the filter in the
// kernel, write or print what arrives until -c packets, a signal or an
// error, then report the statistics.
func (c *tcpdumpConfig) runLive(expr string, stdout, stderr io.Writer) error {
	dev, err := c.captureDevice()
	if err != nil {
		return err
	}
	lt, announce, err := c.deviceLinkType(dev)
	if err != nil {
		return err
	}
	prog, err := c.compileFor(expr, lt)
	if err != nil {
		return err
	}
	stderr = &lockedWriter{w: stderr}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, stopSignals...)
	defer signal.Stop(stop)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var interrupted atomic.Bool
	go func() {
		select {
		case <-stop:
			interrupted.Store(true)
			cancel()
		case <-ctx.Done():
		}
	}()

	h, err := capture.Open(ctx, dev, capture.Options{
		Snaplen:        int(c.snaplen),
		Filter:         prog.Instructions(),
		NoPromiscuous:  c.noPromisc,
		Direction:      c.direction,
		LinkType:       lt,
		BufferSize:     c.bufferSize,
		Immediate:      c.immediate,
		NanoTimestamps: c.nanoOut,
	})
	if err != nil {
		if interrupted.Load() {
			return nil
		}
		return deviceError(err)
	}
	defer h.Close()
	if announce {
		fmt.Fprintf(stderr, "gocapdump: data link type %s\n", lt.Name())
	}
	fileLT, ok := h.LinkType().Savefile()
	if !ok {
		return fmt.Errorf("link-type %s cannot be stored in a savefile", h.LinkType().Name())
	}
	sk, err := c.newSink(sinkSpec{linkType: fileLT, snaplen: uint32(h.Snaplen()), nanoIn: c.nanoOut}, stdout)
	if err != nil {
		return err
	}
	if c.user != "" {
		// The socket and the first savefile are open: nothing more needs
		// root, except later rotation files, which the user gets to own.
		if err := dropPrivileges(c.user, sk.w, stderr); err != nil {
			sk.close()
			return err
		}
	}
	fmt.Fprint(stderr, banner(dev, h.LinkType(), h.Snaplen(), c.print.Verbose > 0, c.writeFile != ""))

	l := &liveLoop{sink: sk, linkType: fileLT, limit: uint64(c.count)}
	info := make(chan os.Signal, 1)
	signal.Notify(info, syscall.SIGUSR1, syscall.SIGUSR2, syscall.SIGPIPE)
	defer signal.Stop(info)
	loopDone := make(chan struct{})
	// -v while writing a savefile: a "Got N" progress count every second.
	var progress <-chan time.Time
	if c.print.Verbose > 0 && c.writeFile != "" && !c.printToo {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		progress = t.C
	}
	go func() {
		shown, first := uint64(0), true
		for {
			select {
			case <-progress:
				if n := l.captured.Load(); first || n != shown {
					fmt.Fprintf(stderr, "Got %d\r", n)
					shown, first = n, false
				}
			case sig := <-info:
				switch sig {
				case syscall.SIGUSR1:
					st, _ := h.Stats()
					fmt.Fprint(stderr, statsText(l.captured.Load(), st, true))
				case syscall.SIGUSR2:
					_ = l.flushSavefile()
				}
			case <-loopDone:
				return
			}
		}
	}()

	loopErr := l.run(ctx, h, c.blockTimeout())
	close(loopDone)
	if errors.Is(loopErr, errCountReached) {
		loopErr = nil
	}
	var maxFiles *errMaxFiles
	if errors.As(loopErr, &maxFiles) {
		fmt.Fprintln(stderr, maxFiles)
		loopErr = nil
	}
	l.mu.Lock() // a SIGUSR2 flush may still be under way
	closeErr := sk.close()
	l.mu.Unlock()
	if c.writeFile == "" && interrupted.Load() {
		// tcpdump ends an interrupted printout with a newline, in case
		// the signal cut a line short.
		io.WriteString(stdout, "\n")
	}
	st, _ := h.Stats()
	cancel()
	var failed error
	switch {
	case loopErr != nil:
		failed = loopErr
	case closeErr != nil:
		failed = closeErr
	}
	if failed != nil {
		var we *writeError
		if !errors.As(failed, &we) {
			failed = deviceError(failed)
		}
		fmt.Fprintf(stderr, "gocapdump: %s\n", failed)
	}
	fmt.Fprint(stderr, statsText(l.captured.Load(), st, false))
	if failed != nil {
		return errReported
	}
	return nil
}

// run reads blocks until -c, an error, or ctx ends; after ctx ends it goes
// on draining for drain time, so the packets of the block the kernel is
// still filling are not lost.
func (l *liveLoop) run(ctx context.Context, h *capture.Handle, tov time.Duration) error {
	for {
		err := h.ReadBlock(ctx, l.block)
		if err == nil {
			continue
		}
		if ctx.Err() == nil || !errors.Is(err, ctx.Err()) {
			return err
		}
		break
	}
	drain, cancel := context.WithTimeout(context.Background(), 2*tov+50*time.Millisecond)
	defer cancel()
	for {
		err := h.ReadBlock(drain, l.block)
		if err == nil {
			continue
		}
		if drain.Err() != nil && errors.Is(err, drain.Err()) {
			return nil
		}
		return err
	}
}

// dropPrivileges is -Z: become user (and its groups). The savefile that is
// already open is given to the user first, so that a -C/-W rotation can
// reopen it later.
func dropPrivileges(name string, w *savefile, stderr io.Writer) error {
	u, err := user.Lookup(name)
	if err != nil {
		return fmt.Errorf("Couldn't find user '%.32s'", name)
	}
	uid, err1 := strconv.Atoi(u.Uid)
	gid, err2 := strconv.Atoi(u.Gid)
	if err1 != nil || err2 != nil {
		return fmt.Errorf("Couldn't find user '%.32s'", name)
	}
	groups := []int{gid}
	if ids, err := u.GroupIds(); err == nil {
		for _, s := range ids {
			if g, err := strconv.Atoi(s); err == nil && g != gid {
				groups = append(groups, g)
			}
		}
	}
	if w != nil {
		if f := w.file(); f != nil {
			if err := f.Chown(uid, gid); err != nil {
				return fmt.Errorf("%s: %s", w.name, oserr.Text(err))
			}
		}
	}
	// Go applies these to every thread of the process.
	if err := setIDs(groups, gid, uid); err != nil {
		return fmt.Errorf("Couldn't change to '%.32s' uid=%d gid=%d: %s", name, uid, gid, oserr.Text(err))
	}
	fmt.Fprintf(stderr, "dropped privs to %s\n", name)
	return nil
}

func setIDs(groups []int, gid, uid int) error {
	if err := syscall.Setgroups(groups); err != nil {
		return &os.SyscallError{Syscall: "setgroups", Err: err}
	}
	if err := syscall.Setgid(gid); err != nil {
		return &os.SyscallError{Syscall: "setgid", Err: err}
	}
	if err := syscall.Setuid(uid); err != nil {
		return &os.SyscallError{Syscall: "setuid", Err: err}
	}
	return nil
}

// localIPv4Net is the interface's first IPv4 network, what tcpdump's -f
// takes from pcap_lookupnet; the zero prefix when it has none.
func localIPv4Net(dev string) netip.Prefix {
	ifi, err := net.InterfaceByName(dev)
	if err != nil {
		return netip.Prefix{}
	}
	addrs, err := ifi.Addrs()
	if err != nil {
		return netip.Prefix{}
	}
	for _, a := range addrs {
		if ipn, ok := a.(*net.IPNet); ok && ipn.IP.To4() != nil {
			if p, err := netip.ParsePrefix(ipn.String()); err == nil {
				return p.Masked()
			}
		}
	}
	return netip.Prefix{}
}
