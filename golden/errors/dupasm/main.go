// main.f is defined twice, in two assembly files: cmd/link refuses the duplicate.
package main

func f()

func main() {
	f()
}
