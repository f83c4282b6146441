/** The x86-64 backend. */
package dev.golink.arch.amd64;
