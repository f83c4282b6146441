package dev.golink.cli;

import dev.golink.LinkException;
import dev.golink.Linker;

import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar golink.jar [go tool link arguments]}: links as cmd/link does,
 * reading GOOS, GOARCH and the rest from the environment. Exit status 0 on
 * success, 1 on a failed link, 2 on a bad command line.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args)));
    }

    static int run(List<String> args) {
        CommandLine.Invocation invocation;
        try {
            invocation = CommandLine.parse(args, System.getenv(), Path.of("").toAbsolutePath());
        } catch (UsageException e) {
            System.err.println("golink: " + e.getMessage());
            System.err.print(CommandLine.usage());
            return 2;
        } catch (LinkException e) {
            System.err.println("golink: " + e.getMessage());
            return 2;
        }
        if (invocation.isQuery()) {
            System.out.print(invocation.message());
            return 0;
        }
        try {
            new Linker(System.out).link(invocation.options());
            return 0;
        } catch (LinkException e) {
            System.err.println("golink: " + e.getMessage());
            return 1;
        }
    }
}
