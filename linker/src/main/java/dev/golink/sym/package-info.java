/**
 * The linker's vocabulary shared by its phases (cf. cmd/link's sym package):
 * symbol kinds, sections and segments.
 */
package dev.golink.sym;
