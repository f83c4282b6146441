package dev.golink.cli;

import dev.golink.LinkException;
import dev.golink.LinkOptions;
import dev.golink.Linker;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar golink.jar [go tool link arguments]}: links as cmd/link does,
 * reading GOOS, GOARCH and the rest from the environment. Exit status 0 on
 * success, 2 on a bad command line or a failed link, as cmd/link's.
 * {@code size-diff OLD.json NEW.json} as the first arguments compares two size reports instead.
 */
public final class Main {

    /**
     * What one run did: its exit status, and the options of the link it ran (null when the
     * arguments asked only for a text, or could not be understood).
     */
    public record Outcome(int status, LinkOptions options) {
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err)
                .status());
    }

    /** Runs {@code go tool link}'s arguments as the command line would, in {@code cwd} with {@code env}. */
    public static Outcome run(List<String> args, Map<String, String> env, Path cwd, PrintStream out,
            PrintStream err) {
        if (!args.isEmpty() && args.get(0).equals(SizeDiffCommand.NAME)) {
            return new Outcome(SizeDiffCommand.run(args.subList(1, args.size()), cwd, out, err), null);
        }
        CommandLine.Invocation invocation;
        try {
            invocation = CommandLine.parse(args, env, cwd);
        } catch (java.nio.file.InvalidPathException e) {
            err.println("golink: cannot use the path \"" + e.getInput() + "\": the locale's character set ("
                    + System.getProperty("sun.jnu.encoding") + ") cannot hold it; run golink in a UTF-8 locale");
            return new Outcome(2, null);
        } catch (UsageException e) {
            err.println("golink: " + e.getMessage());
            err.print(CommandLine.usage());
            return new Outcome(2, null);
        } catch (LinkException e) {
            printGo(err, "golink: " + e.getMessage());
            return new Outcome(2, null);
        } catch (RuntimeException | StackOverflowError e) {
            err.println("golink: internal error reading the command line: " + (e.getMessage() == null
                    || e.getMessage().contains("java.") ? "a broken invariant" : e.getMessage()));
            return new Outcome(2, null);
        }
        if (invocation.isQuery()) {
            out.print(invocation.message());
            return new Outcome(0, null);
        }
        try {
            new Linker(out).link(invocation.options());
            return new Outcome(0, invocation.options());
        } catch (LinkException e) {
            printGo(err, e.isDiagnostics() ? e.getMessage() : "golink: " + e.getMessage());
            return new Outcome(e.exitStatus(), invocation.options());
        } catch (java.nio.file.InvalidPathException e) {
            err.println("golink: cannot use the path \"" + e.getInput() + "\": the locale's character set ("
                    + System.getProperty("sun.jnu.encoding") + ") cannot hold it; run golink in a UTF-8 locale");
            return new Outcome(2, invocation.options());
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            // Outside the phases (they report their own): still no Java class name or stack trace for the user.
            err.println("golink: internal error: " + (e.getMessage() == null || e.getMessage().contains("java.")
                    ? "a broken invariant" : e.getMessage()) + " (please report it, with the link's inputs)");
            return new Outcome(2, invocation.options());
        }
    }

    /** Prints a line as Go would: names from the inputs go out as the bytes they were, UTF-8 or not. */
    private static void printGo(PrintStream err, String line) {
        byte[] b = dev.golink.GoString.encode(line + "\n");
        err.write(b, 0, b.length);
        err.flush();
    }
}
