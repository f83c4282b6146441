// Package greeting says hello.
package greeting

// Hello greets who.
func Hello(who string) string { return "hello, " + who }
