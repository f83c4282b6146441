// Functions without bodies that no assembly defines (the empty .s file allows
// that), each called from two functions and twice from one: cmd/link names
// each (caller, undefined callee) pair once.
package main

func f1() int
func f2() int
func f3() int

//go:noinline
func a() int { return f1() + f2() + f1() }

//go:noinline
func b() int { return f2() + f3() }

func main() {
	println(a(), b())
}
