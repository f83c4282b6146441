// Command asm exercises standard packages whose speed comes from per-architecture
// assembly: crypto/sha256, crypto/aes, math/big, hash/crc32, compress/flate and
// bytes.Index.
package main

import (
	"bytes"
	"compress/flate"
	"crypto/aes"
	"crypto/cipher"
	"crypto/sha256"
	"fmt"
	"hash/crc32"
	"io"
	"math/big"
	"strings"
)

func main() {
	data := []byte(strings.Repeat("golink links Go programs. ", 100))

	fmt.Printf("sha256 %x\n", sha256.Sum256(data))
	fmt.Printf("crc32 ieee %08x castagnoli %08x\n",
		crc32.ChecksumIEEE(data), crc32.Checksum(data, crc32.MakeTable(crc32.Castagnoli)))

	key := []byte("0123456789abcdef0123456789abcdef")
	block, err := aes.NewCipher(key)
	if err != nil {
		panic(err)
	}
	gcm, err := cipher.NewGCM(block)
	if err != nil {
		panic(err)
	}
	nonce := make([]byte, gcm.NonceSize())
	sealed := gcm.Seal(nil, nonce, data[:64], nil)
	fmt.Printf("aes-gcm %x\n", sealed[len(sealed)-16:])
	opened, err := gcm.Open(nil, nonce, sealed, nil)
	fmt.Println("aes-gcm open", err == nil && bytes.Equal(opened, data[:64]))

	f := new(big.Int).MulRange(1, 50)
	p := new(big.Int).Exp(big.NewInt(2), big.NewInt(127), nil)
	p.Sub(p, big.NewInt(1))
	fmt.Println("50!", f)
	fmt.Println("2^127-1 prime", p.ProbablyPrime(20))
	q, r := new(big.Int).QuoRem(f, p, new(big.Int))
	fmt.Println("quorem", q, r)

	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	w.Write(data)
	w.Close()
	compressed := buf.Len()
	out, _ := io.ReadAll(flate.NewReader(&buf))
	fmt.Println("flate", len(data), "->", compressed, "roundtrip", bytes.Equal(out, data))

	fmt.Println("index", bytes.Index(data, []byte("programs. golink")), bytes.LastIndex(data, []byte("links")),
		bytes.IndexByte(data, 'G'), strings.Count(string(data), "Go"))
}
