// Package testcorpus finds the shared reference corpora for tests.
//
// The corpora live in ../shared beside the repository (CI puts them
// there). On a machine without them the tests that need them skip, except
// under CI=true, where a missing corpus is a failure.
package testcorpus

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/gocapdump/gocapdump/internal/testenv"
)

// Dir returns the directory of the named corpus ("libpcap", "tcpdump",
// "big") under ../shared/corpus, or skips the test when it is absent.
func Dir(t testing.TB, name string) string {
	t.Helper()
	return Path(t, filepath.Join("corpus", name))
}

// Path returns a path under ../shared (e.g. "research/bpf_asm_corpus.txt")
// or skips the test when it is absent.
func Path(t testing.TB, rel string) string {
	t.Helper()
	p, err := Lookup(rel)
	if err == nil {
		return p
	}
	testenv.Need(t, fmt.Sprintf("shared corpus %s not found (../shared beside the repository): %v", rel, err))
	return ""
}

// Lookup returns a path under ../shared, or an error when it is absent.
// It is for code that runs outside a test's control, such as a helper
// that merely uses a corpus file when there is one; tests that need the
// file call Path, which applies the skip-or-fail rule.
func Lookup(rel string) (string, error) {
	root, err := moduleRoot()
	if err != nil {
		return "", fmt.Errorf("module root: %w", err)
	}
	p := filepath.Join(root, "..", "shared", rel)
	if _, err := os.Stat(p); err != nil {
		return "", err
	}
	return p, nil
}

// moduleRoot walks up from the working directory to the directory that
// holds go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", os.ErrNotExist
		}
		dir = parent
	}
}
