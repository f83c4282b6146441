// Command hello is the smallest program of the golink conformance corpus.
package main

import "fmt"

func main() {
	fmt.Println("hello, world")
}
