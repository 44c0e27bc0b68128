//go:build linux

package capture

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"

	"github.com/gocapdump/gocapdump/bpfcheck"
	"github.com/gocapdump/gocapdump/bpfvm"
	"github.com/gocapdump/gocapdump/linktype"
	"github.com/gopacket/gopacket"
	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// Handle is a gopacket packet source.
var (
	_ gopacket.PacketDataSource         = (*Handle)(nil)
	_ gopacket.ZeroCopyPacketDataSource = (*Handle)(nil)
)

// AnyDevice is the pseudo-interface that captures on every interface of the
// network namespace, with a Linux cooked header in front of each packet.
const AnyDevice = "any"

// Handle is an open live capture. Reading methods (ReadBlock,
// ReadPacketData, ZeroCopyReadPacketData) must be called from one goroutine
// at a time; Stats, SetFilter and Close may be called from any goroutine.
type Handle struct {
	iface string
	fd    int
	// file owns fd once the socket is set up: waiting for a block goes
	// through the Go runtime's network poller (see wait), and closing
	// it wakes a waiting reader.
	file      *os.File
	conn      syscall.RawConn
	ring      []byte
	blockSize int
	blockNr   int
	tovMs     uint32
	ifindex   int

	linkType   linktype.Type
	cookedLen  int // length of the cooked header built in front of each packet, 0 if none
	vlanOffset int // where a re-inserted VLAN tag goes, -1 for no re-insertion
	snaplen    int
	direction  Direction
	loIndex    int // ifindex of lo, whose outgoing copies are dropped
	nano       bool
	// noKernelFilter is Options.noKernelFilter (tests only).
	noKernelFilter bool

	ctx       context.Context // Open's context: ends the gopacket-style reads
	stopAfter func() bool

	// Reader state.
	next    int  // index of the next block to read
	netDown bool // the interface went down (see watchDown)
	// downTimer wakes the reader while netDown.
	downTimer *time.Timer
	cursor    Block // block being walked by the packet-at-a-time readers
	holding   bool  // cursor holds a block that is not yet released
	// refilter is the reader's copy of the user-space filter for packets
	// queued before the last SetFilter; pendingRefilter hands it over.
	refilter        *refilter
	pendingRefilter atomic.Pointer[refilter]
	batch           Block // block lent to a ReadBlock callback

	// Life cycle: readers announce themselves in active; whoever sees
	// closed with no reader left tears the socket and ring down, so that
	// Close never unmaps the ring under a reader, even when Close is
	// called from inside a ReadBlock callback.
	closed   atomic.Bool
	active   atomic.Int32
	tornDown atomic.Bool

	statsMu sync.Mutex
	stats   Stats
}

// Stats are the kernel's counters for the socket since Open.
type Stats struct {
	// Received counts packets that passed the filter, including those
	// dropped for lack of ring space (tcpdump's "packets received by
	// filter").
	Received uint64
	// Dropped counts packets that passed the filter but found the ring
	// full (tcpdump's "packets dropped by kernel").
	Dropped uint64
	// QueueFreezes counts the times the ring was full (tp_freeze_q_cnt).
	QueueFreezes uint64
}

// Open starts a capture on iface ("any" for all interfaces). ctx bounds the
// setup and also the life of the gopacket-style reads: once ctx is done,
// ReadPacketData and ZeroCopyReadPacketData return what is already in the
// ring and then io.EOF. Errors are *OpenError values that match
// ErrPermission, ErrNoSuchDevice, ErrInterfaceDown, ErrLinkType or
// ErrFilter with errors.Is.
func Open(ctx context.Context, iface string, opts Options) (*Handle, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if iface == "" || len(iface) >= unix.IFNAMSIZ {
		return nil, &OpenError{Iface: iface, Kind: ErrNoSuchDevice}
	}
	h := &Handle{iface: iface, fd: -1, snaplen: opts.snaplen(), direction: opts.Direction,
		nano: opts.NanoTimestamps, ctx: ctx, loIndex: -1, vlanOffset: -1}
	if err := h.setup(&opts); err != nil {
		h.teardown()
		return nil, err
	}
	h.stopAfter = context.AfterFunc(ctx, h.wake)
	return h, nil
}

