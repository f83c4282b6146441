/** The 64-bit MIPS (mips64, mips64le) backend. */
package dev.golink.arch.mips64;
