// Package greet is the program's second package; the test edits its greeting.
package greet

// Greeting greets name.
func Greeting(name string) string {
	return "hello, " + name
}
