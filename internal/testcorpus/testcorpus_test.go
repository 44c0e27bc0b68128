package testcorpus

import (
	"os"
	"testing"
)

func TestLookupMissing(t *testing.T) {
	if _, err := Lookup("no/such/corpus/file"); !os.IsNotExist(err) {
		t.Errorf("Lookup of a missing path: %v, want a not-exist error", err)
	}
}

func TestPathFindsCorpus(t *testing.T) {
	p := Dir(t, "libpcap")
	if fi, err := os.Stat(p); err != nil || !fi.IsDir() {
		t.Errorf("Dir(libpcap) = %q: %v", p, err)
	}
}
