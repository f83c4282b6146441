// Command hello greets its first argument (default: world) and names the target it was built for.
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	name := "world"
	if len(os.Args) > 1 {
		name = os.Args[1]
	}
	fmt.Printf("hello, %s, from %s/%s\n", name, runtime.GOOS, runtime.GOARCH)
}
