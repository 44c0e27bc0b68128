package pcapfile

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"testing/iotest"
)

// Hand-built files. Each helper appends in the given byte order.

func pcapHeader(o binary.ByteOrder, magic uint32, major, minor uint16, snaplen, linktype uint32) []byte {
	b := make([]byte, 24)
	o.PutUint32(b[0:], magic)
	o.PutUint16(b[4:], major)
	o.PutUint16(b[6:], minor)
	o.PutUint32(b[16:], snaplen)
	o.PutUint32(b[20:], linktype)
	return b
}

func pcapRecord(o binary.ByteOrder, sec, frac, caplen, length uint32, data []byte) []byte {
	b := make([]byte, 16, 16+len(data))
	o.PutUint32(b[0:], sec)
	o.PutUint32(b[4:], frac)
	o.PutUint32(b[8:], caplen)
	o.PutUint32(b[12:], length)
	return append(b, data...)
}

func ngBlock(o binary.ByteOrder, btype uint32, body []byte) []byte {
	body = append(body, zeroPad[:pad4(len(body))]...)
	total := uint32(12 + len(body))
	b := make([]byte, 8, total)
	o.PutUint32(b[0:], btype)
	o.PutUint32(b[4:], total)
	b = append(b, body...)
	return append(b, u32(o, total)...)
}

func u32(o binary.ByteOrder, v uint32) []byte {
	b := make([]byte, 4)
	o.PutUint32(b, v)
	return b
}

func ngSHB(o binary.ByteOrder, major, minor uint16) []byte {
	body := make([]byte, 16)
	o.PutUint32(body[0:], byteOrderMagic)
	o.PutUint16(body[4:], major)
	o.PutUint16(body[6:], minor)
	o.PutUint64(body[8:], ^uint64(0))
	return ngBlock(o, blockSHB, body)
}

type ngOpt struct {
	code uint16
	val  []byte
}

func ngIDB(o binary.ByteOrder, lt uint16, snaplen uint32, opts ...ngOpt) []byte {
	body := make([]byte, 8)
	o.PutUint16(body[0:], lt)
	o.PutUint32(body[4:], snaplen)
	for _, op := range opts {
		body = appendOption(body, o, op.code, op.val)
	}
	return ngBlock(o, blockIDB, body)
}

