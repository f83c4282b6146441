// Package build holds what the build stamps into the program.
package build

// Commit is set with -X by the Maven build.
var Commit = "unknown"