func (h *Handle) setup(opts *Options) error {
	if opts.Direction < DirectionInOut || opts.Direction > DirectionOut {
		return &OpenError{Iface: h.iface, Op: "direction", Err: fmt.Errorf("invalid direction %d", opts.Direction)}
	}
	isAny := h.iface == AnyDevice
	sockType := unix.SOCK_RAW
	if isAny {
		sockType = unix.SOCK_DGRAM
	}
	// Protocol 0: the socket queues nothing until bind, so the ring and
	// the filter are in place before the first packet.
	fd, err := unix.Socket(unix.AF_PACKET, sockType|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return classify(h.iface, "socket", err)
	}
	h.fd = fd

	var types []linktype.Type
	if isAny {
		types = anyLinkTypes
	} else {
		if h.ifindex, err = ifIndex(fd, h.iface); err != nil {
			return classify(h.iface, "SIOCGIFINDEX", err)
		}
		hw, err := hardwareType(fd, h.iface)
		if err != nil {
			return classify(h.iface, "SIOCGIFHWADDR", err)
		}
		var raw bool
		types, raw = linkTypesFor(hw)
		if !raw {
			// No link-layer mapping: capture cooked, as libpcap does.
			unix.Close(fd)
			h.fd = -1
			if fd, err = unix.Socket(unix.AF_PACKET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0); err != nil {
				return classify(h.iface, "socket", err)
			}
			h.fd = fd
		}
	}
	h.linkType = types[0]
	if opts.LinkType != 0 {
		if !containsLinkType(types, opts.LinkType) {
			return &OpenError{Iface: h.iface, Kind: ErrLinkType, Op: opts.LinkType.Name()}
		}
		h.linkType = opts.LinkType
	}
	switch h.linkType {
	case linktype.LinuxSLL:
		h.cookedLen, h.vlanOffset = sllHeaderLen, sllHeaderLen-2
	case linktype.LinuxSLL2:
		// libpcap does not re-insert tags under SLL2 either.
		h.cookedLen = sll2HeaderLen
	case linktype.EN10MB:
		h.vlanOffset = 12
	}
	if lo, err := ifIndex(fd, "lo"); err == nil {
		h.loIndex = lo
	}

	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V3); err != nil {
		return &OpenError{Iface: h.iface, Op: "setsockopt PACKET_VERSION", Err: err, Hint: "TPACKET_V3 (Linux 3.2) is required"}
	}
	// Head-room in front of every packet, so that the VLAN tag and the
	// cooked header can be written in place, with Headroom bytes for the
	// caller in front of them. (The kernel leaves 16 bytes or more
	// between the sockaddr_ll and the link-layer header before adding
	// this, minus the header's length: 18 in front of Ethernet.)
	reserve := vlanTagLen + Headroom
	if h.cookedLen > 0 {
		reserve += sll2HeaderLen - sllHeaderLen
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_RESERVE, reserve); err != nil {
		return classify(h.iface, "setsockopt PACKET_RESERVE", err)
	}
	cfg, err := planRing(opts, h.snaplen, reserve)
	if err != nil {
		return &OpenError{Iface: h.iface, Op: "ring size", Err: err}
	}
	mem, cfg, err := setupRing(fd, cfg)
	if err != nil {
		return classify(h.iface, "setsockopt PACKET_RX_RING", err)
	}
	h.ring, h.blockSize, h.blockNr, h.tovMs = mem, cfg.blockSize, cfg.blockNr, cfg.tovMs

	prog := opts.Filter
	if opts.FilterFor != nil {
		if prog, err = opts.FilterFor(h.linkType); err != nil {
			return &OpenError{Iface: h.iface, Kind: ErrFilter, Op: "compile", Err: err}
		}
	}
	h.noKernelFilter = opts.noKernelFilter
	if !opts.noKernelFilter {
		if err := h.attach(prog); err != nil {
			return err
		}
	}

	// Outgoing packets that -Q in or the loopback rule drop are dropped by
	// the reader, not with PACKET_IGNORE_OUTGOING in the kernel: libpcap
	// does the same, so "packets received by filter" counts them as
	// tcpdump's does.

	sa := &unix.SockaddrLinklayer{Protocol: htons(ethPAll), Ifindex: h.ifindex}
	if err := unix.Bind(fd, sa); err != nil {
		return classify(h.iface, "bind", err)
	}
	if !isAny && !opts.NoPromiscuous {
		mr := unix.PacketMreq{Ifindex: int32(h.ifindex), Type: unix.PACKET_MR_PROMISC}
		if err := unix.SetsockoptPacketMreq(fd, unix.SOL_PACKET, unix.PACKET_ADD_MEMBERSHIP, &mr); err != nil {
			return classify(h.iface, "setsockopt PACKET_ADD_MEMBERSHIP", err)
		}
	}
	// A non-blocking descriptor makes os.NewFile register the socket
	// with the runtime's poller.
	if err := unix.SetNonblock(fd, true); err != nil {
		return &OpenError{Iface: h.iface, Op: "fcntl O_NONBLOCK", Err: err}
	}
	h.file = os.NewFile(uintptr(fd), "packet socket on "+h.iface)
	if h.conn, err = h.file.SyscallConn(); err != nil {
		return &OpenError{Iface: h.iface, Op: "poller", Err: err}
	}
	return nil
}

