/** The AArch64 backend. */
package dev.golink.arch.arm64;
