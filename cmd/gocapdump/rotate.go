package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gocapdump/gocapdump/internal/oserr"

	"github.com/gocapdump/gocapdump/pcapfile"
)

// rotation is tcpdump's -C, -W and -G: when a savefile is closed and the
// next one opened, and how the files are named.
type rotation struct {
	fileSize  int64 // -C in bytes: start a new file once the current one is larger; 0: never
	fileCount int   // -W: with -C, number of files before reusing the first; with -G alone, files before stopping
	seconds   int64 // -G: start a new file on the first packet this many seconds after the last start; 0: never
}

// pathMax is Linux's PATH_MAX, the longest file name tcpdump builds.
const pathMax = 4096

// digits is how many digits -W's count needs for the file numbers: enough
// for fileCount-1, so that the names sort (tcpdump's WflagChars).
func (r rotation) digits() int {
	n := 0
	for x := r.fileCount - 1; x > 0; x /= 10 {
		n++
	}
	return n
}

// fileName builds the name of a savefile from the -w argument as tcpdump
// does: with -G the pattern goes through strftime for the time the file
// was started; with -C the file number follows, zero-padded to digits()
// (file 0 without -W has no number at all, so the first file keeps the
// plain name).
func (r rotation) fileName(pattern string, number int, started time.Time) (string, error) {
	if pattern == "" {
		return "", errors.New("an empty string is not a valid file name")
	}
	name := pattern
	if r.seconds > 0 {
		name = strftime(pattern, started)
	}
	width := 0
	if r.fileSize > 0 {
		width = r.digits()
	} else {
		number = 0
	}
	if number != 0 || width != 0 {
		name += fmt.Sprintf("%0*d", width, number)
	}
	if len(name) > pathMax {
		return "", fmt.Errorf("too many output files or filename is too long (> %d)", pathMax)
	}
	return name, nil
}

// errMaxFiles ends a capture whose -G rotation reached -W files.
type errMaxFiles struct{ count int }

func (e *errMaxFiles) Error() string { return fmt.Sprintf("Maximum file limit reached: %d", e.count) }

// savefile is the -w output: a pcap writer over the current file, opened
// anew when the rotation says so. Rotation happens before a packet is
// written, so a file can exceed -C by the one packet that crossed it, as
// with tcpdump.
type savefile struct {
	pattern string // the -w argument
	rot     rotation
	opts    pcapfile.WriterOptions
	stdout  io.Writer // the destination of "-w -"
	now     func() time.Time

	name    string         // current file
	out     io.WriteCloser // current file (or stdout, never closed)
	w       *pcapfile.Writer
	size    int64 // bytes in the current file, buffered ones included
	number  int   // current -C number
	files   int   // -G files started, beyond the first
	started time.Time
	written int64 // bytes written by earlier files, for error reports
}

// pcap file and record header sizes, for the -C size accounting.
const (
	pcapFileHeaderLen   = 24
	pcapRecordHeaderLen = 16
)

// newSavefile opens the first savefile.
func newSavefile(pattern string, rot rotation, opts pcapfile.WriterOptions, stdout io.Writer, now func() time.Time) (*savefile, error) {
	if now == nil {
		now = time.Now
	}
	s := &savefile{pattern: pattern, rot: rot, opts: opts, stdout: stdout, now: now, started: now()}
	name, err := rot.fileName(pattern, 0, s.started)
	if err != nil {
		return nil, err
	}
	if err := s.open(name); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *savefile) open(name string) error {
	var out io.WriteCloser
	if name == "-" {
		out = nopCloser{s.stdout}
	} else {
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
		if err != nil {
			return fmt.Errorf("%s: %s", name, oserr.Text(err))
		}
		out = f
	}
	w, err := pcapfile.NewWriter(out, s.opts)
	if err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", name, err)
	}
	s.name, s.out, s.w, s.size = name, out, w, pcapFileHeaderLen
	return nil
}

// file returns the current file when it is a regular *os.File (for -Z's
// chown), nil for standard output.
func (s *savefile) file() *os.File {
	f, _ := s.out.(*os.File)
	return f
}

// closeCurrent flushes and closes the current file.
func (s *savefile) closeCurrent() error {
	if s.w == nil {
		return nil
	}
	err := s.w.Close()
	if cerr := s.out.Close(); err == nil && cerr != nil {
		err = cerr
	}
	s.written += s.size
	s.w, s.out = nil, nil
	if err != nil {
		return s.writeError(err)
	}
	return nil
}

