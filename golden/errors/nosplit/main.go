// A chain of nosplit calls whose frames together are over the stack guard:
// cmd/link refuses it and prints the chain.
package main

//go:nosplit
//go:noinline
func h(n int) int {
	var buf [400]byte
	buf[n] = 1
	return k(n) + int(buf[n])
}

//go:nosplit
//go:noinline
func k(n int) int {
	var buf [500]byte
	buf[n] = 1
	return int(buf[n^1])
}

func main() {
	println(h(3))
}