func ngEPB(o binary.ByteOrder, ifid uint32, ts uint64, caplen, length uint32, data []byte) []byte {
	body := make([]byte, 20)
	o.PutUint32(body[0:], ifid)
	o.PutUint32(body[4:], uint32(ts>>32))
	o.PutUint32(body[8:], uint32(ts))
	o.PutUint32(body[12:], caplen)
	o.PutUint32(body[16:], length)
	return ngBlock(o, blockEPB, append(body, data...))
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

var (
	le = binary.LittleEndian
	be = binary.BigEndian
)

func packets(t *testing.T, file []byte, opt ReaderOptions) ([]CaptureInfo, [][]byte, error) {
	t.Helper()
	r, err := NewReaderOptions(bytes.NewReader(file), opt)
	if err != nil {
		return nil, nil, err
	}
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

func TestPcapVariants(t *testing.T) {
	payload := []byte("abcdefgh")
	for _, tc := range []struct {
		name     string
		o        binary.ByteOrder
		magic    uint32
		major    uint16
		minor    uint16
		kuz      bool
		wantNsec int64
		swapLens bool
	}{
		{"micro-le", le, magicMicro, 2, 4, false, 123000, false},
		{"micro-be", be, magicMicro, 2, 4, false, 123000, false},
		{"nano-le", le, magicNano, 2, 4, false, 123, false},
		{"nano-be", be, magicNano, 2, 4, false, 123, false},
		{"v2.2-swapped-lengths", le, magicMicro, 2, 2, false, 123000, true},
		{"dgux-543.0", be, magicMicro, 543, 0, false, 123000, true},
		{"kuznetzov-le", le, magicKuznetzov, 2, 4, true, 123000, false},
		{"kuznetzov-be", be, magicKuznetzov, 2, 4, true, 123000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			file := pcapHeader(tc.o, tc.magic, tc.major, tc.minor, 65535, 1)
			for i := 0; i < 3; i++ {
				caplen, length := uint32(len(payload)), uint32(100+i)
				if tc.swapLens {
					caplen, length = length, caplen
				}
				rec := pcapRecord(tc.o, 1000+uint32(i), 123, caplen, length, nil)
				if tc.kuz {
					rec = append(rec, 0, 0, 0, 7, 8, 0, 0, 0) // ifindex, protocol, pkt_type, pad
				}
				file = append(append(file, rec...), payload...)
			}
			cis, datas, err := packets(t, file, ReaderOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if len(cis) != 3 {
				t.Fatalf("%d packets", len(cis))
			}
			for i, ci := range cis {
				if ci.Sec != int64(1000+i) || ci.Nsec != tc.wantNsec || ci.Length != 100+i || ci.LinkType != 1 || string(datas[i]) != string(payload) {
					t.Errorf("packet %d: %+v %q", i, ci, datas[i])
				}
			}
		})
	}
}

func TestPcapV23MaybeSwapped(t *testing.T) {
	file := cat(pcapHeader(le, magicMicro, 2, 3, 65535, 1),
		pcapRecord(le, 1, 0, 4, 60, []byte("abcd")), // normal order
		pcapRecord(le, 2, 0, 60, 4, []byte("efgh"))) // old order: caplen > len
	cis, datas, err := packets(t, file, ReaderOptions{})
	if err != nil || len(cis) != 2 {
		t.Fatal(cis, err)
	}
	for i, ci := range cis {
		if ci.CaptureLength != 4 || ci.Length != 60 || len(datas[i]) != 4 {
			t.Errorf("packet %d: %+v", i, ci)
		}
	}
}

func TestPcapOverSnapshot(t *testing.T) {
	// caplen above the file's snaplen but below the sane maximum: keep
	// the first snaplen bytes, skip the rest.
	for _, bufSize := range []int{0, minBufferSize} {
		big := bytes.Repeat([]byte{0xaa}, 10000)
		file := cat(pcapHeader(le, magicMicro, 2, 4, 100, 1),
			pcapRecord(le, 1, 0, uint32(len(big)), uint32(len(big)), big),
			pcapRecord(le, 2, 0, 3, 3, []byte("xyz")))
		cis, datas, err := packets(t, file, ReaderOptions{BufferSize: bufSize})
		if err != nil || len(cis) != 2 {
			t.Fatal(cis, err)
		}
		if cis[0].CaptureLength != 100 || len(datas[0]) != 100 || cis[0].Length != 10000 || string(datas[1]) != "xyz" {
			t.Errorf("got %+v", cis)
		}
	}
}

func TestPcapErrors(t *testing.T) {
	hdr := pcapHeader(le, magicMicro, 2, 4, 65535, 1)
	for _, tc := range []struct {
		name string
		file []byte
		want string
	}{
		{"empty", nil, "truncated dump file; tried to read 4 file header bytes, only got 0"},
		{"short magic", []byte{0xd4, 0xc3}, "truncated dump file; tried to read 4 file header bytes, only got 2"},
		{"unknown magic", []byte("hello world, this is text"), "unknown file format"},
		{"short header", hdr[:10], "truncated dump file; tried to read 24 file header bytes, only got 6"},
		{"version", pcapHeader(le, magicMicro, 3, 0, 65535, 1), "unsupported pcap savefile version 3.0"},
		{"reserved", pcapHeader(be, magicMicro, 2, 4, 65535, 0x00300001), "savefile linktype reserved field not zero (0x00300000)"},
		{"short record header", cat(hdr, make([]byte, 10)),
			"truncated dump file; tried to read 16 header bytes, only got 10 (reading packet 1, record at byte offset 24)"},
		{"short data", cat(hdr, pcapRecord(le, 0, 0, 100, 100, make([]byte, 40))),
			"truncated dump file; tried to read 100 captured bytes, only got 40 (reading packet 1, record at byte offset 24)"},
		{"huge caplen", cat(hdr, pcapRecord(le, 0, 0, 0x30303030, 100, nil)),
			"invalid packet capture length 808464432, bigger than snaplen of 65535 (reading packet 1, record at byte offset 24)"},
		{"caplen above maximum", cat(pcapHeader(le, magicMicro, 2, 4, 0x7fffffff, 1), pcapRecord(le, 0, 0, 300000, 300000, nil)),
			"invalid packet capture length 300000, bigger than maximum of 262144"},
		{"over snapshot, short", cat(pcapHeader(le, magicMicro, 2, 4, 100, 1), pcapRecord(le, 0, 0, 1000, 1000, make([]byte, 50))),
			"truncated dump file; tried to read 100 captured bytes, only got 50"},
		{"over snapshot, short tail", cat(pcapHeader(le, magicMicro, 2, 4, 100, 1), pcapRecord(le, 0, 0, 1000, 1000, make([]byte, 150))),
			"truncated dump file; tried to read 1000 captured bytes, only got 150"},
		{"second record", cat(hdr, pcapRecord(le, 0, 0, 2, 2, []byte("ab")), pcapRecord(le, 0, 0, 2, 2, []byte("a"))),
			"truncated dump file; tried to read 2 captured bytes, only got 1 (reading packet 2, record at byte offset 42)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := packets(t, tc.file, ReaderOptions{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
			var fe *FormatError
			if !errors.As(err, &fe) {
				t.Fatalf("%T is not a FormatError", err)
			}
		})
	}
}

func TestReadError(t *testing.T) {
	file := cat(pcapHeader(le, magicMicro, 2, 4, 65535, 1), pcapRecord(le, 0, 0, 100, 100, make([]byte, 100)))
	boom := errors.New("boom")
	r, err := NewReader(io.MultiReader(bytes.NewReader(file[:50]), iotest.ErrReader(boom)))
	if err != nil {
		t.Fatal(err)
	}
	_, _, err = r.ReadPacketData()
	if !errors.Is(err, boom) || !strings.Contains(err.Error(), "error reading dump file: boom") {
		t.Fatalf("got %v", err)
	}
	// Truncation wraps io.ErrUnexpectedEOF.
	r, _ = NewReader(bytes.NewReader(file[:50]))
	if _, _, err = r.ReadPacketData(); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Fatalf("got %v", err)
	}
}

