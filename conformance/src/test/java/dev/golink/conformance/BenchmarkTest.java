package dev.golink.conformance;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The statistics the benchmarks print. */
class BenchmarkTest {

    private static double[] oneTo(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[n - 1 - i] = i + 1; // unsorted on purpose
        }
        return v;
    }

    /** The order statistics of the binomial tables: n = 15 gives the 4th and 12th, n = 40 the 14th and 27th. */
    @Test
    void medianIntervalIsTheBinomialOrderStatistics() {
        assertArrayEquals(new double[] {4, 12}, Benchmark.medianInterval(oneTo(15)));
        assertArrayEquals(new double[] {14, 27}, Benchmark.medianInterval(oneTo(40)));
        assertArrayEquals(new double[] {1, 6}, Benchmark.medianInterval(oneTo(6)));
        assertNull(Benchmark.medianInterval(oneTo(5)), "5 values cannot give 95%");
    }
}
