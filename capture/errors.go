//go:build linux

package capture

import (
	"errors"
	"syscall"

	"github.com/gocapdump/gocapdump/internal/oserr"
)

// Sentinel errors, matched with errors.Is. The texts are libpcap's status
// texts, which tcpdump prints after the interface name.
var (
	// ErrPermission: the caller lacks CAP_NET_RAW (or CAP_NET_ADMIN).
	ErrPermission = errors.New("You don't have permission to perform this capture on that device")
	// ErrNoSuchDevice: the interface does not exist (in this network namespace).
	ErrNoSuchDevice = errors.New("No such device exists")
	// ErrInterfaceDown: the interface is down. (One that goes down during
	// a capture only pauses it, as with libpcap: the kernel delivers
	// again once it is up.)
	ErrInterfaceDown = errors.New("That device is not up")
	// ErrInterfaceRemoved: the interface was deleted during the capture.
	ErrInterfaceRemoved = errors.New("The interface disappeared")
	// ErrClosed: the handle was closed.
	ErrClosed = errors.New("capture: handle closed")
	// ErrLinkType: the requested link type is not available on the device.
	ErrLinkType = errors.New("link type not supported on that device")
	// ErrFilter: the filter program cannot be attached.
	ErrFilter = errors.New("filter cannot be used")
	// ErrCorruptRing: the kernel's ring holds a frame whose offsets do not fit
	// its block (a kernel/ABI mismatch; never expected).
	ErrCorruptRing = errors.New("corrupted frame in kernel ring")
)

// OpenError describes why a capture could not be opened or continued, in
// tcpdump's shape: "eth0: You don't have permission to perform this capture
// on that device (socket: Operation not permitted - CAP_NET_RAW may be
// required)".
type OpenError struct {
	Iface string // interface name as given to Open
	Kind  error  // one of the sentinel errors above, or nil for other failures
	Op    string // the failed step: "socket", "bind", "setsockopt PACKET_RX_RING", ...
	Err   error  // the underlying error, usually a syscall.Errno
	Hint  string // what to do about it, e.g. "CAP_NET_RAW may be required"
}

// Error formats the error as "IFACE: KIND (OP: CAUSE - HINT)".
func (e *OpenError) Error() string {
	s := e.Iface + ": "
	if e.Kind != nil {
		s += e.Kind.Error()
		if e.Op != "" || e.Err != nil {
			s += " (" + e.detail() + ")"
		}
		return s
	}
	return s + e.detail()
}

func (e *OpenError) detail() string {
	d := e.Op
	if e.Err != nil {
		if d != "" {
			d += ": "
		}
		d += oserr.Text(e.Err)
	}
	if e.Hint != "" {
		d += " - " + e.Hint
	}
	return d
}

// Unwrap returns the sentinel kind and the underlying cause, so that both
// errors.Is(err, ErrPermission) and errors.Is(err, syscall.EPERM) hold.
func (e *OpenError) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

// classify builds the OpenError for a failed system call, recognising the
// errno values that mean "no permission", "no such device" and "down".
func classify(iface, op string, err error) error {
	e := &OpenError{Iface: iface, Op: op, Err: err}
	switch {
	case errors.Is(err, syscall.EPERM), errors.Is(err, syscall.EACCES):
		e.Kind = ErrPermission
		e.Hint = "CAP_NET_RAW may be required"
		if op == "setsockopt PACKET_ADD_MEMBERSHIP" {
			e.Hint = "CAP_NET_ADMIN may be required for promiscuous mode"
		}
	case errors.Is(err, syscall.ENODEV), errors.Is(err, syscall.ENXIO):
		e.Kind = ErrNoSuchDevice
	case errors.Is(err, syscall.ENETDOWN):
		e.Kind = ErrInterfaceDown
	}
	return e
}
