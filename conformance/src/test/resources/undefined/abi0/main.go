// An assembly function calls fmt.Println, which Go code defines for ABIInternal only:
// cmd/link names the ABI the reference needs and the one defined.
package main

import "fmt"

func callsPrintln()

func main() {
	fmt.Println("x")
	callsPrintln()
}
