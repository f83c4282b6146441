package dev.golink.maven;

import dev.golink.LinkException;
import dev.golink.Target;
import org.apache.maven.plugin.MojoExecutionException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Reads the {@code <targets>} parameter: {@code goos/goarch} entries, or the host's target when it is empty. */
final class Targets {

    private Targets() {
    }

    /**
     * Parses every entry, refusing a malformed, unknown or unsupported one with a
     * message that names {@code source}, where the entries came from ({@code <targets>} or
     * {@code -Dgolink.targets}). Duplicates are dropped; order is kept.
     * An empty list means the host's target ({@code osName}/{@code osArch} are the
     * JVM's {@code os.name} and {@code os.arch}).
     */
    static List<Target> parse(List<String> entries, String source, String osName, String osArch)
            throws MojoExecutionException {
        List<Target> targets = new ArrayList<>();
        if (entries != null) {
            for (String entry : entries) {
                // A property such as -Dgolink.targets="linux/amd64, js/wasm" may carry blanks.
                String text = entry == null ? "" : entry.strip();
                if (text.isEmpty()) {
                    continue;
                }
                Target target = parseOne(text, source);
                if (!targets.contains(target)) {
                    targets.add(target);
                }
            }
        }
        if (targets.isEmpty()) {
            targets.add(host(osName, osArch));
        }
        return targets;
    }

    private static Target parseOne(String text, String source) throws MojoExecutionException {
        Target target;
        try {
            target = Target.parse(text);
        } catch (LinkException e) {
            throw new MojoExecutionException(source + ": " + e.getMessage());
        }
        if (!target.isKnown()) {
            throw new MojoExecutionException(source + ": " + target + " is not a GOOS/GOARCH pair that Go 1.19 knows;"
                    + " golink links " + supported());
        }
        if (!target.isSupported()) {
            throw new MojoExecutionException(source + ": golink cannot link " + target
                    + ": remove it from " + source + "; golink links " + supported());
        }
        return target;
    }

    /** The target of the machine Maven runs on, as Go would name it. */
    static Target host(String osName, String osArch) throws MojoExecutionException {
        String name = osName.toLowerCase(Locale.ROOT);
        String goos = name.startsWith("linux") ? "linux"
                : name.startsWith("mac") || name.startsWith("darwin") ? "darwin"
                : name.startsWith("windows") ? "windows"
                : name.replace(" ", "");
        String goarch = switch (osArch.toLowerCase(Locale.ROOT)) {
            case "amd64", "x86_64" -> "amd64";
            case "x86", "i386", "i486", "i586", "i686" -> "386";
            case "aarch64", "arm64" -> "arm64";
            case "arm", "arm32" -> "arm";
            case "ppc64" -> "ppc64";
            case "ppc64le" -> "ppc64le";
            case "riscv64" -> "riscv64";
            case "loongarch64" -> "loong64";
            case "s390x" -> "s390x";
            case "mips" -> "mips";
            case "mipsel" -> "mipsle";
            case "mips64" -> "mips64";
            case "mips64el" -> "mips64le";
            default -> osArch;
        };
        Target target = new Target(goos, goarch);
        if (!target.isSupported()) {
            throw new MojoExecutionException("<targets> is empty, so golink would link for this machine (" + osName
                    + " " + osArch + " = " + target + "), which it cannot: list the targets in <targets>, from "
                    + supported());
        }
        return target;
    }

    private static String supported() {
        List<String> names = new ArrayList<>();
        for (Target t : Target.SUPPORTED) {
            names.add(t.toString());
        }
        return String.join(", ", names);
    }
}
