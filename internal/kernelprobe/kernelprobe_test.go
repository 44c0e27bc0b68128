//go:build linux

package kernelprobe

import (
	"fmt"
	"testing"
)

func TestNoBPFEnvSkipsTheProbe(t *testing.T) {
	t.Setenv(noBPFEnv, "1")
	if err := probe(); err == nil {
		t.Fatal("probe ran although " + noBPFEnv + "=1")
	}
}

func TestFilterAttach(t *testing.T) {
	// Either answer is legitimate; the test checks that the probe
	// returns (within Timeout) and says why when it fails.
	err := FilterAttach()
	t.Logf("FilterAttach: %v", err)
	if err != nil && err.Error() == "" {
		t.Error("failure without a reason")
	}
	if err2 := FilterAttach(); (err == nil) != (err2 == nil) {
		t.Errorf("second call disagrees: %v then %v", err, err2)
	}
}

func ExampleRequireFilterAttach() {
	// In a test that attaches a socket filter:
	//
	//	func TestCapture(t *testing.T) {
	//		kernelprobe.RequireFilterAttach(t)
	//		...
	//	}
	if err := FilterAttach(); err != nil {
		fmt.Println("skip:", err)
	}
}