// kernelProgram returns the program the kernel must run for prog: "ret
// #snaplen" for nil, offsets rewritten for a cooked capture, checked
// against the kernel's rules so that a bad program gets a precise error.
func (h *Handle) kernelProgram(prog []bpf.RawInstruction) ([]bpf.RawInstruction, error) {
	if prog == nil {
		return acceptAll(h.snaplen), nil
	}
	if h.cookedLen > 0 {
		var err error
		if prog, err = CookedFilter(prog, h.linkType); err != nil {
			return nil, &OpenError{Iface: h.iface, Kind: ErrFilter, Op: "cooked filter", Err: err}
		}
	}
	if err := bpfcheck.Check(prog); err != nil {
		return nil, &OpenError{Iface: h.iface, Kind: ErrFilter, Op: "filter check", Err: err}
	}
	return prog, nil
}

// attach installs the kernel form of prog (see kernelProgram).
func (h *Handle) attach(prog []bpf.RawInstruction) error {
	prog, err := h.kernelProgram(prog)
	if err != nil {
		return err
	}
	return h.attachKernel(prog)
}

func (h *Handle) attachKernel(prog []bpf.RawInstruction) error {
	if err := attachFilter(h.fd, prog); err != nil {
		e := &OpenError{Iface: h.iface, Kind: ErrFilter, Op: "SO_ATTACH_FILTER", Err: err}
		if errors.Is(err, unix.ENOMEM) {
			e.Hint = "try increasing net.core.optmem_max with sysctl"
		} else if errors.Is(err, unix.EINVAL) {
			e.Hint = "the kernel rejected the program"
		}
		return e
	}
	return nil
}

// SetFilter replaces the capture's filter (nil: accept all, truncated to
// the snap length). The program is for LinkType() and is rewritten for
// cooked captures like Options.Filter. Packets that the previous filter
// had already let into the ring are run through the new program in user
// space (as libpcap does), so no packet the new filter rejects is
// delivered after SetFilter returns.
func (h *Handle) SetFilter(prog []bpf.RawInstruction) error {
	if !h.enter() {
		return ErrClosed
	}
	defer h.exit()
	kprog, err := h.kernelProgram(prog)
	if err != nil {
		return err
	}
	vm, err := bpfvm.New(kprog, bpfvm.Linux)
	if err != nil {
		return &OpenError{Iface: h.iface, Kind: ErrFilter, Op: "filter check", Err: err}
	}
	if !h.noKernelFilter {
		if err := h.attachKernel(kprog); err != nil {
			return err
		}
	}
	// Blocks handed over or being filled now hold packets the old filter
	// chose. Count the ones not owned by the kernel, plus the one the
	// kernel is filling, plus one for a block opened while we count.
	n := 2
	for i := 0; i < h.blockNr; i++ {
		if blockReady(h.ring, i*h.blockSize) {
			n++
		}
	}
	if n > h.blockNr {
		n = h.blockNr
	}
	h.pendingRefilter.Store(&refilter{prog: vm, blocks: n})
	return nil
}

// refilter is a program to run in user space over the next blocks, whose
// packets passed an older kernel filter.
type refilter struct {
	prog   *bpfvm.Program
	blocks int // blocks still to filter, counting the one being walked
}

