// main.main without a body (the empty .s file allows it): cmd/link says so in its
// own words, about the runtime's reference to it.
package main

func main()