func TestOneByteReads(t *testing.T) {
	var buf bytes.Buffer
	w, _ := NewWriter(&buf, WriterOptions{Format: FormatPcapNG, LinkType: 1})
	for i := 0; i < 20; i++ {
		w.WritePacket(CaptureInfo{Sec: int64(i)}, bytes.Repeat([]byte{byte(i)}, i*7))
	}
	w.Close()
	r, err := NewReaderOptions(iotest.OneByteReader(bytes.NewReader(buf.Bytes())), ReaderOptions{BufferSize: 1})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		data, ci, err := r.ZeroCopyReadPacketData()
		if err == io.EOF {
			if i != 20 {
				t.Fatalf("%d packets", i)
			}
			break
		}
		if err != nil || ci.Sec != int64(i) || len(data) != i*7 {
			t.Fatalf("packet %d: %+v %v", i, ci, err)
		}
	}
}

func TestPcapNGBlocks(t *testing.T) {
	for _, o := range []binary.ByteOrder{le, be} {
		t.Run(fmt.Sprint(o), func(t *testing.T) {
			spb := make([]byte, 4)
			o.PutUint32(spb, 6)
			spb = append(spb, "simple"...)
			pb := make([]byte, 20)
			o.PutUint16(pb[0:], 1)
			o.PutUint32(pb[8:], 5000000)
			o.PutUint32(pb[12:], 3)
			o.PutUint32(pb[16:], 3)
			pb = append(pb, "old"...)
			tsoff := make([]byte, 8)
			o.PutUint64(tsoff, 100)
			file := cat(
				ngSHB(o, 1, 0),
				ngBlock(o, 0x0bad, []byte("skip me")), // unknown block before the IDB
				ngIDB(o, 1, 128, ngOpt{optIfName, []byte("eth0")}, ngOpt{optIfTSResol, []byte{9}}, ngOpt{optIfTSOffset, tsoff}, ngOpt{0, nil}),
				ngIDB(o, 101, 0, ngOpt{optIfTSResol, []byte{0x80 | 20}}), // 2^-20 s
				ngEPB(o, 0, 1_500_000_123, 4, 60, []byte("abcd")),
				ngBlock(o, 5, make([]byte, 12)), // interface statistics
				ngEPB(o, 1, 3<<20|1<<19, 2, 2, []byte("xy")),
				ngBlock(o, blockSPB, spb),
				ngBlock(o, blockPB, pb),
			)
			cis, datas, err := packets(t, file, ReaderOptions{})
			if err != nil {
				t.Fatal(err)
			}
			want := []CaptureInfo{
				{Sec: 101, Nsec: 500000123, CaptureLength: 4, Length: 60, InterfaceIndex: 0, LinkType: 1},
				{Sec: 3, Nsec: 500000000, CaptureLength: 2, Length: 2, InterfaceIndex: 1, LinkType: 101},
				{Sec: 100, Nsec: 0, CaptureLength: 6, Length: 6, InterfaceIndex: 0, LinkType: 1},
				{Sec: 4, Nsec: 768371582, CaptureLength: 3, Length: 3, InterfaceIndex: 1, LinkType: 101},
			}
			wantData := []string{"abcd", "xy", "simple", "old"}
			if len(cis) != len(want) {
				t.Fatalf("got %d packets: %+v", len(cis), cis)
			}
			for i := range want {
				if cis[i] != want[i] || string(datas[i]) != wantData[i] {
					t.Errorf("packet %d: got %+v %q, want %+v %q", i, cis[i], datas[i], want[i], wantData[i])
				}
			}
			_, _, err = packets(t, file, ReaderOptions{StrictLibpcap: true})
			if err == nil || !strings.Contains(err.Error(), "an interface has a type 101 different from the type of the first interface") {
				t.Errorf("strict: %v", err)
			}
		})
	}
}