// takeRefilter installs a refilter that SetFilter left for the reader.
func (h *Handle) takeRefilter() {
	if r := h.pendingRefilter.Swap(nil); r != nil {
		h.refilter = r
	}
}

// blockDone counts a released block against the refilter.
func (h *Handle) blockDone() {
	if h.refilter != nil {
		h.refilter.blocks--
		if h.refilter.blocks <= 0 {
			h.refilter = nil
		}
	}
}

// LinkType returns the link-layer header type of the captured data.
func (h *Handle) LinkType() linktype.Type { return h.linkType }

// Snaplen returns the snap length in force.
func (h *Handle) Snaplen() int { return h.snaplen }

// BufferSize returns the size of the ring the kernel granted, in bytes.
func (h *Handle) BufferSize() int { return h.blockSize * h.blockNr }

// BlockSize returns the size of one ring block in bytes.
func (h *Handle) BlockSize() int { return h.blockSize }

// ReadBlock waits for the next ring block the kernel hands over, calls fn
// with it and gives the block back to the kernel as soon as fn returns; the
// packets' Data must not be kept past fn. It returns fn's error, or
// ctx.Err() once ctx is done and no block is ready (ready blocks are still
// delivered after ctx is done, so a cancelled capture drains what it has),
// or ErrClosed after Close. A block may hold no packet that the capture
// keeps; fn is called for it all the same.
func (h *Handle) ReadBlock(ctx context.Context, fn func(*Block) error) error {
	if !h.enter() {
		return ErrClosed
	}
	defer h.exit()
	if h.holding {
		h.releaseCursor()
	}
	off, err := h.waitBlock(ctx, false)
	if err != nil {
		return err
	}
	h.takeRefilter()
	b := &h.batch
	b.reset(h, off)
	ferr := fn(b)
	berr := b.err
	releaseBlock(h.ring, off)
	h.advance()
	h.blockDone()
	*b = Block{}
	if ferr != nil {
		return ferr
	}
	return berr
}

// ZeroCopyReadPacketData returns the next packet as a slice of the ring,
// valid until the next read call or Close (gopacket's
// ZeroCopyPacketDataSource). It returns io.EOF once Open's context is done
// and the ring has no ready packet, or after Close.
func (h *Handle) ZeroCopyReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	if !h.enter() {
		return nil, gopacket.CaptureInfo{}, io.EOF
	}
	defer h.exit()
	p, err := h.nextPacket()
	if err != nil {
		return nil, gopacket.CaptureInfo{}, err
	}
	return p.Data, p.CaptureInfo, nil
}

// ReadPacketData returns a copy of the next packet (gopacket's
// PacketDataSource); see ZeroCopyReadPacketData.
func (h *Handle) ReadPacketData() ([]byte, gopacket.CaptureInfo, error) {
	if !h.enter() {
		return nil, gopacket.CaptureInfo{}, io.EOF
	}
	defer h.exit()
	p, err := h.nextPacket()
	if err != nil {
		return nil, gopacket.CaptureInfo{}, err
	}
	data := make([]byte, len(p.Data))
	copy(data, p.Data)
	return data, p.CaptureInfo, nil
}

// ReadPacket is the packet-at-a-time reader of the fast path: it returns the
// next packet with its kernel metadata, Data valid until the next read call.
// It returns ctx.Err() (not io.EOF) once ctx is done and nothing is ready.
func (h *Handle) ReadPacket(ctx context.Context) (*Packet, error) {
	if !h.enter() {
		return nil, ErrClosed
	}
	defer h.exit()
	return h.nextPacketCtx(ctx, false)
}

func (h *Handle) nextPacket() (*Packet, error) {
	p, err := h.nextPacketCtx(h.ctx, true)
	if err != nil && (errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) || errors.Is(err, ErrClosed)) {
		return nil, io.EOF
	}
	return p, err
}

func (h *Handle) nextPacketCtx(ctx context.Context, isOpenCtx bool) (*Packet, error) {
	for {
		if h.holding {
			h.takeRefilter()
			if h.cursor.Next() {
				return &h.cursor.pkt, nil
			}
			err := h.cursor.err
			h.releaseCursor()
			if err != nil {
				return nil, err
			}
		}
		off, err := h.waitBlock(ctx, isOpenCtx)
		if err != nil {
			return nil, err
		}
		h.cursor.reset(h, off)
		h.holding = true
	}
}

