package main

import (
	"fmt"
	_ "unsafe"
)

//go:linkname libc_write libc_write
var libc_write uintptr

// A pointer in data to an import: cmd/link adds a RELATIVE dynamic relocation for it.
var p = &libc_write

func main() { fmt.Println(p != nil) }
