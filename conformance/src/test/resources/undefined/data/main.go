// main.f has no body and no assembly defines it (the empty .s file allows
// that); only data refers to it: the func value that main.fp holds.
package main

func f() int

var fp = f

func main() {
	println(fp())
}
