package io.leadflow.localstack.bench;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

/**
 * One run of the benchmark, as its report tells it: when and where it ran, how, how each target warmed up, what each
 * round measured, and notes on anything that makes its figures less comparable.
 *
 * @param stack        which stack intake ran in, in words
 * @param bodyBytesMin the smallest lead body the run posts, in bytes
 * @param bodyBytesMax the largest lead body the run posts, in bytes
 */
record BenchRun(ZonedDateTime startedAt, Machine machine, BenchOptions options, URI intake, URI baseline,
                String stack, int bodyBytesMin, int bodyBytesMax, Map<Target, WarmUp.Trace> warmUps,
                List<Measurement> measurements, List<String> notes) {

    BenchRun {
        warmUps = Map.copyOf(warmUps);
        measurements = List.copyOf(measurements);
        notes = List.copyOf(notes);
    }

    Comparison comparison() {
        return Comparison.of(measurements);
    }
}
