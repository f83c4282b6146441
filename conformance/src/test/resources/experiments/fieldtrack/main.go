// Field tracking (GOEXPERIMENT=fieldtrack): fields tagged go:"track" that the
// program uses are listed, with what reaches them, in the -k variable.
package main

var fieldTrackInfo string

type T struct {
	A int `go:"track"`
	B int `go:"track"` // tracked, used only by a function the link leaves out: not listed
	C int
	U
}

type U struct{}

// With field tracking, a method marked nointerface is not in the method set
// an interface assertion sees.
//
//go:nointerface
func (*U) Bad() {}

//go:noinline
func useA(t *T) int { return t.A }

// Never called: dead code, so its use of B is not the program's.
func useB(t *T) int { return t.B }

func main() {
	var i interface{} = new(T)
	if _, ok := i.(interface{ Bad() }); ok {
		panic("FAIL")
	}
	t := &T{}
	t.C = 3
	println(useA(t), t.C)
	print(fieldTrackInfo)
}
