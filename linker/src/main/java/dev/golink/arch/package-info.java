/**
 * Architecture backends: {@link dev.golink.arch.ArchInfo} holds the facts,
 * {@link dev.golink.arch.Arch} the behaviour; one sub-package per architecture.
 */
package dev.golink.arch;
