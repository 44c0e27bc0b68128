//go:build !linux

package bpfcheck

import (
	"testing"

	"golang.org/x/net/bpf"
)

// kernelOracle is only available on Linux.
func kernelOracle(testing.TB) func([]bpf.RawInstruction) (accepted, ok bool) { return nil }
