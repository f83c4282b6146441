/** The 64-bit PowerPC (ppc64, ppc64le) backend. */
package dev.golink.arch.ppc64;
