package pcapfile

import (
	"errors"
	"fmt"
)

// ErrNotSupported is wrapped by errors for files that are neither pcap nor pcapng.
var ErrNotSupported = errors.New("unknown file format")

// FormatError reports a savefile that cannot be read: a bad or unsupported
// header, a corrupt record, or a file that ends in the middle of a record.
//
// Text is exactly what libpcap puts in its error buffer for the same file,
// so a command-line tool can print "tcpdump: " + Text as tcpdump would.
// Error adds where the problem was found, so that the message names the
// packet and the byte offset.
type FormatError struct {
	// Text is libpcap's message, for example
	// "unsupported pcap savefile version 1.4".
	Text string
	// Packet is the 1-based number of the packet being read when the error
	// was found (the packets already returned plus one); 0 while opening.
	Packet int
	// Offset is the byte offset in the file of the record or block in
	// which the error was found.
	Offset int64
	// Err is the underlying cause, if any: io.ErrUnexpectedEOF for a
	// truncated file, or the error returned by the underlying reader.
	Err error
}

func (e *FormatError) Error() string {
	if e.Packet == 0 {
		return e.Text
	}
	return fmt.Sprintf("%s (reading packet %d, record at byte offset %d)", e.Text, e.Packet, e.Offset)
}

// Unwrap returns the underlying cause.
func (e *FormatError) Unwrap() error { return e.Err }

// ErrReaderClosed is the cause of the error from reads after Reader.Close.
var ErrReaderClosed = errors.New("pcapfile: read from closed Reader")