// rotate closes the current file and opens the next one, if the rotation
// asks for it before a packet of caplen bytes is written.
func (s *savefile) rotate() error {
	if s.rot.seconds > 0 {
		if t := s.now(); t.Unix()-s.started.Unix() >= s.rot.seconds {
			s.started = t
			s.files++
			if err := s.closeCurrent(); err != nil {
				return err
			}
			if s.rot.fileSize == 0 && s.rot.fileCount > 0 && s.files >= s.rot.fileCount {
				return &errMaxFiles{s.rot.fileCount}
			}
			// A new time slot restarts the -C numbering.
			s.number = 0
			name, err := s.rot.fileName(s.pattern, 0, s.started)
			if err != nil {
				return err
			}
			if err := s.open(name); err != nil {
				return err
			}
		}
	}
	if s.rot.fileSize > 0 && s.size > s.rot.fileSize {
		if err := s.closeCurrent(); err != nil {
			return err
		}
		s.number++
		if s.rot.fileCount > 0 && s.number >= s.rot.fileCount {
			s.number = 0
		}
		name, err := s.rot.fileName(s.pattern, s.number, s.started)
		if err != nil {
			return err
		}
		if err := s.open(name); err != nil {
			return err
		}
	}
	return nil
}

// writePacket rotates if needed and appends one record.
func (s *savefile) writePacket(ci pcapfile.CaptureInfo, data []byte) error {
	return s.writePacketFrom(nil, ci, data)
}

// writePacketFrom is writePacket for the packet src returned last (src may
// be nil): its record is copied from src's file as it stands when that
// gives the same bytes, which saves encoding it and, from a mapped file,
// copying it in user space at all.
func (s *savefile) writePacketFrom(src *pcapfile.Reader, ci pcapfile.CaptureInfo, data []byte) error {
	if err := s.ready(); err != nil {
		return err
	}
	copied := false
	var err error
	if src != nil {
		copied, err = s.w.CopyRecord(src)
	}
	if err == nil && !copied {
		err = s.w.WritePacket(ci, data)
	}
	return s.wrote(len(data), err)
}

// writeRecordInPlace is writePacket for a packet that follows
// pcapfile.RecordHeaderLen bytes of scratch space in rec and stays valid
// until the next flush (a capture ring's packet with its head-room): the
// record is built and written where it lies, with no copy in user space.
func (s *savefile) writeRecordInPlace(ci pcapfile.CaptureInfo, rec []byte) error {
	if err := s.ready(); err != nil {
		return err
	}
	return s.wrote(len(rec)-pcapfile.RecordHeaderLen, s.w.WriteRecordInPlace(ci, rec))
}

// ready rotates the file if a rotation is due before the next packet.
func (s *savefile) ready() error {
	if s.rot != (rotation{}) {
		if err := s.rotate(); err != nil {
			return err
		}
	}
	if s.w == nil {
		return errors.New("savefile closed")
	}
	return nil
}

// wrote accounts for a packet of caplen bytes written with result err.
func (s *savefile) wrote(caplen int, err error) error {
	if err != nil {
		return s.writeError(err)
	}
	s.size += pcapRecordHeaderLen + int64(caplen)
	return nil
}

// flush pushes buffered records to the file (-U, and before exiting).
func (s *savefile) flush() error {
	if s.w == nil {
		return nil
	}
	if err := s.w.Flush(); err != nil {
		return s.writeError(err)
	}
	return nil
}

// close flushes and closes the current file.
func (s *savefile) close() error { return s.closeCurrent() }

// writeError names the file in a write failure, in strerror's words.
func (s *savefile) writeError(err error) error {
	return &writeError{name: s.name, err: err}
}

// writeError is a failed write to the savefile (disk full, closed pipe).
type writeError struct {
	name string
	err  error
}

func (e *writeError) Error() string {
	name := e.name
	if name == "-" {
		name = "the standard output"
	}
	return fmt.Sprintf("error writing %s: %s", name, oserr.Text(e.err))
}

func (e *writeError) Unwrap() error { return e.err }

// strftime formats t like C's strftime in the C locale, with the GNU
// conversions glibc adds (%k, %l, %P, %s, ...). An unknown conversion is
// copied as it stands, as glibc does.
func strftime(format string, t time.Time) string {
	var b strings.Builder
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' || i+1 == len(format) {
			b.WriteByte(c)
			continue
		}
		i++
		if alias, ok := strftimeAliases[format[i]]; ok {
			b.WriteString(strftime(alias, t))
			continue
		}
		if conv, ok := strftimeConv[format[i]]; ok {
			conv(&b, t)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(format[i])
	}
	return b.String()
}

func pad2(b *strings.Builder, n int, fill byte) {
	if n < 10 {
		b.WriteByte(fill)
	}
	b.WriteString(strconv.Itoa(n))
}

func padN(b *strings.Builder, n, width int) {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b.WriteByte('0')
	}
	b.WriteString(s)
}

