package dev.golink.loader;

import dev.golink.GoQuote;
import dev.golink.LinkException;
import dev.golink.LogFatalException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The link's {@code -importcfg} file (cf. cmd/link ld.readImportCfg): which
 * archive holds each package ({@code packagefile path=file}), shared-library
 * entries ({@code packageshlib}, recorded but unused: golink links statically),
 * and the module information ({@code modinfo "..."}) that becomes
 * {@code runtime.modinfo}. Relative file names are taken against the working
 * directory, as cmd/link opens them. What cmd/link cannot read ends the link as
 * its log.Fatalf does (exit status 1).
 */
public final class ImportConfig {

    /** The largest configuration read: go build's are some KiB; a bigger one is something else (/dev/zero). */
    static final int MAX_SIZE = 256 << 20;

    private final Map<String, Path> packageFile = new HashMap<>();
    private final Map<String, String> packageShlib = new HashMap<>();
    private byte[] modinfo;

    private ImportConfig() {
    }

    public static ImportConfig read(Path file, Path workingDir) throws LinkException {
        byte[] bytes;
        try (java.io.InputStream in = Files.newInputStream(workingDir.resolve(file))) {
            bytes = in.readNBytes(MAX_SIZE + 1);
        } catch (IOException e) {
            throw new LogFatalException("-importcfg: " + dev.golink.GoErrors.pathError("open", file.toString(), e));
        }
        if (bytes.length > MAX_SIZE) {
            throw new LinkException("-importcfg: " + file + " is larger than " + (MAX_SIZE >> 20)
                    + " MiB: not an import configuration");
        }
        return parse(bytes, file);
    }

    /** Reads a configuration's bytes; {@code file} names it in messages. */
    public static ImportConfig parse(byte[] bytes, Path file) throws LinkException {
        // Go writes the configuration's bytes as they are: the lines need not be UTF-8 (cmd/link takes any bytes).
        String text = dev.golink.GoString.decode(bytes);
        ImportConfig cfg = new ImportConfig();
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            int lineNum = n + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String verb;
            String args = "";
            int sp = line.indexOf(' ');
            if (sp < 0) {
                verb = line;
            } else {
                verb = line.substring(0, sp);
                args = line.substring(sp + 1).strip();
            }
            String before = "";
            String after = "";
            int eq = args.indexOf('=');
            if (eq >= 0) {
                before = args.substring(0, eq);
                after = args.substring(eq + 1);
            }
            switch (verb) {
                case "packagefile" -> {
                    if (before.isEmpty() || after.isEmpty()) {
                        throw new LogFatalException(file + ":" + lineNum
                                + ": invalid packagefile: syntax is \"packagefile path=filename\"");
                    }
                    if (after.indexOf('\0') >= 0) {
                        // No file name holds a NUL: cmd/link's open fails with EINVAL, here when the line is read.
                        throw new LinkException("cannot open file " + after + ": open " + after + ": invalid argument");
                    }
                    cfg.packageFile.put(before, Path.of(after)); // as named; the loader opens it against the folder
                }
                case "packageshlib" -> {
                    if (before.isEmpty() || after.isEmpty()) {
                        throw new LogFatalException(file + ":" + lineNum
                                + ": invalid packageshlib: syntax is \"packageshlib path=filename\"");
                    }
                    cfg.packageShlib.put(before, after);
                }
                case "modinfo" -> cfg.modinfo = GoQuote.unquote(args, file + ":" + lineNum + ": invalid modinfo");
                // cmd/link 1.19 knows no other verb (importmap is the compiler's): refuse it as it does.
                default -> throw new LogFatalException(file + ":" + lineNum + ": unknown directive " + GoQuote.quote(verb));
            }
        }
        return cfg;
    }

    /** The archive of {@code pkg}, or null when the configuration has none. */
    public Path packageFile(String pkg) {
        return packageFile.get(pkg);
    }

    /** The unquoted {@code modinfo} bytes (not necessarily UTF-8), or null. */
    public byte[] modinfo() {
        return modinfo == null ? null : modinfo.clone();
    }
}
