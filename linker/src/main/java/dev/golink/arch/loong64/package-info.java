/** The 64-bit LoongArch (loong64) backend. */
package dev.golink.arch.loong64;
