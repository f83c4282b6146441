/** The 32-bit MIPS (mips, mipsle) backend. */
package dev.golink.arch.mips;