func TestPcapNGSections(t *testing.T) {
	file := cat(
		ngSHB(le, 1, 0), ngIDB(le, 1, 0), ngEPB(le, 0, 1, 1, 1, []byte("a")),
		ngSHB(be, 1, 2), ngIDB(be, 1, 0), ngEPB(be, 0, 2, 1, 1, []byte("b")),
		ngSHB(be, 1, 0), ngIDB(be, 228, 0), ngEPB(be, 0, 3, 1, 1, []byte("c")),
	)
	cis, datas, err := packets(t, file, ReaderOptions{})
	if err != nil || len(cis) != 3 {
		t.Fatal(cis, err)
	}
	if string(datas[0])+string(datas[1])+string(datas[2]) != "abc" || cis[2].LinkType != 228 || cis[1].Nsec != 2000 {
		t.Errorf("%+v", cis)
	}
	_, _, err = packets(t, file, ReaderOptions{StrictLibpcap: true})
	if err == nil {
		t.Errorf("strict mode read a file with a byte-order change")
	}
	// Same byte order, strict mode: a section change is fine.
	file = cat(ngSHB(le, 1, 0), ngIDB(le, 1, 0), ngEPB(le, 0, 1, 1, 1, []byte("a")),
		ngSHB(le, 1, 0), ngIDB(le, 1, 0), ngEPB(le, 0, 2, 1, 1, []byte("b")))
	if cis, _, err := packets(t, file, ReaderOptions{StrictLibpcap: true}); err != nil || len(cis) != 2 {
		t.Errorf("strict: %v %v", cis, err)
	}
}

