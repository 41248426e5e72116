package dev.herald.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.herald.it.HeraldServer;
import org.junit.jupiter.api.Test;

/**
 * A small run of the benchmark on this run's database, every scenario included, so that the
 * program behind the figures in docs/benchmarks.md keeps working. No time is asserted: the
 * machine is shared, and speed is what the full run reports.
 */
class DeliveryBenchmarkIT {

    @Test
    void aSmallRunOfEveryScenarioCompletes() throws Exception {
        Thread watchdog =
                DeliveryBenchmark.watchdog(DeliveryBenchmark.Options.smoke().timeLimit());
        DeliveryBenchmark.Figures figures = new DeliveryBenchmark(DeliveryBenchmark.Options.smoke())
                .run(HeraldServer.onPostgres() ? "PostgreSQL" : "H2", HeraldServer.ownDatabase("herald_bench_smoke"));
        watchdog.interrupt();
        assertTrue(figures.deliveredPerSecond() > 0, figures.toString());
        assertTrue(figures.p99() >= figures.p50() && figures.max() >= figures.p99(), figures.toString());
        assertTrue(figures.aloneP99() >= 0 && figures.besideP99() >= 0, figures.toString());
        assertTrue(figures.openAloneP99() > 0 && figures.openBesideP99() > 0, figures.toString());
        assertTrue(figures.ceilingPerSecond() > 0 && figures.ceilingBatchPerSecond() > 0, figures.toString());
        assertTrue(figures.batchPerSecond() > 0 && figures.historyPerSecond() > 0, figures.toString());
        assertTrue(
                figures.fanOutSeconds() > 0 && figures.bootSeconds() > 0 && figures.fastP99() >= 0, figures.toString());
    }
}
