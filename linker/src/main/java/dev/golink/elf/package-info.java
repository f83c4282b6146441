/** The ELF container: section names, headers and notes, independent of the CPU. */
package dev.golink.elf;
