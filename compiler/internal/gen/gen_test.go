package gen

import (
	"testing"

	"github.com/gocapdump/gocapdump/compiler/internal/parse"
)

// listing drives the generator with calls, as the parser would, and
// returns the unoptimized program in tcpdump -d form.
func listing(t *testing.T, cfg Config, calls func(b parse.Builder) error) string {
	t.Helper()
	text, err := generateListing(cfg, calls)
	if err != nil {
		t.Fatal(err)
	}
	return text
}

func TestEmptyAcceptsAll(t *testing.T) {
	got := listing(t, Config{LinkType: dltEN10MB}, func(b parse.Builder) error { return b.Empty() })
	if want := "(000) ret      #262144\n"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestUnknownLinkType(t *testing.T) {
	_, err := Generate(Config{LinkType: 99999, Snaplen: 1}, func(b parse.Builder) error { return b.Empty() })
	if err == nil || err.Error() != "unknown data link type 99999" {
		t.Errorf("got %v", err)
	}
}
