package dev.golink.conformance;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.golink.Target;
import dev.golink.cli.Main;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A whole link on a damaged main package: hello for linux/amd64 from golden/,
 * its main archive replaced by the fuzzer's bytes, linked through the command
 * line in process. It must link or be refused with cmd/link's exit status (1
 * or 2) and a message that shows no Java, within a minute. Seeded with hello's
 * own main archive ({@code LinkFuzzTestInputs/}); fuzz it with
 * {@code JAZZER_FUZZ=1} (README.md).
 */
class LinkFuzzTest {

    private static Path dir;
    private static List<String> args;
    private static Map<String, String> env;
    private static Path main;
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(null, r, "link-fuzz", 64L << 20);
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    static void unpack() throws Exception {
        dir = Files.createTempDirectory("golink-linkfuzz-");
        GoldenCorpus.locate().unpackInputs(Target.parse("linux/amd64"), dir);
        args = new ArrayList<>(Files.readAllLines(dir.resolve("hello/link.args"), StandardCharsets.UTF_8));
        env = CaseRunner.readEnv(dir.resolve("env"));
        main = dir.resolve(args.get(args.size() - 1));
        args.set(args.indexOf("-o") + 1, dir.resolve("fuzz.out").toString());
    }

    @AfterAll
    static void clean() throws IOException {
        EXECUTOR.shutdownNow();
        CaseRunner.deleteTree(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void damagedMainPackageLinksOrIsRefusedInWords(byte[] data) throws Exception {
        Files.write(main, data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Future<Integer> link = EXECUTOR.submit(() -> Main.run(args, env, dir,
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .status());
        int status;
        try {
            status = link.get(60, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            link.cancel(true);
            fail("the link did not end within a minute");
            return;
        }
        String shown = err.toString(StandardCharsets.UTF_8) + out.toString(StandardCharsets.UTF_8);
        assertFalse(Mutations.JAVA_LEAK.matcher(shown).find(), shown);
        assertTrue(status == 0 || status == 1 || status == 2, "exit status " + status + ": " + shown);
        assertTrue(status == 0 || !shown.isBlank(), "refused without a word");
    }
}
