// Package testenv holds the one rule for tests whose environment lacks
// something they need (root, a tool, a corpus, a working kernel feature):
// on a developer's machine they skip and say why; under CI=true, where the
// pipeline installs everything, a missing prerequisite is a failure, so a
// broken CI setup can never pass by skipping.
package testenv

import (
	"os"
	"os/exec"
	"testing"
)

// InCI reports whether the tests run in CI (CI=true).
func InCI() bool { return os.Getenv("CI") == "true" }

// Need stops the test when missing is not empty: t.Skip outside CI,
// t.Fatal under CI=true. missing says what is lacking and why it matters.
func Need(t testing.TB, missing string) {
	t.Helper()
	if missing == "" {
		return
	}
	if InCI() {
		t.Fatal(missing)
	}
	t.Skip(missing)
}

// RequireRoot stops the test unless it runs as root with iproute2's ip
// command: what the network-namespace tests need.
func RequireRoot(t testing.TB) {
	t.Helper()
	if os.Geteuid() != 0 {
		Need(t, "needs root (network namespaces, AF_PACKET)")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		Need(t, "needs iproute2's ip command")
	}
}

// Tool returns the path of the named program, or stops the test (see
// Need) when it is not installed.
func Tool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		Need(t, name+" not installed (make deps installs it)")
	}
	return path
}
