package io.leadflow.localstack.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * Warms a target up until its throughput is stable: load in slices of 5 s until the last four slices (20 s) are
 * within 5 % of each other, or the longest warm-up allowed has passed. A fresh JVM runs at a fraction of its steady
 * rate until the JIT has compiled its hot paths, which at a low rate takes minutes, not a fixed 20 s.
 */
final class WarmUp {

    static final Duration SLICE = Duration.ofSeconds(5);
    static final int STABLE_SLICES = 4;
    static final double MAX_SPREAD = 0.05;

    /** What a warm-up saw: leads per second of each slice, and whether the last ones were stable. */
    record Trace(List<Double> slices, boolean stable) {

        Trace {
            slices = List.copyOf(slices);
        }

        static Trace skipped() {
            return new Trace(List.of(), false);
        }

        Duration length() {
            return SLICE.multipliedBy(slices.size());
        }
    }

    private WarmUp() {
    }

    /** Load for one slice of time, giving the leads per second it reached. */
    @FunctionalInterface
    interface Load {
        double leadsPerSecond(Duration slice) throws InterruptedException;
    }

    /** Loads {@code uri} slice by slice until stable or {@code longest} passed; tells {@code onSlice} each rate. */
    static Trace run(LoadGenerator generator, URI uri, Duration longest, DoubleConsumer onSlice)
            throws InterruptedException {
        return run(slice -> generator.run(uri, slice).figures().leadsPerSecond(), longest, onSlice);
    }

    /** Runs {@code load} slice by slice until stable or {@code longest} passed; tells {@code onSlice} each rate. */
    static Trace run(Load load, Duration longest, DoubleConsumer onSlice) throws InterruptedException {
        List<Double> slices = new ArrayList<>();
        while (SLICE.multipliedBy(slices.size() + 1).compareTo(longest) <= 0) {
            double rate = load.leadsPerSecond(SLICE);
            slices.add(rate);
            onSlice.accept(rate);
            if (isStable(slices)) {
                return new Trace(slices, true);
            }
        }
        return new Trace(slices, false);
    }

    /** Whether the last four slices lie within 5 % of the fastest of them (and were not all zero). */
    static boolean isStable(List<Double> slices) {
        if (slices.size() < STABLE_SLICES) {
            return false;
        }
        List<Double> last = slices.subList(slices.size() - STABLE_SLICES, slices.size());
        double fastest = last.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        double slowest = last.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        return fastest > 0 && (fastest - slowest) / fastest <= MAX_SPREAD;
    }
}
