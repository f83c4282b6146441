// Nosplit functions whose stack goes over the guard: cmd/link refuses them.
package main

// f's frame alone is over the limit.
//
//go:nosplit
//go:noinline
func f() byte {
	var buf [1000]byte
	buf[3] = 7
	return g(buf[:])
}

//go:noinline
func g(b []byte) byte { return b[3] }

// h's frame and k's together are over the limit.
//
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

// rec and rec2 call each other: an infinite cycle of nosplit calls.
//
//go:nosplit
//go:noinline
func rec(n int) int {
	if n == 0 {
		return 0
	}
	return rec2(n-1) + 1
}

//go:nosplit
//go:noinline
func rec2(n int) int {
	return rec(n)
}

// ind calls through a function value: an indirect call.
//
//go:nosplit
//go:noinline
func ind(fn func() int) int {
	var buf [780]byte
	buf[fn()] = 1
	return int(buf[3])
}

func main() {
	println(f(), h(3), rec(3), ind(func() int { return 2 }))
}
