package pcapfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"testing"
)

// tempFile writes b to a new file and opens it for reading.
func tempFile(t *testing.T, b []byte) *os.File {
	t.Helper()
	return fileWith(t, filepath.Join(t.TempDir(), "in.pcap"), b)
}

// fileWith writes b to the named file and opens it for reading.
func fileWith(t *testing.T, name string, b []byte) *os.File {
	t.Helper()
	if err := os.WriteFile(name, b, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// readEverything reads r to its end, copying each packet, and returns the
// packets and the final error (nil at a clean end).
func readEverything(r *Reader) ([]CaptureInfo, [][]byte, error) {
	var cis []CaptureInfo
	var datas [][]byte
	for {
		data, ci, err := r.ReadPacketData()
		if err == io.EOF {
			return cis, datas, nil
		}
		if err != nil {
			return cis, datas, err
		}
		cis = append(cis, ci)
		datas = append(datas, data)
	}
}

// sameResult checks that a mapped read of file gives what a buffered one
// gives: the packets and the error text.
func sameResult(t *testing.T, file []byte, opt ReaderOptions) {
	t.Helper()
	sameResultIn(t, filepath.Join(t.TempDir(), "in.pcap"), file, opt)
}

// sameResultIn is sameResult with the file at the given name.
func sameResultIn(t *testing.T, name string, file []byte, opt ReaderOptions) {
	t.Helper()
	wantCI, wantData, wantErr := packets(t, file, opt)
	r, err := NewFileReader(fileWith(t, name, file), opt)
	if err != nil {
		// The open failed; so must the buffered one, alike.
		if _, berr := NewReaderOptions(bytes.NewReader(file), opt); berr == nil || berr.Error() != err.Error() {
			t.Fatalf("open: mapped %v, buffered %v", err, berr)
		}
		return
	}
	defer r.Close()
	gotCI, gotData, gotErr := readEverything(r)
	if fmt.Sprint(gotErr) != fmt.Sprint(wantErr) {
		t.Fatalf("error: mapped %v, buffered %v", gotErr, wantErr)
	}
	if len(gotCI) != len(wantCI) {
		t.Fatalf("mapped read %d packets, buffered %d", len(gotCI), len(wantCI))
	}
	for i := range gotCI {
		if gotCI[i] != wantCI[i] || !bytes.Equal(gotData[i], wantData[i]) {
			t.Fatalf("packet %d differs: %+v / %+v", i, gotCI[i], wantCI[i])
		}
	}
}

// variedFile is a pcap file of n packets of varied sizes.
func variedFile(t testing.TB, o binary.ByteOrder, nano bool, n int) []byte {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewWriter(&buf, WriterOptions{LinkType: 1, ByteOrder: o, Nanosecond: nano})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		data := bytes.Repeat([]byte{byte(i), byte(i >> 8)}, (i*37)%800)
		if err := w.WritePacket(CaptureInfo{Sec: int64(i), Nsec: int64(i) * 1001, Length: len(data) + i%3}, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestFileReaderMapped(t *testing.T) {
	file := variedFile(t, le, false, 300)
	r, err := NewFileReader(tempFile(t, file), ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !r.Mapped() {
		t.Fatal("a regular file was not mapped")
	}
	// Mapped data outlive the next read.
	first, err := r.ReadPacket(new(CaptureInfo))
	if err != nil {
		t.Fatal(err)
	}
	keep := append([]byte(nil), first...)
	cis, _, err := readEverything(r)
	if err != nil || len(cis) != 299 {
		t.Fatalf("%d packets, %v", len(cis), err)
	}
	if !bytes.Equal(first, keep) {
		t.Error("mapped packet data changed")
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := r.ReadPacket(new(CaptureInfo)); !errors.Is(err, ErrReaderClosed) {
		t.Errorf("read after Close: %v", err)
	}
	if err := r.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestFileReaderSameAsBuffered(t *testing.T) {
	for _, o := range []binary.ByteOrder{le, be} {
		sameResult(t, variedFile(t, o, true, 200), ReaderOptions{})
	}
	var ng bytes.Buffer
	w, _ := NewWriter(&ng, WriterOptions{Format: FormatPcapNG, LinkType: 1})
	for i := 0; i < 50; i++ {
		w.WritePacket(CaptureInfo{Sec: int64(i)}, make([]byte, i*11))
	}
	w.Close()
	sameResult(t, ng.Bytes(), ReaderOptions{})
	// Records over the snapshot length, cut on reading.
	sameResult(t, cat(pcapHeader(le, magicMicro, 2, 4, 10, 1),
		pcapRecord(le, 1, 2, 30, 30, bytes.Repeat([]byte("x"), 30)),
		pcapRecord(le, 3, 4, 5, 5, []byte("hello"))), ReaderOptions{})
}

// TestFileReaderTruncated cuts files at every length: the mapped reader
// must fail (or end) exactly as the buffered one does.
func TestFileReaderTruncated(t *testing.T) {
	for _, format := range []Format{FormatPcap, FormatPcapNG} {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, WriterOptions{Format: format, LinkType: 1})
		for i := 0; i < 4; i++ {
			w.WritePacket(CaptureInfo{Sec: 1}, make([]byte, 13*i))
		}
		w.Close()
		file := buf.Bytes()
		for n := 0; n < len(file); n++ {
			t.Run(fmt.Sprintf("%v-%d", format, n), func(t *testing.T) { sameResult(t, file[:n], ReaderOptions{}) })
		}
	}
}

func TestFileReaderOffset(t *testing.T) {
	// The reader starts at the file's offset, which need not be on a
	// page boundary.
	file := variedFile(t, le, false, 100)
	junk := bytes.Repeat([]byte{0xee}, 5000)
	f := tempFile(t, append(junk, file...))
	if _, err := f.Seek(int64(len(junk)), io.SeekStart); err != nil {
		t.Fatal(err)
	}
	r, err := NewFileReader(f, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if !r.Mapped() {
		t.Fatal("not mapped")
	}
	cis, _, err := readEverything(r)
	if err != nil || len(cis) != 100 {
		t.Fatalf("%d packets, %v", len(cis), err)
	}
	if pos, _ := f.Seek(0, io.SeekCurrent); pos != int64(len(junk)) {
		t.Errorf("file offset moved to %d", pos)
	}
}

func TestFileReaderGrowingFile(t *testing.T) {
	// Packets appended after the mapping, one of them straddling its
	// end, are read as they would be through read().
	file := variedFile(t, le, false, 60)
	cut := len(file) - 300 // inside the last records
	name := filepath.Join(t.TempDir(), "grow.pcap")
	if err := os.WriteFile(name, file[:cut], 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := NewFileReader(f, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	a, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := a.Write(file[cut:]); err != nil {
		t.Fatal(err)
	}
	a.Close()
	gotCI, gotData, err := readEverything(r)
	wantCI, wantData, _ := packets(t, file, ReaderOptions{})
	if err != nil || len(gotCI) != len(wantCI) {
		t.Fatalf("%d packets of %d, %v", len(gotCI), len(wantCI), err)
	}
	for i := range wantCI {
		if gotCI[i] != wantCI[i] || !bytes.Equal(gotData[i], wantData[i]) {
			t.Fatalf("packet %d differs", i)
		}
	}
}

func TestFileReaderNotMapped(t *testing.T) {
	file := variedFile(t, le, false, 50)
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	go func() {
		pw.Write(file)
		pw.Close()
	}()
	r, err := NewFileReader(pr, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if r.Mapped() {
		t.Fatal("a pipe was mapped")
	}
	if cis, _, err := readEverything(r); err != nil || len(cis) != 50 {
		t.Fatalf("%d packets, %v", len(cis), err)
	}
	if err := r.Close(); err != nil {
		t.Fatal(err)
	}
	// An empty regular file is not mapped either, and fails as usual.
	if _, err := NewFileReader(tempFile(t, nil), ReaderOptions{}); err == nil || err.Error() != "truncated dump file; tried to read 4 file header bytes, only got 0" {
		t.Errorf("empty file: %v", err)
	}
}

// copyThrough rewrites file with every packet, through CopyRecord where it
// agrees, and returns the output and how many records were copied.
func copyThrough(t *testing.T, r *Reader, dst io.Writer, opt WriterOptions) int {
	t.Helper()
	w, err := NewWriter(dst, opt)
	if err != nil {
		t.Fatal(err)
	}
	copied := 0
	var ci CaptureInfo
	for {
		data, err := r.ReadPacket(&ci)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		ok, err := w.CopyRecord(r)
		if err != nil {
			t.Fatal(err)
		}
		if ok {
			copied++
		} else if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return copied
}

// rewrite is the reference: every packet through WritePacket.
func rewrite(t *testing.T, file []byte, opt WriterOptions) []byte {
	t.Helper()
	r, err := NewReader(bytes.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	w, err := NewWriter(&out, opt)
	if err != nil {
		t.Fatal(err)
	}
	var ci CaptureInfo
	for {
		data, err := r.ReadPacket(&ci)
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := w.WritePacket(ci, data); err != nil {
			t.Fatal(err)
		}
	}
	w.Close()
	return out.Bytes()
}

func TestCopyRecord(t *testing.T) {
	// rec has n bytes of data after a header with the given fields.
	rec := func(o binary.ByteOrder, capField, lenField uint32, n int) []byte {
		return pcapRecord(o, 1700000000, 999999, capField, lenField, bytes.Repeat([]byte("d"), n))
	}
	odd := cat(rec(le, 20, 60, 20), rec(le, 60, 20, 20), rec(le, 7, 7, 7)) // the second in the old order
	for _, tc := range []struct {
		name   string
		file   []byte
		opt    WriterOptions
		copies int // records CopyRecord must take
	}{
		{"le-micro", variedFile(t, le, false, 120), WriterOptions{LinkType: 1}, 120},
		{"be-nano", variedFile(t, be, true, 120), WriterOptions{LinkType: 1, ByteOrder: be, Nanosecond: true}, 120},
		{"native-order", variedFile(t, le, false, 20), WriterOptions{LinkType: 1, ByteOrder: binary.NativeEndian}, 20 * boolInt(isLittle())},
		{"other-order", variedFile(t, be, false, 20), WriterOptions{LinkType: 1}, 0},
		{"other-precision", variedFile(t, le, true, 20), WriterOptions{LinkType: 1}, 0},
		{"to-pcapng", variedFile(t, le, false, 20), WriterOptions{Format: FormatPcapNG, LinkType: 1}, 0},
		{"small-snaplen", variedFile(t, le, false, 20), WriterOptions{LinkType: 1, Snaplen: 100}, -1},
		{"v2.3", cat(pcapHeader(le, magicMicro, 2, 3, 65535, 1), odd), WriterOptions{LinkType: 1}, 2},
		{"v2.2", cat(pcapHeader(le, magicMicro, 2, 2, 65535, 1), rec(le, 5, 5, 5), rec(le, 60, 20, 20)), WriterOptions{LinkType: 1}, 1},
		{"over-snapshot", cat(pcapHeader(le, magicMicro, 2, 4, 10, 1), rec(le, 30, 30, 30), rec(le, 10, 30, 10)), WriterOptions{LinkType: 1, Snaplen: 10}, 1},
		{"kuznetzov", cat(pcapHeader(le, magicKuznetzov, 2, 4, 65535, 1),
			pcapRecord(le, 1, 2, 3, 3, []byte("abc\x00\x00\x00\x00\x00\x00\x00\x00"))), WriterOptions{LinkType: 1}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := tc.opt
			if tc.copies < 0 {
				// Packets over the writer's snapshot length are left to
				// WritePacket, which refuses them.
				r, _ := NewReader(bytes.NewReader(tc.file))
				w, _ := NewWriter(io.Discard, opt)
				var ci CaptureInfo
				for {
					data, err := r.ReadPacket(&ci)
					if err != nil {
						break
					}
					if ok, err := w.CopyRecord(r); ok != (len(data) <= 100) || err != nil {
						t.Fatalf("%d bytes: copied %v, %v", len(data), ok, err)
					}
				}
				return
			}
			want := rewrite(t, tc.file, opt)
			for _, mapped := range []bool{false, true} {
				for _, toFile := range []bool{false, true} {
					var r *Reader
					var err error
					if mapped {
						r, err = NewFileReader(tempFile(t, tc.file), ReaderOptions{})
					} else {
						r, err = NewReader(bytes.NewReader(tc.file))
					}
					if err != nil {
						t.Fatal(err)
					}
					var got []byte
					var n int
					if toFile {
						name := filepath.Join(t.TempDir(), "out.pcap")
						f, err := os.Create(name)
						if err != nil {
							t.Fatal(err)
						}
						n = copyThrough(t, r, f, opt)
						f.Close()
						got, _ = os.ReadFile(name)
					} else {
						var buf bytes.Buffer
						n = copyThrough(t, r, &buf, opt)
						got = buf.Bytes()
					}
					r.Close()
					if !bytes.Equal(got, want) {
						t.Errorf("mapped=%v file=%v: output differs from WritePacket's (%d / %d bytes)", mapped, toFile, len(got), len(want))
					}
					if n != tc.copies {
						t.Errorf("mapped=%v file=%v: %d records copied, want %d", mapped, toFile, n, tc.copies)
					}
				}
			}
		})
	}
}

func isLittle() bool { return binary.NativeEndian.Uint16([]byte{1, 0}) == 1 }

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// TestCopyRecordLargeFile crosses the mapping's warming and page-dropping
// steps with borrowed records pending across them, into a file through
// writev and through a plain writer, with a buffer small enough to split
// runs and large enough to hold references to dropped pages.
func TestCopyRecordLargeFile(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 2 x 20 MB")
	}
	file := variedFile(t, le, false, 50000) // about 20 MB
	if len(file) < 2*dropBehind {
		t.Fatalf("file of %d bytes too small for the test", len(file))
	}
	want := rewrite(t, file, WriterOptions{LinkType: 1})
	for _, size := range []int{4 << 10, 24 << 20} {
		r, err := NewFileReader(tempFile(t, file), ReaderOptions{})
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Join(t.TempDir(), "out.pcap")
		f, err := os.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		if n := copyThrough(t, r, f, WriterOptions{LinkType: 1, BufferSize: size}); n != 50000 {
			t.Errorf("%d records copied", n)
		}
		f.Close()
		r.Close()
		got, _ := os.ReadFile(name)
		if !bytes.Equal(got, want) {
			t.Errorf("buffer %d: output differs (%d / %d bytes)", size, len(got), len(want))
		}
	}
}

func TestWriteErrorFromFile(t *testing.T) {
	f, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skip("no /dev/full")
	}
	defer f.Close()
	w, err := NewWriter(f, WriterOptions{LinkType: 1})
	if err != nil {
		t.Fatal(err)
	}
	err = w.Close()
	var pe *os.PathError
	if !errors.As(err, &pe) || pe.Path != "/dev/full" || pe.Err.Error() != "no space left on device" {
		t.Errorf("got %v", err)
	}

	// With the buffer filling up, the error of a background write comes
	// back from a later write, and from Close.
	w, _ = NewWriter(f, WriterOptions{LinkType: 1, BufferSize: 4096})
	data := make([]byte, 1000)
	var werr error
	for i := 0; i < 100 && werr == nil; i++ {
		werr = w.WritePacket(CaptureInfo{Length: 1000}, data)
	}
	if !errors.As(werr, &pe) || pe.Err.Error() != "no space left on device" {
		t.Errorf("write: %v", werr)
	}
	if err := w.Close(); !errors.As(err, &pe) {
		t.Errorf("close: %v", err)
	}
}

// TestFileReaderTruncatedUnderneath: a file cut short by another process
// while mapped faults on the next access, which SetPanicOnFault turns
// into a panic the caller can recover from, as NewFileReader documents.
func TestFileReaderTruncatedUnderneath(t *testing.T) {
	f := tempFile(t, variedFile(t, le, false, 100))
	r, err := NewFileReader(f, ReaderOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if err := os.Truncate(f.Name(), 0); err != nil {
		t.Fatal(err)
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		p := recover()
		if _, ok := p.(interface{ Addr() uintptr }); !ok {
			t.Errorf("recovered %v, want a fault", p)
		}
	}()
	readEverything(r)
	t.Error("no fault")
}

// FuzzFileReader: reading a file through its mapping gives what reading
// it through a buffer gives, packets and errors alike, and passing its
// records through gives what encoding them anew gives.
func FuzzFileReader(f *testing.F) {
	f.Add(variedFile(f, le, false, 5))
	f.Add(variedFile(f, be, true, 5))
	f.Add(cat(pcapHeader(le, magicMicro, 2, 3, 40, 1), pcapRecord(le, 1, 2, 50, 20, make([]byte, 20)), pcapRecord(le, 1, 2, 50, 60, make([]byte, 50))))
	// One file for all the inputs: creating a file for each is slow.
	name := filepath.Join(f.TempDir(), "in.pcap")
	f.Fuzz(func(t *testing.T, file []byte) {
		sameResultIn(t, name, file, ReaderOptions{})
		r, err := NewFileReader(fileWith(t, name, file), ReaderOptions{})
		if err != nil {
			return
		}
		defer r.Close()
		opt := WriterOptions{LinkType: r.LinkType(), Snaplen: r.Snaplen(), Nanosecond: r.Nanosecond(), ByteOrder: r.ByteOrder()}
		if r.Format() != FormatPcap || r.LinkType() > 0xffff {
			return
		}
		var copied, encoded bytes.Buffer
		wc, _ := NewWriter(&copied, opt)
		we, _ := NewWriter(&encoded, opt)
		var ci CaptureInfo
		for {
			data, err := r.ReadPacket(&ci)
			if err != nil {
				break
			}
			errE := we.WritePacket(ci, data)
			ok, errC := wc.CopyRecord(r)
			if !ok && errC == nil {
				errC = wc.WritePacket(ci, data)
			}
			if (errE == nil) != (errC == nil) {
				t.Fatalf("WritePacket %v, CopyRecord %v", errE, errC)
			}
		}
		wc.Close()
		we.Close()
		if !bytes.Equal(copied.Bytes(), encoded.Bytes()) {
			t.Fatal("passed-through records differ from encoded ones")
		}
	})
}
