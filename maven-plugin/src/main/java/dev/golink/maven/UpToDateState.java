package dev.golink.maven;

import dev.golink.Target;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The up-to-date record kept in the output directory: for each target, the
 * fingerprint of its last successful link and the SHA-256 of the file it wrote.
 * A target is up to date when both still match, so a changed input, option or
 * linker, and a deleted or modified output, all cause a new link. A missing or
 * unreadable record only costs a link.
 *
 * <p>One line per target: {@code goos-goarch fingerprint output-sha256}.
 */
final class UpToDateState {

    static final String FILE_NAME = ".golink-state";

    private record Entry(String fingerprint, String outputHash) {
    }

    private final Path file;
    private final Map<String, Entry> entries = new TreeMap<>();

    private UpToDateState(Path file) {
        this.file = file;
    }

    /** Loads the record of {@code outputDirectory}, or an empty one. */
    static UpToDateState load(Path outputDirectory) {
        UpToDateState state = new UpToDateState(outputDirectory.resolve(FILE_NAME));
        List<String> lines;
        try {
            lines = Files.readAllLines(state.file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return state;
        }
        for (String line : lines) {
            String[] fields = line.strip().split(" ");
            if (fields.length == 3 && !line.startsWith("#")) {
                state.entries.put(fields[0], new Entry(fields[1], fields[2]));
            }
        }
        return state;
    }

    /** Whether {@code output} is what the last link of {@code target} with this {@code fingerprint} wrote. */
    synchronized boolean isUpToDate(Target target, String fingerprint, Path output) throws IOException {
        Entry entry = entries.get(target.fileName());
        return entry != null && entry.fingerprint().equals(fingerprint) && Files.isRegularFile(output)
                && entry.outputHash().equals(Fingerprint.sha256(output));
    }

    /** Records a successful link of {@code target} into {@code output} and saves the record. */
    synchronized void record(Target target, String fingerprint, Path output) throws IOException {
        entries.put(target.fileName(), new Entry(fingerprint, Fingerprint.sha256(output)));
        save();
    }

    /** Forgets {@code target} (before a link that might fail) and saves the record. */
    synchronized void forget(Target target) throws IOException {
        if (entries.remove(target.fileName()) != null) {
            save();
        }
    }

    private void save() throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("# golink-maven-plugin: the last successful link of each target (target fingerprint output-sha256)");
        entries.forEach((target, e) -> lines.add(target + " " + e.fingerprint() + " " + e.outputHash()));
        // Write then rename, so that an interrupted build never leaves half a record.
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.write(tmp, lines, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
