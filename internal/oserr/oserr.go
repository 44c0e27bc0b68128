// Package oserr spells operating-system errors the way C's strerror does,
// for messages that must read like tcpdump's and libpcap's.
package oserr

import (
	"errors"
	"syscall"
	"unicode"
	"unicode/utf8"
)

// Text returns strerror's text for the errno inside err ("No such file
// or directory", "Operation not permitted"): Go's texts are the same words
// with a lower-case first letter, and without the "open x:" prefix a
// *os.PathError adds. Errors that hold no errno keep their own text.
func Text(err error) string {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return err.Error()
	}
	s := errno.Error()
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
