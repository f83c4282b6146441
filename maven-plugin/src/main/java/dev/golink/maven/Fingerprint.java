package dev.golink.maven;

import dev.golink.LinkOptions;
import dev.golink.Linker;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 over everything that decides a link's output: the options, the
 * environment, the linker itself, and the content (not the paths) of the
 * importcfg, every archive it names and the main archive. Content, because
 * {@code go build} hands the linker fresh temporary paths for unchanged inputs.
 */
final class Fingerprint {

    private Fingerprint() {
    }

    static String of(LinkOptions options, ImportConfig importcfg, String linkerIdentity) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append("linker ").append(linkerIdentity).append('\n');
        text.append("output ").append(options.output().toAbsolutePath()).append('\n');
        text.append("config ").append(options.config()).append('\n');
        text.append("buildmode ").append(options.buildMode()).append('\n');
        text.append("buildid ").append(options.buildId()).append('\n');
        text.append("s ").append(options.stripSymbols()).append(" w ").append(options.stripDwarf())
                .append(" compressdwarf ").append(options.compressDwarf()).append('\n');
        if (options.debugTramp() != 0) {
            text.append("debugtramp ").append(options.debugTramp()).append('\n');
        }
        for (String definition : options.definitions()) {
            text.append("X ").append(definition).append('\n');
        }
        if (options.reports().sizeReport() != null) {
            text.append("sizereport ").append(options.reports().sizeReport().toAbsolutePath()).append('\n');
        }
        text.append("main ").append(sha256(options.mainArchive())).append('\n');
        int archive = 0;
        for (int i = 0; i < importcfg.lines().size(); i++) {
            String line = importcfg.lines().get(i);
            if (archive < importcfg.archives().size() && importcfg.archives().get(archive).line() == i + 1) {
                ImportConfig.Archive a = importcfg.archives().get(archive++);
                line = "packagefile " + a.importPath() + "=sha256:" + sha256(a.file());
            }
            text.append("importcfg ").append(line).append('\n');
        }
        return sha256(text.toString());
    }

    /**
     * What identifies the linker's code: the hash of the jar it was loaded from,
     * so that a rebuilt SNAPSHOT linker relinks; or its class folder in a build of golink itself.
     */
    static String linkerIdentity() {
        CodeSource source = Linker.class.getProtectionDomain().getCodeSource();
        if (source == null) {
            return "unknown";
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return Files.isRegularFile(location) ? "jar sha256:" + sha256(location) : "classes " + location;
        } catch (URISyntaxException | IOException | IllegalArgumentException e) {
            return source.getLocation().toString();
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newDigest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(newDigest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException("no SHA-256 in this JVM", e));
        }
    }
}
