// main.f has no body and no assembly defines it (the empty .s file keeps the
// compiler from asking for one): cmd/link finds the reference undefined.
package main

func f() int

func main() {
	println(f())
}
