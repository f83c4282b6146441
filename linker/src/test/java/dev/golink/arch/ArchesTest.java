package dev.golink.arch;

import dev.golink.BuildConfig;
import dev.golink.Target;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The registered targets: each spec's backend serves its GOARCH, and its container fits its GOOS. */
class ArchesTest {

    @Test
    void everySupportedTargetHasItsBackendAndContainer() throws Exception {
        for (Target t : Target.SUPPORTED) {
            TargetSpec spec = Arches.spec(t);
            assertEquals(t, spec.target());
            BuildConfig config = BuildConfig.fromEnvironment(Map.of("GOOS", t.goos(), "GOARCH", t.goarch()));
            assertEquals(t.goarch(), spec.backend(config).info().goarch(), t.toString());
            TargetSpec.Container want = switch (t.goos()) {
                case "darwin", "ios" -> TargetSpec.Container.MACHO;
                case "js" -> TargetSpec.Container.WASM;
                case "windows" -> TargetSpec.Container.PE;
                case "aix" -> TargetSpec.Container.XCOFF;
                case "plan9" -> TargetSpec.Container.PLAN9;
                default -> TargetSpec.Container.ELF;
            };
            assertEquals(want, spec.container(), t.toString());
        }
    }

    @Test
    void reportsListLinuxFirst() {
        assertEquals(new Target("linux", "amd64"), Target.SUPPORTED.get(0));
        int firstOther = Target.SUPPORTED.indexOf(Target.SUPPORTED.stream().filter(t -> !t.goos().equals("linux"))
                .findFirst().orElseThrow());
        assertTrue(Target.SUPPORTED.subList(firstOther, Target.SUPPORTED.size()).stream()
                .noneMatch(t -> t.goos().equals("linux")));
    }

    @Test
    void aixReservesRoomForTheXcoffHeadersAndPutsTextAboveFourGiB() {
        TargetSpec aix = Arches.spec(new Target("aix", "ppc64"));
        assertEquals(1856, aix.headr()); // 24 + 120 + 23 * 72, rounded to 64
        assertEquals(0x100000000L + 1856, aix.textAddr());
        assertEquals(64, aix.round());
        assertEquals(2, aix.stackGuardMultiplier());
        assertEquals(1, Arches.spec(new Target("linux", "ppc64")).stackGuardMultiplier());
    }

    @Test
    void gomipsPicksTheFloatingPointAbiElfRecords() throws Exception {
        Target mips = new Target("linux", "mips");
        BuildConfig soft = BuildConfig.fromEnvironment(Map.of("GOOS", "linux", "GOARCH", "mips", "GOMIPS", "softfloat"));
        BuildConfig hard = BuildConfig.fromEnvironment(Map.of("GOOS", "linux", "GOARCH", "mips"));
        assertEquals(3, Arches.spec(mips).backend(soft).elfMipsFpAbi());
        assertEquals(1, Arches.spec(mips).backend(hard).elfMipsFpAbi());
        assertEquals(0, Arches.spec(new Target("linux", "mips64")).backend(hard).elfMipsFpAbi());
    }

    @Test
    void elfTargetsCarryTheirOperatingSystemsFacts() {
        for (Target t : Target.SUPPORTED) {
            TargetSpec spec = Arches.spec(t);
            if (spec.container() == TargetSpec.Container.ELF) {
                assertEquals(t.goos(), spec.elfOs().goos(), t.toString());
                assertEquals(4096, spec.headr(), t.toString());
            } else {
                assertNull(spec.elfOs(), t.toString());
            }
        }
        // The OS/ABI bytes, notes and stack headers cmd/link writes (cf. asmbElf).
        assertEquals(9, ElfOs.FREEBSD.osabi());
        assertEquals(2, ElfOs.NETBSD.osabi());
        assertEquals(12, ElfOs.OPENBSD.osabi());
        assertEquals(0, ElfOs.DRAGONFLY.osabi());
        assertEquals(12, ElfOs.NETBSD.ident().payloadSize());
        assertEquals(12, ElfOs.OPENBSD.ident().payloadSize());
        assertEquals(2, ElfOs.LINUX.stackPhdrs().size());
        assertEquals(1, ElfOs.FREEBSD.stackPhdrs().size());
        assertEquals("go-openbsd", ElfOs.OPENBSD.defaultBuildId());
        // Android is Linux to cmd/link's ELF writer; its loader and PIE are the spec's.
        assertEquals(0, ElfOs.ANDROID.osabi());
        assertEquals(ElfOs.LINUX.stackPhdrs(), ElfOs.ANDROID.stackPhdrs());
    }

    @Test
    void androidLinksPieInternallyWithItsOwnLoaderAndNoTlsg() {
        TargetSpec android = Arches.spec(new Target("android", "arm64"));
        assertEquals("/system/bin/linker64", android.interpreter());
        assertEquals(0x10000 + 4096, android.textAddr());
        assertTrue(android.linksPieInternally());
        assertFalse(android.makesTlsg());
        assertFalse(android.pie()); // -buildmode=exe stays exe: go build asks for pie
        TargetSpec linux = Arches.spec(new Target("linux", "arm64"));
        assertFalse(linux.linksPieInternally());
        assertTrue(linux.makesTlsg());
        assertTrue(Arches.spec(new Target("windows", "amd64")).linksPieInternally());
    }

    @Test
    void unsupportedTargetsHaveNoSpec() {
        assertNull(Arches.spec(new Target("android", "386"))); // cmd/link links it externally only
    }

    /** ppc64 and riscv64 name a trampoline with the addend as Go's %+x; no golden call has a negative one. */
    @Test
    void trampolineNamesCarryASignedAddend() {
        assertEquals("f-tramp0", Arch.trampolineNameWithAddend("f", 0, 0));
        assertEquals("f+10-tramp1", Arch.trampolineNameWithAddend("f", 16, 1));
        assertEquals("f-10-tramp2", Arch.trampolineNameWithAddend("f", -16, 2));
    }
}
