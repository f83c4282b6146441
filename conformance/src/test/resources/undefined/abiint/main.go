// main.main calls, through go:linkname, an assembly function of the runtime
// that exists for ABI0 only (the entry point).
package main

import _ "unsafe"

//go:linkname rt0 runtime._rt0_amd64_linux
func rt0()

func main() {
	rt0()
}
