// Command sortvectors prints, for a fixed set of inputs with many equal keys,
// the order in which Go 1.19's sort.Sort leaves the elements: one line per
// input, name, length, SHA-256 of the resulting element ids (4 bytes each,
// little-endian). golink's GoSortTest builds the same inputs and expects the
// same orders, since cmd/link's output depends on how ties end up.
package main

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"sort"
)

type item struct{ key, id uint32 }

type byKey []item

func (s byKey) Len() int           { return len(s) }
func (s byKey) Less(i, j int) bool { return s[i].key < s[j].key }
func (s byKey) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

// keys makes n items whose keys come from an LCG reduced to `distinct` values,
// optionally ascending or descending runs to exercise the pivot hints.
func keys(n, distinct int, shape string) []item {
	s := make([]item, n)
	x := uint64(n*31 + distinct)
	for i := range s {
		x = x*6364136223846793005 + 1442695040888963407
		k := uint32(x>>33) % uint32(distinct)
		switch shape {
		case "ascending":
			k = uint32(i * distinct / n)
		case "descending":
			k = uint32((n - i) * distinct / n)
		case "sawtooth":
			k = uint32(i % distinct)
		}
		s[i] = item{k, uint32(i)}
	}
	return s
}

func main() {
	for _, shape := range []string{"random", "ascending", "descending", "sawtooth"} {
		for _, n := range []int{2, 7, 12, 13, 49, 50, 51, 100, 1000, 4097, 100000} {
			for _, distinct := range []int{1, 2, 3, 10, 1000} {
				s := keys(n, distinct, shape)
				sort.Sort(byKey(s))
				h := sha256.New()
				var b [4]byte
				for _, it := range s {
					binary.LittleEndian.PutUint32(b[:], it.id)
					h.Write(b[:])
				}
				fmt.Printf("%s/%d/%d\t%d\t%x\n", shape, n, distinct, n, h.Sum(nil))
			}
		}
	}
}
