package dev.golink.ld;

import dev.golink.LinkContext;
import dev.golink.loader.Loader;
import dev.golink.loader.SymbolBuilder;
import dev.golink.sym.SymKind;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The build information {@code go version} reads (cf. ld.(*Link).buildinfo):
 * go.buildinfo, a 32-byte header (magic, pointer size, endianness and the
 * pointer-free format flag) followed by the Go version and the module
 * information as length-prefixed strings, padded to 16 bytes; and
 * go.buildinfo.ref, a pointer to it from read-only data so that it is kept.
 */
public final class BuildInfo {

    private static final byte[] MAGIC = "\u00ff Go buildinf:".getBytes(StandardCharsets.ISO_8859_1);

    private BuildInfo() {
    }

    public static void run(LinkContext ctxt) {
        Loader ldr = ctxt.loader();
        SymbolBuilder s = ldr.createSymForUpdate("go.buildinfo", 0);
        s.setType(SymKind.SBUILDINFO);
        s.setAlign(16);
        ByteArrayOutputStream data = new ByteArrayOutputStream(64);
        data.writeBytes(MAGIC);
        data.write(ctxt.ptrSize());
        int flags = ctxt.byteOrder() == ByteOrder.BIG_ENDIAN ? 1 : 0;
        data.write(flags | 2); // 2: strings inline, no pointers
        while (data.size() < 32) {
            data.write(0);
        }
        appendString(data, ctxt.strdata.get("runtime.buildVersion"));
        appendString(data, ctxt.strdata.get("runtime.modinfo"));
        while (data.size() % 16 != 0) {
            data.write(0);
        }
        byte[] b = data.toByteArray();
        s.setData(b);
        s.setSize(b.length);

        SymbolBuilder ref = ldr.createSymForUpdate("go.buildinfo.ref", 0);
        ref.setType(SymKind.SRODATA);
        ref.setAlign(ctxt.ptrSize());
        ref.addAddr(s.sym());
    }

    private static void appendString(ByteArrayOutputStream out, byte[] s) {
        if (s == null) {
            s = new byte[0];
        }
        long v = s.length;
        while (v >= 0x80) {
            out.write((int) (v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
        out.writeBytes(s);
    }
}
