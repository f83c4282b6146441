/**
 * cmd/link's dead-code elimination ({@link dev.golink.deadcode.Deadcode}) and the
 * check that everything reachable is defined ({@link dev.golink.deadcode.UndefinedSymbols}).
 */
package dev.golink.deadcode;
