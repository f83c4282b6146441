// Command features exercises the parts of the Go runtime and standard library
// whose linking is most involved: goroutines, channels, select, defer/panic/recover,
// closures, maps, interfaces, generics, method values, reflection, time, sort,
// strconv, finalizers, init order and large static data.
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// version is set with -X main.version=... by the conformance variants.
var version = "dev"

var initOrder []string

var first = record("var first")

func record(s string) string {
	initOrder = append(initOrder, s)
	return s
}

func init() { record("init 1") }
func init() { record("init 2") }

type Shape interface {
	Area() float64
	Name() string
}

type Rect struct{ W, H float64 }
type Circle struct{ R float64 }

func (r Rect) Area() float64    { return r.W * r.H }
func (r Rect) Name() string     { return "rect" }
func (c *Circle) Area() float64 { return 3 * c.R * c.R }
func (c *Circle) Name() string  { return "circle" }

type Number interface {
	~int | ~int64 | ~float64
}

func Sum[T Number](xs []T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

type Stack[T any] struct{ items []T }

func (s *Stack[T]) Push(v T) { s.items = append(s.items, v) }
func (s *Stack[T]) Pop() (T, bool) {
	var zero T
	if len(s.items) == 0 {
		return zero, false
	}
	v := s.items[len(s.items)-1]
	s.items = s.items[:len(s.items)-1]
	return v, true
}

type Order struct {
	ID    int               `json:"id"`
	Items []string          `json:"items"`
	Price float64           `json:"price"`
	Tags  map[string]string `json:"tags,omitempty"`
	When  time.Time         `json:"when"`
}

func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nil"
	case int:
		return "int " + strconv.Itoa(x)
	case string:
		return "string " + strconv.Quote(x)
	case Shape:
		return fmt.Sprintf("shape %s %.1f", x.Name(), x.Area())
	case error:
		return "error " + x.Error()
	default:
		return fmt.Sprintf("other %T", x)
	}
}

func safeDiv(a, b int) (q int, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("recovered: %v", r)
		}
	}()
	return a / b, nil
}

func pipeline() int {
	src := make(chan int)
	sq := make(chan int, 4)
	go func() {
		for i := 1; i <= 10; i++ {
			src <- i
		}
		close(src)
	}()
	var wg sync.WaitGroup
	for w := 0; w < 3; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range src {
				sq <- v * v
			}
		}()
	}
	go func() { wg.Wait(); close(sq) }()
	total := 0
	for v := range sq {
		total += v
	}
	return total
}

func selectDemo() string {
	a := make(chan string, 1)
	b := make(chan string, 1)
	done := make(chan struct{})
	b <- "b"
	var got []string
	for len(got) < 2 {
		select {
		case s := <-a:
			got = append(got, s)
		case s := <-b:
			got = append(got, s)
			a <- "a"
		case <-done:
			return "done"
		case <-time.After(time.Second):
			return "timeout"
		}
	}
	return strings.Join(got, ",")
}

func counter() func() int {
	n := 0
	return func() int { n++; return n }
}

type resource struct{ name string }

func finalizers() string {
	ran := make(chan string, 1)
	func() {
		r := &resource{name: "tmp"}
		runtime.SetFinalizer(r, func(r *resource) { ran <- r.name })
	}()
	for i := 0; i < 20; i++ {
		runtime.GC()
		select {
		case n := <-ran:
			return "finalized " + n
		case <-time.After(10 * time.Millisecond):
		}
	}
	return "finalizer pending"
}

var errNotFound = errors.New("not found")

func main() {
	fmt.Println("version", version)
	fmt.Println("init order:", strings.Join(initOrder, ", "), first)

	shapes := []Shape{Rect{3, 4}, &Circle{2}, Rect{1, 1}}
	sort.Slice(shapes, func(i, j int) bool { return shapes[i].Area() < shapes[j].Area() })
	for _, s := range shapes {
		fmt.Println(describe(s))
	}
	fmt.Println(describe(42), describe("go"), describe(nil), describe(errNotFound), describe(1.5))

	fmt.Println("sum ints", Sum([]int{1, 2, 3, 4}), "sum floats", Sum([]float64{0.5, 0.25}))
	var st Stack[string]
	st.Push("x")
	st.Push("y")
	top, _ := st.Pop()
	fmt.Println("stack top", top)

	area := Rect{2, 5}.Area
	fmt.Println("method value", area())

	q, err := safeDiv(1, 0)
	fmt.Println("safeDiv", q, err)

	fmt.Println("pipeline", pipeline())
	fmt.Println("select", selectDemo())

	next := counter()
	next()
	next()
	fmt.Println("closure", next())

	m := map[string]int{}
	for _, w := range strings.Fields(bigText) {
		m[w]++
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Printf("%s=%d ", k, m[k])
	}
	fmt.Println()

	var x uint32
	for _, v := range bigTable {
		x ^= v
	}
	fmt.Println("table", len(bigTable), strconv.FormatUint(uint64(x), 16))

	o := Order{ID: 7, Items: []string{"a", "b"}, Price: 9.5, Tags: map[string]string{"k": "v"},
		When: time.Date(2019, 4, 9, 12, 0, 0, 0, time.UTC)}
	buf, err := json.Marshal(o)
	if err != nil {
		fmt.Println("json error", err)
		os.Exit(1)
	}
	fmt.Println(string(buf))
	var back Order
	if err := json.Unmarshal(buf, &back); err != nil {
		fmt.Println("json error", err)
		os.Exit(1)
	}
	fmt.Println("roundtrip", back.ID, back.Items, back.When.Format(time.RFC1123))

	d := 90 * time.Minute
	fmt.Println("duration", d, d.Hours(), strconv.FormatFloat(3.14159, 'e', 3, 64), strconv.Quote("tab\t"))
	fmt.Println(finalizers())
}
