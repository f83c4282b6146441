package dev.golink.loader;

import dev.golink.goobj.GoArchive;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/** Builds damaged copies of real archives: members dropped, duplicated or rewritten. */
final class ArchiveEdit {

    record Member(String name, byte[] data) {
    }

    private ArchiveEdit() {
    }

    static List<Member> read(Path archive) throws Exception {
        GoArchive ar = GoArchive.open(archive);
        List<Member> out = new ArrayList<>();
        for (GoArchive.Member m : ar.members()) {
            ByteBuffer b = ar.slice(m);
            byte[] data = new byte[b.limit()];
            b.get(0, data);
            out.add(new Member(m.name(), data));
        }
        return out;
    }

    static Path write(Path file, List<Member> members) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("!<arch>\n".getBytes(StandardCharsets.US_ASCII));
        for (Member m : members) {
            String header = String.format("%-16s%-12s%-6s%-6s%-8s%-10d`\n", m.name(), "0", "0", "0", "644", m.data().length);
            out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(m.data());
            if ((m.data().length & 1) != 0) {
                out.write('\n');
            }
        }
        Files.write(file, out.toByteArray());
        return file;
    }

    /** Replaces the first occurrence of {@code from} by {@code to} (same length) in a member. */
    static UnaryOperator<byte[]> replace(String from, String to) {
        return data -> {
            byte[] f = from.getBytes(StandardCharsets.ISO_8859_1);
            byte[] t = to.getBytes(StandardCharsets.ISO_8859_1);
            byte[] copy = data.clone();
            outer:
            for (int i = 0; i + f.length <= copy.length; i++) {
                for (int k = 0; k < f.length; k++) {
                    if (copy[i + k] != f[k]) {
                        continue outer;
                    }
                }
                System.arraycopy(t, 0, copy, i, t.length);
                return copy;
            }
            throw new IllegalArgumentException(from + " not found");
        };
    }
}
