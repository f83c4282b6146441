/** The 32-bit x86 backend. */
package dev.golink.arch.x86;
