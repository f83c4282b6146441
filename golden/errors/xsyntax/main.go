// -X without "=value": cmd/link refuses the flag.
package main

var x = "x"

func main() {
	println(x)
}
