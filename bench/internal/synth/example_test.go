package synth_test

import (
	"fmt"

	"github.com/gocapdump/gocapdump/bench/internal/synth"
)

func Example() {
	g := synth.New(1)
	for i := 0; i < 3; i++ {
		ci, frame := g.Next()
		fmt.Println(ci.Sec-synth.StartTime, len(frame) >= 60)
	}
	// Output:
	// 0 true
	// 0 true
	// 0 true
}