func (h *Handle) releaseCursor() {
	releaseBlock(h.ring, h.next*h.blockSize)
	h.advance()
	h.blockDone()
	h.holding = false
}

func (h *Handle) advance() {
	h.next++
	if h.next == h.blockNr {
		h.next = 0
	}
}

// waitBlock returns the offset of the next block once user space owns it.
// isOpenCtx says ctx is Open's context, whose end already wakes the poll.
func (h *Handle) waitBlock(ctx context.Context, isOpenCtx bool) (int, error) {
	off := h.next * h.blockSize
	var stop func() bool
	defer func() {
		if stop != nil {
			stop()
		}
	}()
	for {
		if h.closed.Load() {
			return 0, ErrClosed
		}
		if blockReady(h.ring, off) {
			return off, nil
		}
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		if stop == nil && !isOpenCtx && ctx.Done() != nil {
			// Wake the poll below when ctx ends (Open's context is
			// already wired up).
			stop = context.AfterFunc(ctx, h.wake)
		}
		if err := h.wait(off); err != nil {
			return 0, err
		}
	}
}

// wait sleeps until the block at off is ready, the socket reports an
// error, or wake is called; the caller then looks again at what woke it.
//
// The goroutine parks in the runtime's network poller rather than in a
// blocking poll(2): a thread blocked in a system call keeps its processor
// busy in the scheduler's eyes, so the runtime's monitor thread keeps
// waking every 20 µs to take it back, and under a pinned capture
// (GOMAXPROCS 1) those wake-ups and hand-offs cost more than the capture
// loop itself. Parked in the poller, the process sleeps until the kernel
// retires a block.
func (h *Handle) wait(off int) error {
	if h.netDown {
		h.watchDown(off)
	}
	var sockErr error
	err := h.conn.Read(func(uintptr) bool {
		if blockReady(h.ring, off) || h.closed.Load() {
			return true
		}
		// The poller is edge-triggered: an error is signalled once, so
		// it is collected here rather than waited on again.
		soerr, err := socketError(h.fd)
		switch {
		case err != nil:
			sockErr = &OpenError{Iface: h.iface, Op: "getsockopt SO_ERROR", Err: err}
		case soerr == unix.ENETDOWN:
			// The interface went down, or is being deleted (which
			// takes it down first). Down, the capture waits on: the
			// kernel delivers again once it is up, as libpcap lets it.
			h.netDown = true
			h.watchDown(off)
		case soerr != 0:
			sockErr = classify(h.iface, "poll", soerr)
		}
		if sockErr == nil && h.netDown && !h.interfaceExists() {
			sockErr = &OpenError{Iface: h.iface, Kind: ErrInterfaceRemoved}
		}
		return sockErr != nil
	})
	if sockErr != nil {
		return sockErr
	}
	if errors.Is(err, os.ErrDeadlineExceeded) {
		// wake's signal. Clear it before the caller looks at why it was
		// woken, so that a wake-up that arrives meanwhile is kept.
		err = h.file.SetReadDeadline(time.Time{})
	}
	if err != nil {
		if h.closed.Load() {
			return ErrClosed
		}
		return &OpenError{Iface: h.iface, Op: "poll", Err: err}
	}
	return nil
}

// watchDown keeps an eye on an interface that went down: deleting it
// after that raises no further error on the socket, so until a block
// arrives again the reader is woken every second to look whether the
// interface still exists.
func (h *Handle) watchDown(off int) {
	if blockReady(h.ring, off) {
		h.netDown = false
		return
	}
	if h.downTimer == nil {
		h.downTimer = time.AfterFunc(time.Second, h.wake)
	} else {
		h.downTimer.Reset(time.Second)
	}
}

// interfaceExists reports whether the interface the socket is bound to
// still exists, asking through the socket itself so that the answer
// comes from the socket's network namespace.
func (h *Handle) interfaceExists() bool {
	if h.ifindex == 0 {
		return true // "any"
	}
	_, err := ifIndex(h.fd, h.iface)
	return !errors.Is(err, unix.ENODEV)
}

