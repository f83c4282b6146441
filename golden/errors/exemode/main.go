// -buildmode=exe where go build links position-independent executables: on android the
// runtime exports main.main to the dynamic loader, and an executable linked without the
// dynamic loader format has no .dynsym for it, so cmd/link refuses it. Elsewhere it links.
package main

func main() {
	println("exe")
}
