package parse

import "fmt"

// A bare number after "or" inherits the qualifiers of the term before it,
// so "tcp port 80 or 443" means "tcp port 80 or tcp port 443". The
// recorder used here logs each Builder call; qualifiers print as
// {proto dir addr}.
func ExampleParse() {
	r := &recorder{}
	if err := Parse("tcp port 80 or 443", r); err != nil {
		fmt.Println(err)
	}
	fmt.Println(r)
	// Output:
	// NCode  80 {6 0 3}
	//  -> #1
	// NCode  443 {6 0 3}
	//  -> #2
	// Or #1 #2 -> #3
	// Finish #3
}

func ExampleParse_error() {
	fmt.Println(Parse("port 10.0.0.1", &recorder{}))
	fmt.Println(Parse("host a and (", &recorder{}))
	// Output:
	// 'port' qualifier applied to IPv4 address
	// can't parse filter expression: syntax error
}