// socketError reads and clears the socket's pending error (SO_ERROR).
// It is a raw system call, which is right for one that never blocks: a
// plain one would wake the runtime's monitor thread, which then polls
// every 20 µs until the process sleeps again, on every wait.
func socketError(fd int) (unix.Errno, error) {
	var v int32
	n := uint32(unsafe.Sizeof(v))
	_, _, errno := unix.RawSyscall6(unix.SYS_GETSOCKOPT, uintptr(fd), unix.SOL_SOCKET, unix.SO_ERROR,
		uintptr(unsafe.Pointer(&v)), uintptr(unsafe.Pointer(&n)), 0)
	if errno != 0 {
		return 0, errno
	}
	return unix.Errno(v), nil
}

// wake interrupts a reader waiting for a block. It holds a reader slot
// while it signals, so that the socket cannot be closed under it.
func (h *Handle) wake() {
	h.active.Add(1)
	defer h.exit()
	h.signal()
}

// signal wakes the reader by moving the socket's read deadline into the
// past; the caller holds a reader slot.
func (h *Handle) signal() {
	if h.tornDown.Load() || h.file == nil {
		return
	}
	_ = h.file.SetReadDeadline(time.Unix(1, 0))
}

// Stats returns the kernel's counters accumulated since Open. The kernel
// clears its counters on every read; Stats adds them up.
func (h *Handle) Stats() (Stats, error) {
	if !h.enter() {
		h.statsMu.Lock()
		defer h.statsMu.Unlock()
		return h.stats, nil
	}
	defer h.exit()
	return h.readStats()
}

func (h *Handle) readStats() (Stats, error) {
	h.statsMu.Lock()
	defer h.statsMu.Unlock()
	st, err := unix.GetsockoptTpacketStatsV3(h.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
	if err != nil {
		return h.stats, &OpenError{Iface: h.iface, Op: "getsockopt PACKET_STATISTICS", Err: err}
	}
	h.stats.Received += uint64(st.Packets)
	h.stats.Dropped += uint64(st.Drops)
	h.stats.QueueFreezes += uint64(st.Freeze_q_cnt)
	return h.stats, nil
}

// Close stops the capture and releases the socket and the ring. A reader
// blocked in another goroutine returns (ErrClosed, or io.EOF from the
// gopacket-style methods). Data returned by earlier zero-copy reads must not
// be used after Close. Stats still reports the final counters after Close.
func (h *Handle) Close() error {
	// Hold a slot so that nobody tears down while we signal; the last
	// one out (us, or a reader still inside) tears down.
	h.active.Add(1)
	defer h.exit()
	if h.closed.Swap(true) {
		return nil
	}
	if h.stopAfter != nil {
		h.stopAfter()
	}
	h.signal()
	return nil
}

// enter registers a reader; it fails once the handle is closed.
func (h *Handle) enter() bool {
	h.active.Add(1)
	if h.closed.Load() {
		h.exit()
		return false
	}
	return true
}

// exit unregisters a reader and finishes a Close that waited for it.
func (h *Handle) exit() {
	if h.active.Add(-1) == 0 && h.closed.Load() {
		h.teardown()
	}
}

// teardown releases everything, once.
func (h *Handle) teardown() {
	if h.tornDown.Swap(true) {
		return
	}
	if h.downTimer != nil {
		h.downTimer.Stop()
	}
	if h.fd >= 0 && h.ring != nil {
		_, _ = h.readStats()
	}
	if h.ring != nil {
		_ = unix.Munmap(h.ring)
		h.ring = nil
	}
	switch {
	case h.file != nil:
		_ = h.file.Close()
	case h.fd >= 0:
		unix.Close(h.fd)
	}
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func containsLinkType(list []linktype.Type, t linktype.Type) bool {
	for _, v := range list {
		if v == t {
			return true
		}
	}
	return false
}

// ifIndex asks the kernel for the index of the named interface.
func ifIndex(fd int, name string) (int, error) {
	ifr, err := unix.NewIfreq(name)
	if err != nil {
		return 0, unix.ENODEV
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr); err != nil {
		return 0, err
	}
	return int(int32(ifr.Uint32())), nil
}

// hardwareType returns the interface's ARPHRD_* type.
func hardwareType(fd int, name string) (uint16, error) {
	ifr, err := unix.NewIfreq(name)
	if err != nil {
		return 0, unix.ENODEV
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFHWADDR, ifr); err != nil {
		return 0, err
	}
	return ifr.Uint16(), nil
}
