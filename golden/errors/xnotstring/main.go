// -X main.x=2 names a variable that is not a string: cmd/link refuses it.
package main

var x = 1

func main() {
	println(x)
}