func TestPcapNGErrors(t *testing.T) {
	shb := ngSHB(le, 1, 0)
	idb := ngIDB(le, 1, 0)
	badTrailer := ngEPB(le, 0, 0, 1, 1, []byte("a"))
	badTrailer[len(badTrailer)-1] = 0x30
	epbShort := ngBlock(le, blockEPB, make([]byte, 8))
	for _, tc := range []struct {
		name string
		file []byte
		opt  ReaderOptions
		want string
	}{
		{"not pcapng", []byte("\n\r\r\nhello there"), ReaderOptions{}, "unknown file format"},
		{"short shb", []byte("\n\r\r\n\x00\x00"), ReaderOptions{}, "unknown file format"},
		{"shb length", cat(shb[:4], le.AppendUint32(nil, 20), shb[8:]), ReaderOptions{}, "Section Header Block in pcapng dump file has invalid length 28 < _20_ < 1048576 (BT_SHB_INSANE_MAX)"},
		{"shb truncated", shb[:20], ReaderOptions{}, "truncated pcapng dump file; tried to read 16 bytes, only got 8"},
		{"version", ngSHB(le, 2, 0), ReaderOptions{}, "unsupported pcapng savefile version 2.0"},
		{"no idb", shb, ReaderOptions{}, "the capture file has no Interface Description Blocks"},
		{"packet first", cat(shb, ngEPB(le, 0, 0, 1, 1, []byte("a"))), ReaderOptions{}, "the capture file has a packet block before any Interface Description Blocks"},
		{"block too small", cat(shb, le.AppendUint32(le.AppendUint32(nil, 1), 8)), ReaderOptions{}, "block in pcapng dump file has a length of 8 < 12"},
		{"block not multiple of 4", cat(shb, le.AppendUint32(le.AppendUint32(nil, 1), 13)), ReaderOptions{}, "block in pcapng dump file has a length of 13 that is not a multiple of 4"},
		{"block too big", cat(shb, le.AppendUint32(le.AppendUint32(nil, 1), 0x7ffffff0)), ReaderOptions{}, "pcapng block size 2147483632 > maximum 16777216"},
		{"block header truncated", cat(shb, idb, []byte{6, 0, 0}), ReaderOptions{}, "truncated pcapng dump file; tried to read 8 bytes, only got 3 (reading packet 1, record at byte offset 48)"},
		{"block truncated", cat(shb, idb, ngEPB(le, 0, 0, 1, 1, []byte("a"))[:20]), ReaderOptions{}, "truncated pcapng dump file; tried to read 28 bytes, only got 12"},
		{"trailer", cat(shb, idb, badTrailer), ReaderOptions{}, "block total length in header 36 and trailer 805306404 don't match"},
		{"epb too short", cat(shb, idb, epbShort), ReaderOptions{}, "block of type 6 in pcapng dump file is too short"},
		{"epb data too short", cat(shb, idb, ngEPB(le, 0, 0, 100, 100, []byte("a"))), ReaderOptions{}, "block of type 6 in pcapng dump file is too short"},
		{"unknown interface", cat(shb, idb, ngEPB(le, 3, 0, 1, 1, []byte("a"))), ReaderOptions{}, "a packet arrived on interface 3, but there's no Interface Description Block for that interface"},
		{"caplen", cat(shb, ngIDB(le, 1, 10), ngEPB(le, 0, 0, 11, 11, make([]byte, 11))), ReaderOptions{}, "invalid packet capture length 11, bigger than snaplen of 10"},
		{"idb too short", cat(shb, ngBlock(le, blockIDB, []byte{1, 0, 0})), ReaderOptions{}, "block of type 1 in pcapng dump file is too short"},
		{"idb option cut", cat(shb, ngIDB(le, 1, 0, ngOpt{optIfName, make([]byte, 8)})[:0], ngBlock(le, blockIDB, append(make([]byte, 8), 2, 0, 40, 0))), ReaderOptions{}, "block of type 1 in pcapng dump file is too short"},
		{"endofopt length", cat(shb, ngBlock(le, blockIDB, append(make([]byte, 8), 0, 0, 4, 0, 0, 0, 0, 0))), ReaderOptions{}, "Interface Description Block has opt_endofopt option with length 4 != 0"},
		{"tsresol length", cat(shb, ngIDB(le, 1, 0, ngOpt{optIfTSResol, []byte{6, 6}})), ReaderOptions{}, "Interface Description Block has if_tsresol option with length 2 != 1"},
		{"tsresol twice", cat(shb, ngIDB(le, 1, 0, ngOpt{optIfTSResol, []byte{6}}, ngOpt{optIfTSResol, []byte{6}})), ReaderOptions{}, "Interface Description Block has more than one if_tsresol option"},
		{"tsresol binary", cat(shb, ngIDB(le, 1, 0, ngOpt{optIfTSResol, []byte{0x80 | 64}})), ReaderOptions{}, "Interface Description Block if_tsresol option resolution 2^-64 is too high"},
		{"tsresol decimal", cat(shb, ngIDB(le, 1, 0, ngOpt{optIfTSResol, []byte{20}})), ReaderOptions{}, "Interface Description Block if_tsresol option resolution 10^-20 is too high"},
		{"tsoffset length", cat(shb, ngIDB(le, 1, 0, ngOpt{optIfTSOffset, []byte{1}})), ReaderOptions{}, "Interface Description Block has if_tsoffset option with length 1 != 8"},
		{"tsoffset twice", cat(shb, ngIDB(le, 1, 0, ngOpt{optIfTSOffset, make([]byte, 8)}, ngOpt{optIfTSOffset, make([]byte, 8)})), ReaderOptions{}, "Interface Description Block has more than one if_tsoffset option"},
		{"strict snaplen", cat(shb, idb, ngIDB(le, 1, 1000)), ReaderOptions{StrictLibpcap: true}, "an interface has a snapshot length 1000 different from the snapshot length of the first interface"},
		{"bad bom", cat(shb, idb, ngBlock(le, blockSHB, make([]byte, 16))), ReaderOptions{}, "the file has a section with a bad byte order magic field"},
		{"new section major", cat(shb, idb, ngSHB(le, 2, 0)), ReaderOptions{}, "unknown pcapng savefile major version number 2"},
		{"new section without idb", cat(shb, idb, ngSHB(le, 1, 0), ngEPB(le, 0, 0, 1, 1, []byte("a"))), ReaderOptions{}, "a packet arrived on interface 0, but there's no Interface Description Block for that interface"},
		{"shb too short", cat(shb, idb, ngBlock(le, blockSHB, make([]byte, 4))), ReaderOptions{}, "block of type 168627466 in pcapng dump file is too short"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := packets(t, tc.file, tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want %q", err, tc.want)
			}
		})
	}
}

