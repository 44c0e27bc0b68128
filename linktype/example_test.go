package linktype_test

import (
	"fmt"

	"github.com/gocapdump/gocapdump/linktype"
)

func Example() {
	t, ok := linktype.NameToVal("en10mb")
	fmt.Println(ok, int(t))
	fmt.Printf("link-type %s (%s)\n", t, t.Description())

	// DLT_RAW is 12 on Linux but stored as LINKTYPE_RAW, 101, in savefiles.
	v, _ := linktype.Raw.Savefile()
	fmt.Println(v, linktype.FromSavefile(v))
	// Output:
	// true 1
	// link-type EN10MB (Ethernet)
	// 101 RAW
}

func ExampleAll() {
	for _, c := range linktype.All()[:3] {
		fmt.Printf("%s (%s)\n", c.Name, c.Description)
	}
	// Output:
	// NULL (BSD loopback)
	// EN10MB (Ethernet)
	// EN3MB (experimental Ethernet (3Mb/s))
}
