/**
 * cmd/link's loader: finding packages ({@link dev.golink.loader.LibraryLoader},
 * {@link dev.golink.loader.ImportConfig}) and one global, int-indexed symbol table
 * over all loaded objects ({@link dev.golink.loader.Loader}).
 */
package dev.golink.loader;
