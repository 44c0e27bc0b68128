//go:build linux

package capture

import (
	"errors"
	"fmt"
	"net"
	"os"
	"runtime"
	"sort"
	"strings"
	"unsafe"

	"github.com/gocapdump/gocapdump/linktype"
	"golang.org/x/sys/unix"
)

// InterfaceFlags describe an interface as tcpdump -D shows it.
type InterfaceFlags uint32

// Interface flags.
const (
	FlagUp       InterfaceFlags = 1 << iota // administratively up
	FlagRunning                             // operationally up (carrier)
	FlagLoopback                            // a loopback device
	FlagWireless                            // an 802.11 (or other wireless) device
)

// ConnectionStatus is whether an interface has a link, where that applies.
type ConnectionStatus int

// Connection states, as libpcap reports them.
const (
	ConnectionUnknown       ConnectionStatus = iota // the driver would not say
	ConnectionConnected                             // link detected
	ConnectionDisconnected                          // no link
	ConnectionNotApplicable                         // loopback, pseudo-devices, devices without the notion
)

// Interface is one capture device, as listed by tcpdump -D.
type Interface struct {
	Name        string
	Index       int    // kernel interface index; 0 for "any"
	Description string // set for pseudo-devices ("any")
	Flags       InterfaceFlags
	Connection  ConnectionStatus
}

// String formats the interface as a line of tcpdump -D without the number:
// "eth0 [Up, Running, Connected]",
// "any (Pseudo-device that captures on all interfaces) [Up, Running]".
func (i Interface) String() string {
	var b strings.Builder
	b.WriteString(i.Name)
	if i.Description != "" {
		b.WriteString(" (" + i.Description + ")")
	}
	var parts []string
	for _, f := range flagNames {
		if i.Flags&f.flag != 0 {
			parts = append(parts, f.name)
		}
	}
	status := ""
	if i.Flags&FlagWireless != 0 {
		status = wirelessStatusNames[i.Connection]
	} else {
		status = connectionNames[i.Connection]
	}
	if i.Flags == 0 && i.Connection == ConnectionUnknown {
		return b.String() // libpcap reports no flag bits at all: tcpdump prints no brackets
	}
	if len(parts) == 0 {
		parts = append(parts, "none")
	}
	if status != "" {
		parts = append(parts, status)
	}
	b.WriteString(" [" + strings.Join(parts, ", ") + "]")
	return b.String()
}

var flagNames = []struct {
	flag InterfaceFlags
	name string
}{
	{FlagUp, "Up"}, {FlagRunning, "Running"}, {FlagLoopback, "Loopback"}, {FlagWireless, "Wireless"},
}

var connectionNames = map[ConnectionStatus]string{
	ConnectionUnknown:      "Connection status unknown",
	ConnectionConnected:    "Connected",
	ConnectionDisconnected: "Disconnected",
}

var wirelessStatusNames = map[ConnectionStatus]string{
	ConnectionUnknown:      "Association status unknown",
	ConnectionConnected:    "Associated",
	ConnectionDisconnected: "Not associated",
}

const anyDescription = "Pseudo-device that captures on all interfaces"

// Interfaces lists the capture devices of the caller's network namespace,
// "any" included, in libpcap's order: devices that are up and running
// first, then "any", loopback, disconnected and down devices.
func Interfaces() ([]Interface, error) {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil, fmt.Errorf("listing interfaces: %w", err)
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, fmt.Errorf("socket for interface ioctls: %w", err)
	}
	defer unix.Close(fd)
	list := make([]Interface, 0, len(ifs)+1)
	for _, ni := range ifs {
		it := Interface{Name: ni.Name, Index: ni.Index}
		if ni.Flags&net.FlagUp != 0 {
			it.Flags |= FlagUp
		}
		if ni.Flags&net.FlagRunning != 0 {
			it.Flags |= FlagRunning
		}
		if ni.Flags&net.FlagLoopback != 0 {
			it.Flags |= FlagLoopback
			it.Connection = ConnectionNotApplicable
		} else {
			if isWireless(ni.Name) {
				it.Flags |= FlagWireless
			}
			it.Connection = linkStatus(fd, ni.Name)
		}
		list = append(list, it)
	}
	list = append(list, Interface{Name: AnyDevice, Description: anyDescription,
		Flags: FlagUp | FlagRunning, Connection: ConnectionNotApplicable})
	return sortInterfaces(list), nil
}

