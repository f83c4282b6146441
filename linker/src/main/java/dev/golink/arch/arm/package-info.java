/** The 32-bit ARM (EABI) backend. */
package dev.golink.arch.arm;
