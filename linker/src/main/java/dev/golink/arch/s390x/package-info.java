/** The s390x (IBM z/Architecture) backend. */
package dev.golink.arch.s390x;
