// Command zlibvectors prints the SHA-256 of what Go's compress/zlib writes at
// BestSpeed (the level cmd/link compresses DWARF with) for a fixed set of inputs,
// one line per input: name, input length, SHA-256 of the compressed stream. The
// golink test GoZlibWriterTest builds the same inputs and expects the same hashes.
// Each argument NAME=PATH adds the file at PATH as the input named NAME.
package main

import (
	"bytes"
	"compress/zlib"
	"crypto/sha256"
	"fmt"
	"os"
	"strings"
)

// lcg returns n pseudo-random bytes: a 64-bit LCG, top byte of each state.
func lcg(n int, seed uint64) []byte {
	b := make([]byte, n)
	x := seed
	for i := range b {
		x = x*6364136223846793005 + 1442695040888963407
		b[i] = byte(x >> 56)
	}
	return b
}

// text returns n bytes of words drawn by the LCG from a small vocabulary: compressible, with varied matches.
func text(n int, seed uint64) []byte {
	words := []string{"runtime.", "main.", "go.info.", "type.", "func", "(*T).", "String", "0x", "\x00", "\x00\x00\x00\x00", "DW_TAG", "reflect", " ", "\n"}
	var buf bytes.Buffer
	x := seed
	for buf.Len() < n {
		x = x*6364136223846793005 + 1442695040888963407
		buf.WriteString(words[(x>>33)%uint64(len(words))])
	}
	return buf.Bytes()[:n]
}

func main() {
	type input struct {
		name string
		data []byte
	}
	var inputs []input
	for _, n := range []int{0, 1, 16, 17, 127, 128, 129, 1000, 65534, 65535, 65536, 65535*3 + 7, 300000} {
		inputs = append(inputs, input{fmt.Sprintf("random:%d", n), lcg(n, uint64(n)+1)})
		inputs = append(inputs, input{fmt.Sprintf("text:%d", n), text(n, uint64(n)+7)})
	}
	inputs = append(inputs, input{"zeros:1048576", make([]byte, 1<<20)})
	for _, arg := range os.Args[1:] {
		name, path, ok := strings.Cut(arg, "=")
		data, err := os.ReadFile(path)
		if !ok || err != nil {
			fmt.Fprintln(os.Stderr, "usage: zlibvectors [NAME=PATH ...]:", arg, err)
			os.Exit(1)
		}
		inputs = append(inputs, input{name, data})
	}
	for _, in := range inputs {
		var buf bytes.Buffer
		w, _ := zlib.NewWriterLevel(&buf, zlib.BestSpeed)
		w.Write(in.data)
		w.Close()
		fmt.Printf("%s\t%d\t%x\n", in.name, len(in.data), sha256.Sum256(buf.Bytes()))
	}
}
