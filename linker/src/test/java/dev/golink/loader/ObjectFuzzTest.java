package dev.golink.loader;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.golink.Diagnostics;
import dev.golink.FuzzContract;
import dev.golink.goobj.PackageObject;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * The object reader on any bytes: a package object (header line, then a Go
 * 1.19 object) loaded into a loader, its symbols indexed, and every symbol's
 * name, data, relocations and aux symbols read, as the phases read them.
 * Seeded with the {@code _go_.o} of hello's main package for linux/amd64 from
 * golden/ ({@code ObjectFuzzTestInputs/}); fuzz it with {@code JAZZER_FUZZ=1}.
 */
class ObjectFuzzTest {

    private static final String WANT = PackageObject.expectedHeader("linux", "amd64", dev.golink.Experiments.baseline("amd64"), "go1.19.8");

    @FuzzTest(maxDuration = "10m")
    void anyObjectIsReadOrRefusedInWords(byte[] data) {
        try {
            Loader loader = new Loader(true, new Diagnostics());
            Library lib = new Library("main", Path.of("fuzz.o"), Path.of("fuzz.o"), "command line", "command line", 0);
            PackageObject po = PackageObject.read(ByteBuffer.wrap(data), "fuzz.o", WANT);
            loader.preload(lib, po.object(), "fuzz.o", Loader.SYM_VER_STATIC);
            loader.loadSyms();
            Relocs rs = loader.relocs();
            for (int s = 1; s < loader.nSym(); s++) {
                loader.symName(s);
                loader.symType(s);
                loader.symSize(s);
                loader.symAlign(s);
                loader.dataSize(s);
                loader.data(s);
                rs.reset(s);
                for (int j = 0; j < rs.count(); j++) {
                    rs.type(j);
                    rs.sym(j);
                    rs.add(j);
                    rs.off(j);
                    rs.siz(j);
                }
                for (int j = 0; j < loader.nAux(s); j++) {
                    loader.auxType(s, j);
                    loader.auxSym(s, j);
                }
            }
        } catch (Throwable t) {
            FuzzContract.check(t);
        }
    }
}
