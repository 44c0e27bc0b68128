//go:build linux

package bpfcheck

import (
	"errors"
	"os"
	"testing"

	"golang.org/x/net/bpf"
	"golang.org/x/sys/unix"
)

// kernelOracleEnv opts in to comparing Check with the running kernel.
const kernelOracleEnv = "BPFCHECK_KERNEL_ORACLE"

// kernelOracle returns a function that asks the running kernel whether it
// accepts a program, by attaching it to a throwaway UDP socket (no
// privilege needed). ok is false when the kernel's answer says nothing
// about the program (an error other than EINVAL). kernelOracle returns nil
// when no socket can be made, and unless BPFCHECK_KERNEL_ORACLE=1.
//
// It is opt-in because every accepted program is JIT-compiled and freed:
// on Linux 6.18 (x86-64, bpf_jit_enable=1) about 800,000 attaches in a
// minute of fuzzing deadlocked the JIT's bpf_prog_pack allocator (the
// system workqueue filled with bpf_prog_pack_free work while the
// allocator waited on a vmap purge queued behind them), leaving every
// later SO_ATTACH_FILTER stuck in uninterruptible sleep. Use it with
// bpf_jit_enable=0 or a short -fuzztime, on a machine you can reboot.
func kernelOracle(t testing.TB) func([]bpf.RawInstruction) (accepted, ok bool) {
	if os.Getenv(kernelOracleEnv) != "1" {
		return nil
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Logf("no socket for the kernel oracle: %v", err)
		return nil
	}
	t.Cleanup(func() { unix.Close(fd) })
	return func(prog []bpf.RawInstruction) (bool, bool) {
		if len(prog) > 0xffff {
			return false, false // does not fit sock_fprog.len
		}
		filter := make([]unix.SockFilter, len(prog))
		for i, ins := range prog {
			filter[i] = unix.SockFilter{Code: ins.Op, Jt: ins.Jt, Jf: ins.Jf, K: ins.K}
		}
		fprog := unix.SockFprog{Len: uint16(len(prog))}
		if len(filter) > 0 {
			fprog.Filter = &filter[0]
		}
		err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fprog)
		switch {
		case err == nil:
			return true, true
		case errors.Is(err, unix.EINVAL):
			return false, true
		default:
			return false, false
		}
	}
}
