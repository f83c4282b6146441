/** The 64-bit XCOFF container of aix/ppc64 executables (cf. cmd/link xcoff.go). */
package dev.golink.xcoff;
