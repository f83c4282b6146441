/** The 64-bit ARM backend. */
package dev.golink.arch.arm64;
