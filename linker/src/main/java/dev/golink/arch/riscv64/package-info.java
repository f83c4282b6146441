/** The 64-bit RISC-V (riscv64) backend. */
package dev.golink.arch.riscv64;
