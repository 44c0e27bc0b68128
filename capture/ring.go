//go:build linux

package capture

import (
	"errors"
	"fmt"
	"os"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// Layout of the TPACKET_V3 ring (include/uapi/linux/if_packet.h), checked on
// x86_64: struct tpacket_block_desc is 48 bytes with block_status at 8,
// struct tpacket3_hdr is 48 bytes and is followed by a struct sockaddr_ll of
// 20 bytes (TPACKET3_HDRLEN 68).
const (
	blockDescLen    = 48
	blockStatusOff  = 8
	blockNumPktsOff = 12
	blockFirstOff   = 16
	tp3HdrLen       = 48
	sockaddrLLLen   = 20
	tp3HdrPlusSLL   = tp3HdrLen + sockaddrLLLen // TPACKET3_HDRLEN
	vlanTagLen      = 4
	ethPAll         = 0x0003 // ETH_P_ALL
	ethP8021Q       = 0x8100
	tpacketAlign    = 16
)

// Compile-time checks that x/sys/unix's view of the headers is the size the
// offsets above assume.
var (
	_ [tp3HdrLen - unsafe.Sizeof(unix.Tpacket3Hdr{})]struct{}
	_ [unsafe.Sizeof(unix.Tpacket3Hdr{}) - tp3HdrLen]struct{}
	_ [blockDescLen - unsafe.Sizeof(unix.TpacketBlockDesc{})]struct{}
)

// ringConfig is one attempt at a ring shape.
type ringConfig struct {
	blockSize int
	blockNr   int
	tovMs     uint32
}

// planRing turns the options into the first ring shape to try. reserve is
// the PACKET_RESERVE head-room.
func planRing(o *Options, snaplen, reserve int) (ringConfig, error) {
	page := os.Getpagesize()
	// Bytes the largest kept packet occupies in a block: block header,
	// packet header + sockaddr_ll, head-room for a 16+ byte MAC header and
	// the reserve, the data, alignment slack.
	need := blockDescLen + alignUp(tp3HdrPlusSLL+64, tpacketAlign) + reserve + snaplen + tpacketAlign
	buf := o.BufferSize
	if buf <= 0 {
		buf = DefaultBufferSize
	}
	var bs int
	switch {
	case o.BlockSize > 0:
		if o.BlockSize%page != 0 {
			return ringConfig{}, fmt.Errorf("block size %d is not a multiple of the page size %d", o.BlockSize, page)
		}
		bs = o.BlockSize
	case o.Immediate:
		bs = pow2AtLeast(page, need)
	default:
		bs = pow2AtLeast(page, need)
		if bs < minBlockSize {
			bs = minBlockSize
		}
		// Larger blocks mean fewer wake-ups; keep at least 8 blocks so
		// that a slow reader does not freeze the whole ring at once.
		for bs < maxBlockSize && bs*2*8 <= buf {
			bs *= 2
		}
	}
	nr := (buf + bs - 1) / bs
	if nr < 1 {
		nr = 1
	}
	tov := o.BlockTimeout
	if tov <= 0 {
		tov = DefaultBlockTimeout
	}
	ms := uint32((tov + time.Millisecond - 1) / time.Millisecond)
	if o.Immediate {
		ms = 1
	}
	return ringConfig{blockSize: bs, blockNr: nr, tovMs: ms}, nil
}

// setupRing asks the kernel for the ring and maps it, shrinking the ring
// when the kernel or mmap runs out of memory.
func setupRing(fd int, cfg ringConfig) ([]byte, ringConfig, error) {
	const frameSize = 2048 // only validated by the kernel in V3
	for {
		req := unix.TpacketReq3{
			Block_size:     uint32(cfg.blockSize),
			Block_nr:       uint32(cfg.blockNr),
			Frame_size:     frameSize,
			Frame_nr:       uint32(cfg.blockSize / frameSize * cfg.blockNr),
			Retire_blk_tov: cfg.tovMs,
		}
		err := unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req)
		if err == nil {
			mem, merr := unix.Mmap(fd, 0, cfg.blockSize*cfg.blockNr, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
			if merr == nil {
				return mem, cfg, nil
			}
			// Give the ring back before trying a smaller one.
			var none unix.TpacketReq3
			_ = unix.SetsockoptTpacketReq3(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &none)
			err = merr
			if !errors.Is(err, unix.ENOMEM) {
				return nil, cfg, fmt.Errorf("mmap of %d bytes: %w", cfg.blockSize*cfg.blockNr, err)
			}
		}
		if !errors.Is(err, unix.ENOMEM) || cfg.blockNr <= 1 {
			return nil, cfg, err
		}
		// Shrink by a quarter and try again (libpcap shrinks by 5%,
		// netsniff-ng halves).
		next := cfg.blockNr * 3 / 4
		if next >= cfg.blockNr {
			next = cfg.blockNr - 1
		}
		cfg.blockNr = next
	}
}

func pow2AtLeast(start, n int) int {
	v := start
	for v < n {
		v *= 2
	}
	return v
}

func alignUp(n, a int) int { return (n + a - 1) &^ (a - 1) }

// statusWord returns the block_status word of block i for atomic access.
func statusWord(mem []byte, off int) *uint32 {
	return (*uint32)(unsafe.Pointer(&mem[off+blockStatusOff]))
}

// blockReady reports whether the block at off belongs to user space.
func blockReady(mem []byte, off int) bool {
	return atomic.LoadUint32(statusWord(mem, off))&unix.TP_STATUS_USER != 0
}

// releaseBlock hands the block at off back to the kernel.
func releaseBlock(mem []byte, off int) {
	atomic.StoreUint32(statusWord(mem, off), unix.TP_STATUS_KERNEL)
}

func ne32(b []byte, off int) uint32 {
	return *(*uint32)(unsafe.Pointer(&b[off]))
}

func rawPtr[T any](s []T) unsafe.Pointer {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Pointer(&s[0])
}