// TestTruncatedEverywhere cuts valid files at every length: reading must
// end in io.EOF or a FormatError, never a panic.
func TestTruncatedEverywhere(t *testing.T) {
	for _, format := range []Format{FormatPcap, FormatPcapNG} {
		var buf bytes.Buffer
		w, _ := NewWriter(&buf, WriterOptions{Format: format, LinkType: 1})
		for i := 0; i < 4; i++ {
			w.WritePacket(CaptureInfo{Sec: 1}, make([]byte, 13*i))
		}
		w.Close()
		file := buf.Bytes()
		for n := 0; n < len(file); n++ {
			_, _, err := packets(t, file[:n], ReaderOptions{})
			var fe *FormatError
			if err != nil && !errors.As(err, &fe) {
				t.Fatalf("%v cut at %d: %T %v", format, n, err, err)
			}
		}
	}
}

// TestLyingLengthAllocation: a record that claims far more data than the
// file holds must not make the reader allocate the claimed size.
func TestLyingLengthAllocation(t *testing.T) {
	file := cat(pcapHeader(le, magicMicro, 2, 4, 128<<20, 231), pcapRecord(le, 0, 0, 100<<20, 100<<20, make([]byte, 1000)))
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for i := 0; i < 10; i++ {
		r, err := NewReaderOptions(bytes.NewReader(file), ReaderOptions{BufferSize: minBufferSize})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := r.ZeroCopyReadPacketData(); err == nil {
			t.Fatal("no error")
		}
	}
	runtime.ReadMemStats(&after)
	if per := (after.TotalAlloc - before.TotalAlloc) / 10; per > 64<<10 {
		t.Fatalf("%d bytes allocated for a 1 KB file", per)
	}
}

func TestZeroCopyAllocations(t *testing.T) {
	var buf bytes.Buffer
	for _, format := range []Format{FormatPcap, FormatPcapNG} {
		buf.Reset()
		w, _ := NewWriter(&buf, WriterOptions{Format: format, LinkType: 1})
		for i := 0; i < 1000; i++ {
			w.WritePacket(CaptureInfo{Sec: int64(i)}, make([]byte, 60+i%100))
		}
		w.Close()
		r, err := NewReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		var ci CaptureInfo
		avg := testing.AllocsPerRun(900, func() {
			if _, err := r.ReadPacket(&ci); err != nil {
				t.Fatal(err)
			}
		})
		if avg != 0 {
			t.Errorf("%v: %v allocations per packet", format, avg)
		}
	}
}
