package io.jconntrack.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.Test;

/**
 * The benchmark's whole run on 10,000 entries, so that it cannot rot: every operation must produce a number (the
 * targets are for a million entries and are not asserted here). It leaves the global sysctls as they are, except
 * {@code nf_conntrack_max} when it is too small, which it restores.
 */
public class BenchmarkSmokeTest {
    @Test
    public void everyOperationProducesANumberOnTenThousandEntries() {
        String reason = "false".equals(System.getProperty("jconntrack.kernelTests"))
                ? "kernel tests disabled with -Djconntrack.kernelTests=false" : Benchmark.unavailableReason();
        if (reason != null) {
            System.out.println("SKIPPED benchmark smoke run: " + reason);
        }
        assumeTrue(reason, reason == null);
        String bucketsBefore = read("/proc/sys/net/netfilter/nf_conntrack_buckets");
        String maxBefore = read("/proc/sys/net/netfilter/nf_conntrack_max");
        String expectMaxBefore = read("/proc/sys/net/netfilter/nf_conntrack_expect_max");

        ByteArrayOutputStream text = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(text, true, StandardCharsets.UTF_8);
        Benchmark.Report report = new Benchmark(new Benchmark.Config(10_000, 1, 0, true), out).run();
        System.out.println(text.toString(StandardCharsets.UTF_8));

        assertEquals("11 rows, one per event burst (one creating thread, two), one expectation burst", 14,
                report.rows().size());
        for (Row r : report.rows()) {
            if (r.operation().startsWith("7 ") || r.operation().startsWith("9 ")) {
                assertTrue("events were received: " + r.note(), r.entries() > 0);
            }
            assertNotNull(r.operation() + " has no time", r.ours());
            assertTrue(r.operation() + " took " + r.ours(), r.ours() > 0 && r.ours() < 60);
            if (r.cli() != null) {
                assertTrue(r.operation() + " CLI took " + r.cli(), r.cli() > 0);
            }
        }
        assertTrue("operation 8 passes: " + report.rows(), report.rows().stream()
                .filter(r -> r.operation().startsWith("8 ")).findFirst().orElseThrow().note().startsWith("PASS"));
        assertEquals(9, report.targets().size());
        assertEquals("the run must leave nf_conntrack_buckets as it found it", bucketsBefore,
                read("/proc/sys/net/netfilter/nf_conntrack_buckets"));
        assertEquals("the run must restore nf_conntrack_max", maxBefore, read("/proc/sys/net/netfilter/nf_conntrack_max"));
        assertEquals("the run must restore nf_conntrack_expect_max", expectMaxBefore,
                read("/proc/sys/net/netfilter/nf_conntrack_expect_max"));
        assertTrue("the run must delete its namespace", text.toString(StandardCharsets.UTF_8).contains("deleted (exit 0)"));
    }

    private static String read(String path) {
        try {
            // procfs reports size 0; Files.readString would return only the first byte
            try (java.io.InputStream in = Files.newInputStream(Paths.get(path))) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