func hour12(t time.Time) int {
	h := t.Hour() % 12
	if h == 0 {
		h = 12
	}
	return h
}

// weekOfYear counts weeks starting on firstDay, as %U (Sunday) and %W
// (Monday) do: days before the year's first such day are in week 0.
func weekOfYear(t time.Time, firstDay time.Weekday) int {
	wday := (int(t.Weekday()) - int(firstDay) + 7) % 7
	return (t.YearDay() - 1 + 7 - wday) / 7
}

// strftimeAliases are the conversions that stand for others, C locale.
var strftimeAliases = map[byte]string{
	'c': "%a %b %e %H:%M:%S %Y",
	'D': "%m/%d/%y",
	'F': "%Y-%m-%d",
	'r': "%I:%M:%S %p",
	'R': "%H:%M",
	'T': "%H:%M:%S",
	'x': "%m/%d/%y",
	'X': "%H:%M:%S",
}

// strftimeConv is the table of the other conversions, C locale.
var strftimeConv = map[byte]func(*strings.Builder, time.Time){
	'a': func(b *strings.Builder, t time.Time) { b.WriteString(t.Weekday().String()[:3]) },
	'A': func(b *strings.Builder, t time.Time) { b.WriteString(t.Weekday().String()) },
	'b': func(b *strings.Builder, t time.Time) { b.WriteString(t.Month().String()[:3]) },
	'h': func(b *strings.Builder, t time.Time) { b.WriteString(t.Month().String()[:3]) },
	'B': func(b *strings.Builder, t time.Time) { b.WriteString(t.Month().String()) },
	'C': func(b *strings.Builder, t time.Time) { pad2(b, t.Year()/100, '0') },
	'd': func(b *strings.Builder, t time.Time) { pad2(b, t.Day(), '0') },
	'e': func(b *strings.Builder, t time.Time) { pad2(b, t.Day(), ' ') },
	'g': func(b *strings.Builder, t time.Time) { y, _ := t.ISOWeek(); pad2(b, y%100, '0') },
	'G': func(b *strings.Builder, t time.Time) { y, _ := t.ISOWeek(); b.WriteString(strconv.Itoa(y)) },
	'H': func(b *strings.Builder, t time.Time) { pad2(b, t.Hour(), '0') },
	'I': func(b *strings.Builder, t time.Time) { pad2(b, hour12(t), '0') },
	'j': func(b *strings.Builder, t time.Time) { padN(b, t.YearDay(), 3) },
	'k': func(b *strings.Builder, t time.Time) { pad2(b, t.Hour(), ' ') },
	'l': func(b *strings.Builder, t time.Time) { pad2(b, hour12(t), ' ') },
	'm': func(b *strings.Builder, t time.Time) { pad2(b, int(t.Month()), '0') },
	'M': func(b *strings.Builder, t time.Time) { pad2(b, t.Minute(), '0') },
	'n': func(b *strings.Builder, t time.Time) { b.WriteByte('\n') },
	'p': func(b *strings.Builder, t time.Time) { b.WriteString(t.Format("PM")) },
	'P': func(b *strings.Builder, t time.Time) { b.WriteString(t.Format("pm")) },
	's': func(b *strings.Builder, t time.Time) { b.WriteString(strconv.FormatInt(t.Unix(), 10)) },
	'S': func(b *strings.Builder, t time.Time) { pad2(b, t.Second(), '0') },
	't': func(b *strings.Builder, t time.Time) { b.WriteByte('\t') },
	'u': func(b *strings.Builder, t time.Time) { b.WriteString(strconv.Itoa((int(t.Weekday())+6)%7 + 1)) },
	'U': func(b *strings.Builder, t time.Time) { pad2(b, weekOfYear(t, time.Sunday), '0') },
	'V': func(b *strings.Builder, t time.Time) { _, w := t.ISOWeek(); pad2(b, w, '0') },
	'w': func(b *strings.Builder, t time.Time) { b.WriteString(strconv.Itoa(int(t.Weekday()))) },
	'W': func(b *strings.Builder, t time.Time) { pad2(b, weekOfYear(t, time.Monday), '0') },
	'y': func(b *strings.Builder, t time.Time) { pad2(b, t.Year()%100, '0') },
	'Y': func(b *strings.Builder, t time.Time) { b.WriteString(strconv.Itoa(t.Year())) },
	'z': func(b *strings.Builder, t time.Time) { b.WriteString(t.Format("-0700")) },
	'Z': func(b *strings.Builder, t time.Time) { b.WriteString(t.Format("MST")) },
	'%': func(b *strings.Builder, t time.Time) { b.WriteByte('%') },
}
