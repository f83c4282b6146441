package main

import (
	"fmt"
	"runtime"

	"example.com/app/internal/build"
)

var version = "dev"

func main() {
	fmt.Printf("app %s (%s) on %s/%s\n", version, build.Commit, runtime.GOOS, runtime.GOARCH)
}
