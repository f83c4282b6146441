// Command greeter greets its first argument (default: world).
package main

import (
	"fmt"
	"os"

	"example.com/greeter/greet"
)

func main() {
	name := "world"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	fmt.Println(greet.Greeting(name))
}
