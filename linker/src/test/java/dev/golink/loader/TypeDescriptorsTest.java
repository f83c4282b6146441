package dev.golink.loader;

import dev.golink.GoldenInputs;
import dev.golink.Target;
import dev.golink.goobj.PackageObject;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Type descriptors of the runtime read for targets of both pointer sizes and byte orders. */
class TypeDescriptorsTest {

    @TempDir
    Path work;

    @ParameterizedTest
    @CsvSource({"linux,amd64,8,LITTLE_ENDIAN", "linux,mips,4,BIG_ENDIAN", "linux,s390x,8,BIG_ENDIAN",
        "linux,386,4,LITTLE_ENDIAN"})
    void readsRuntimeTypes(String goos, String goarch, int ptrSize, String order) throws Exception {
        Path inputs = GoldenInputs.unpack(new Target(goos, goarch), work);
        Loader ldr = new Loader(true, new dev.golink.Diagnostics());
        ldr.setArch(ptrSize, order.equals("BIG_ENDIAN") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        new LibraryLoader(ldr, ImportConfig.read(GoldenInputs.importcfg(inputs, "hello", work, Map.of()), inputs),
                List.of(), PackageObject.expectedHeader(goos, goarch,
                        dev.golink.Experiments.baseline(goarch), "go1.19.8"), inputs)
                .loadlib(GoldenInputs.mainArchive(inputs, "hello"));
        TypeDescriptors types = new TypeDescriptors(ldr);

        int str = ldr.lookup("type.string", 0);
        assertNotEquals(0, str);
        assertEquals(TypeDescriptors.KIND_STRING, types.kind(str));
        assertEquals(2L * ptrSize, types.size(str));
        assertEquals(ptrSize, types.ptrdata(str));
        assertEquals("string", new String(types.typeStr(str), StandardCharsets.UTF_8));

        // runtime._type: a struct whose first field is size, a uintptr at offset 0.
        int rtype = ldr.lookup("type.runtime._type", 0);
        assertEquals(TypeDescriptors.KIND_STRUCT, types.kind(rtype));
        assertEquals(types.commonSize(), types.size(rtype));
        assertTrue(types.structFieldCount(rtype) > 10);
        assertEquals("size", types.structFieldName(rtype, 0));
        assertEquals(0, types.structFieldOffset(rtype, 0));
        assertEquals(ldr.lookup("type.uintptr", 0), types.structFieldType(rtype, 0));
        assertEquals("ptrdata", types.structFieldName(rtype, 1));
        assertEquals(ptrSize, types.structFieldOffset(rtype, 1));
    }
}