// sortInterfaces orders list as libpcap's pcap_findalldevs does, keeping
// the kernel's order among equals.
func sortInterfaces(list []Interface) []Interface {
	sort.SliceStable(list, func(a, b int) bool { return merit(list[a]) < merit(list[b]) })
	return list
}

// merit orders devices as libpcap's pcap_findalldevs does (lower first).
func merit(i Interface) uint32 {
	var n uint32
	if i.Flags&FlagRunning == 0 {
		n |= 0x80000000
	}
	if i.Flags&FlagUp == 0 {
		n |= 0x40000000
	}
	if i.Flags&FlagWireless == 0 && i.Connection == ConnectionDisconnected {
		n |= 0x20000000
	}
	if i.Flags&FlagLoopback != 0 {
		n |= 0x10000000
	}
	if i.Name == AnyDevice {
		n |= 0x08000000
	}
	return n
}

func isWireless(name string) bool {
	for _, p := range []string{"/sys/class/net/" + name + "/wireless", "/sys/class/net/" + name + "/phy80211"} {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	return false
}

// ethtoolValue is struct ethtool_value, for ETHTOOL_GLINK.
type ethtoolValue struct {
	cmd  uint32
	data uint32
}

// ifreqData is struct ifreq with the ifr_data pointer member.
type ifreqData struct {
	name [unix.IFNAMSIZ]byte
	data unsafe.Pointer
	_    [24 - unsafe.Sizeof(uintptr(0))]byte
}

// linkStatus asks the driver whether the link is up (ETHTOOL_GLINK), with
// libpcap's reading of the answers.
func linkStatus(fd int, name string) ConnectionStatus {
	v := ethtoolValue{cmd: unix.ETHTOOL_GLINK}
	var ifr ifreqData
	copy(ifr.name[:unix.IFNAMSIZ-1], name)
	ifr.data = unsafe.Pointer(&v)
	_, _, errno := unix.Syscall(unix.SYS_IOCTL, uintptr(fd), unix.SIOCETHTOOL, uintptr(unsafe.Pointer(&ifr)))
	runtime.KeepAlive(&v)
	switch {
	case errno == unix.EOPNOTSUPP || errno == unix.EINVAL:
		return ConnectionNotApplicable
	case errno != 0:
		return ConnectionUnknown
	case v.data != 0:
		return ConnectionConnected
	}
	return ConnectionDisconnected
}

// LinkTypes returns the link types a capture on iface can deliver, the
// default first (tcpdump -L). "any" offers LINUX_SLL2 and LINUX_SLL.
func LinkTypes(iface string) ([]linktype.Type, error) {
	if iface == AnyDevice {
		return append([]linktype.Type(nil), anyLinkTypes...), nil
	}
	if iface == "" || len(iface) >= unix.IFNAMSIZ {
		return nil, &OpenError{Iface: iface, Kind: ErrNoSuchDevice}
	}
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, classify(iface, "socket", err)
	}
	defer unix.Close(fd)
	hw, err := hardwareType(fd, iface)
	if err != nil {
		if errors.Is(err, unix.ENODEV) {
			return nil, &OpenError{Iface: iface, Kind: ErrNoSuchDevice}
		}
		return nil, classify(iface, "SIOCGIFHWADDR", err)
	}
	types, _ := linkTypesFor(hw)
	return append([]linktype.Type(nil), types...), nil
}
