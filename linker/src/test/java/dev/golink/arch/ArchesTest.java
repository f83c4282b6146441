package dev.golink.arch;

import dev.golink.Target;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The registered targets: each spec's backend serves its GOARCH, and its container fits its GOOS. */
class ArchesTest {

    @Test
    void everySupportedTargetHasItsBackendAndContainer() {
        for (Target t : Target.SUPPORTED) {
            TargetSpec spec = Arches.spec(t);
            assertEquals(t, spec.target());
            assertEquals(t.goarch(), spec.backend().get().info().goarch(), t.toString());
            TargetSpec.Container want = switch (t.goos()) {
                case "darwin" -> TargetSpec.Container.MACHO;
                case "js" -> TargetSpec.Container.WASM;
                default -> TargetSpec.Container.ELF;
            };
            assertEquals(want, spec.container(), t.toString());
        }
    }

    @Test
    void reportsListLinuxFirstAndWasmLast() {
        assertEquals(new Target("linux", "amd64"), Target.SUPPORTED.get(0));
        assertEquals(new Target("js", "wasm"), Target.SUPPORTED.get(Target.SUPPORTED.size() - 1));
    }

    @Test
    void unsupportedTargetsHaveNoSpec() {
        assertNull(Arches.spec(new Target("linux", "riscv64")));
        assertNull(Arches.spec(new Target("windows", "amd64")));
    }
}
