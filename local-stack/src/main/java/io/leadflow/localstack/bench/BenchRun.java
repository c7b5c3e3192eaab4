package io.leadflow.localstack.bench;

import java.net.URI;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One run of the benchmark, as its report tells it: when and where it ran, how, what each round measured, and
 * notes on anything that makes its figures less comparable.
 *
 * @param stackStartedHere whether the benchmark started the stack itself (else it used a running one)
 * @param bodyBytesMin     the smallest lead body the run posts, in bytes
 * @param bodyBytesMax     the largest lead body the run posts, in bytes
 */
record BenchRun(ZonedDateTime startedAt, Machine machine, BenchOptions options, URI intake, URI baseline,
                boolean stackStartedHere, int bodyBytesMin, int bodyBytesMax, List<Measurement> measurements,
                List<String> notes) {

    BenchRun {
        measurements = List.copyOf(measurements);
        notes = List.copyOf(notes);
    }

    Comparison comparison() {
        return Comparison.of(measurements);
    }
}
