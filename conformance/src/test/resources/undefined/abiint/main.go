// main.main calls, through go:linkname, runtime._rt0_amd64_linux: the entry
// point's assembly names it _rt0_amd64_linux, without the package, so nothing
// defines that name for any ABI and cmd/link says only that it is not defined.
package main

import _ "unsafe"

//go:linkname rt0 runtime._rt0_amd64_linux
func rt0()

func main() {
	rt0()
}
