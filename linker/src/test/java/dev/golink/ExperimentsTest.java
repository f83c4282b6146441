package dev.golink;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GOEXPERIMENT read as Go 1.19's buildcfg reads it (the on-the-spot test checks the same against cmd/link). */
class ExperimentsTest {

    /** GOARCH; GOEXPERIMENT; the difference from the baseline; the enabled list. */
    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = ';', value = {
            "amd64; ''; ''; regabiwrappers,regabiargs",
            "arm; ''; ''; ''",
            "riscv64; ''; ''; regabiwrappers,regabiargs",
            "amd64; fieldtrack; fieldtrack; fieldtrack,regabiwrappers,regabiargs",
            "amd64; noregabi; ''; regabiwrappers,regabiargs",
            "amd64; none; ''; regabiwrappers,regabiargs",
            "arm; regabi,staticlockranking; staticlockranking; staticlockranking",
            "riscv64; noregabi; noregabiwrappers,noregabiargs; ''",
            "riscv64; none,fieldtrack; fieldtrack,noregabiwrappers,noregabiargs; fieldtrack",
            "riscv64; noregabi,regabiwrappers; noregabiargs; regabiwrappers",
            "386; heapminimum512kib,,unified,fieldtrack,nofieldtrack; unified,heapminimum512kib; unified,heapminimum512kib"})
    void parsesAsBuildcfg(String goarch, String goexperiment, String difference, String enabled) throws Exception {
        Experiments e = Experiments.parse(goarch, goexperiment);
        assertEquals(difference, e.difference());
        assertEquals(enabled, e.enabledList());
        assertEquals(difference.isEmpty() ? "go1.19.8" : "go1.19.8 X:" + difference, e.buildVersion("go1.19.8"));
    }

    @Test
    void baselineIsAnEmptyGoexperiment() throws Exception {
        for (String goarch : new String[] {"amd64", "arm", "riscv64", "wasm"}) {
            assertEquals(Experiments.parse(goarch, ""), Experiments.baseline(goarch));
        }
        assertTrue(Experiments.baseline("arm64").regabiWrappers());
        assertFalse(Experiments.baseline("mips").regabiWrappers());
        assertEquals("nofieldtrack,nopreemptibleloops,nostaticlockranking,noboringcrypto,nounified,"
                + "regabiwrappers,regabiargs,noheapminimum512kib", Experiments.baseline("ppc64le").all());
    }

    @ParameterizedTest(name = "{1} on {0}")
    @CsvSource(delimiter = ';', value = {
            "amd64; bogus; unknown GOEXPERIMENT bogus",
            "amd64; no; 'unknown GOEXPERIMENT '",
            "amd64; nonone; unknown GOEXPERIMENT none",
            "arm; FieldTrack; unknown GOEXPERIMENT FieldTrack",
            "riscv64; noregabiwrappers; GOEXPERIMENT regabiargs requires regabiwrappers"})
    void refusesAsBuildcfg(String goarch, String goexperiment, String message) {
        LinkException e = assertThrows(LinkException.class, () -> Experiments.parse(goarch, goexperiment));
        assertEquals(message, e.getMessage());
    }

    @Test
    void theConfigurationCarriesThem() throws Exception {
        BuildConfig c = BuildConfig.fromEnvironment(java.util.Map.of("GOARCH", "arm", "GOEXPERIMENT", "fieldtrack"));
        assertTrue(c.experiments().fieldTrack());
        assertFalse(BuildConfig.fromEnvironment(java.util.Map.of()).experiments().fieldTrack());
    }
}
