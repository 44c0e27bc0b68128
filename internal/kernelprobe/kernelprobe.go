//go:build linux

// Package kernelprobe tells tests whether this kernel can attach a classic
// BPF socket filter (SO_ATTACH_FILTER) without hanging.
//
// A kernel whose BPF JIT allocator has deadlocked puts every process that
// attaches a socket filter into uninterruptible sleep, forever: such a
// process can be neither killed nor waited for. A test that attached a
// filter in its own process would hang the whole test binary, so the probe
// runs in a child process (the test binary itself, re-executed with an
// environment variable that makes this package's init attach a "ret #0"
// filter and exit). The parent waits at most a few seconds; a child that
// has not finished by then is abandoned and the tests that need a kernel
// filter skip.
//
// A hang is remembered in a file under os.TempDir named after the boot ID,
// so later test binaries of the same boot skip at once instead of leaving
// one more stuck process behind each.
//
// Setting GOCAPDUMP_TEST_NO_BPF=1 makes the probe report failure without
// trying.
//
// Under CI=true a failed probe fails the test instead of skipping it: the
// end-to-end capture tests must run in CI.
package kernelprobe

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"github.com/gocapdump/gocapdump/internal/testenv"
)

// childEnv is the environment variable that turns a re-executed test binary
// into the probe child; its value names the probe.
const childEnv = "GOCAPDUMP_KERNELPROBE_CHILD"

// noBPFEnv set to "1" declares that socket filters must not be attached.
const noBPFEnv = "GOCAPDUMP_TEST_NO_BPF"

// Timeout is how long the parent waits for the probe child.
const Timeout = 10 * time.Second

// Exit statuses of the child.
const (
	exitAttached = 0
	exitRefused  = 3 // the kernel answered, with an error
	exitNoSocket = 4
)

func init() {
	// The child side: do the one thing asked and exit before the test
	// framework starts.
	if os.Getenv(childEnv) == "attach-filter" {
		os.Exit(attachRejectAll())
	}
}

// attachRejectAll opens a socket and attaches "ret #0" to it. An AF_PACKET
// socket is used when allowed (it is what captures use); without
// CAP_NET_RAW a UDP socket goes through the same kernel path.
func attachRejectAll() int {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		fd, err = unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	}
	if err != nil {
		return exitNoSocket
	}
	defer unix.Close(fd)
	prog := []unix.SockFilter{{Code: 0x06, K: 0}} // BPF_RET|BPF_K #0
	fp := unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}
	if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &fp); err != nil {
		return exitRefused
	}
	return exitAttached
}

// result caches the probe for the life of the test binary: a probe that
// hangs costs Timeout and a stuck process, so it runs at most once.
var result struct {
	once sync.Once
	err  error
}

// FilterAttach reports whether SO_ATTACH_FILTER works here: nil if a child
// process attached a filter and exited, otherwise an error saying why the
// tests should not try.
func FilterAttach() error {
	result.once.Do(func() { result.err = probe() })
	return result.err
}

// RequireFilterAttach stops the test when a socket filter cannot be
// attached safely (see FilterAttach): it skips, or fails under CI=true.
func RequireFilterAttach(t testing.TB) {
	t.Helper()
	if err := FilterAttach(); err != nil {
		testenv.Need(t, "kernel socket filters unavailable, test needs one: "+err.Error())
	}
}

// Usable is for tests that can run a reduced version without kernel
// filters: it reports whether filters can be attached, logging why not;
// under CI=true an unusable kernel fails the test instead.
func Usable(t testing.TB) bool {
	t.Helper()
	err := FilterAttach()
	if err == nil {
		return true
	}
	if testenv.InCI() {
		t.Fatalf("kernel socket filters unavailable: %v", err)
	}
	t.Logf("testing without kernel filters: %v", err)
	return false
}

func probe() error {
	if os.Getenv(noBPFEnv) == "1" {
		return errors.New(noBPFEnv + "=1")
	}
	marker := markerPath()
	if marker != "" {
		if _, err := os.Stat(marker); err == nil {
			return fmt.Errorf("SO_ATTACH_FILTER hung earlier in this boot (remembered in %s)", marker)
		}
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("cannot re-execute the test binary: %w", err)
	}
	cmd := exec.Command(self, "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"=attach-filter")
	// Stdin, Stdout and Stderr stay nil (/dev/null): a child stuck in the
	// kernel must not hold a pipe that go test waits on.
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("starting the probe: %w", err)
	}
	done := make(chan error, 1)
	// This goroutine stays blocked forever if the child hangs; that only
	// costs a goroutine in a test binary.
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		var ee *exec.ExitError
		switch {
		case err == nil:
			return nil
		case errors.As(err, &ee) && ee.ExitCode() == exitRefused:
			return errors.New("the kernel refused SO_ATTACH_FILTER")
		case errors.As(err, &ee) && ee.ExitCode() == exitNoSocket:
			return errors.New("the probe could not open a socket")
		default:
			return fmt.Errorf("probe child failed: %w", err)
		}
	case <-time.After(Timeout):
		// Usually in uninterruptible sleep, where the signal does
		// nothing; sent anyway in case it was only slow.
		_ = cmd.Process.Kill()
		if marker != "" {
			_ = os.WriteFile(marker, []byte("SO_ATTACH_FILTER did not return within "+Timeout.String()+"\n"), 0o644)
		}
		return fmt.Errorf("SO_ATTACH_FILTER did not return within %v (kernel BPF JIT stuck?); child pid %d abandoned", Timeout, cmd.Process.Pid)
	}
}

// markerPath names the file that remembers a hang for this boot, or "" if
// the boot cannot be identified.
func markerPath() string {
	id, err := os.ReadFile("/proc/sys/kernel/random/boot_id")
	if err != nil {
		return ""
	}
	return filepath.Join(os.TempDir(), "gocapdump-kernelprobe-hang-"+strings.TrimSpace(string(id)))
}
