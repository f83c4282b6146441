package dev.golink.conformance.sweep;

import java.nio.file.Path;
import java.util.List;

/**
 * One program the sweep builds for every target.
 *
 * @param source   where it comes from: {@code goroot-test}, {@code std-tests}, or a module's folder
 * @param id       its name in reports: a test file's path under {@code $GOROOT/test}, a package path
 * @param kind     how it is built
 * @param location the test file, the module folder, or null for a standard package
 * @param pkg      the package to build ({@code go build PKG}, {@code go test -c PKG}), or null for a test file
 * @param recipe   a test file's recipe (flags, arguments, GOEXPERIMENT), or null
 * @param expected what a test file must print (its {@code .out} file, else nothing), or null when the
 *                 program is not run
 */
public record Program(String source, String id, Kind kind, Path location, String pkg, Recipe recipe,
                      byte[] expected) {

    /** How a program is built. */
    public enum Kind {
        /** A single test file, built alone in a folder of its own so that its build constraints apply. */
        TEST_FILE,
        /** A package's test binary, {@code go test -c}. */
        TEST_BINARY,
        /** A main package of a module, {@code go build}. */
        MAIN_PACKAGE
    }

    /** The program's arguments when run. */
    public List<String> args() {
        return recipe == null ? List.of() : recipe.args();
    }
}
