// Command hello is golink's bundled example: a Go module built by Maven.
package main

import (
	"fmt"

	"example.com/hello/greeting"
)

// version is set by the Maven build (-X main.version=...).
var version = "dev"

func main() {
	fmt.Printf("%s (version %s)\n", greeting.Hello("world"), version)
}
