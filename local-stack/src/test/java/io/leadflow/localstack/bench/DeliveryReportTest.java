package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeliveryReportTest {

    private static final ZonedDateTime STARTED = ZonedDateTime.of(2026, 11, 29, 3, 40, 53, 0, ZoneId.of("UTC"));
    private static final Machine MACHINE = new Machine(2, "Example CPU @ 2.10GHz",
            "OpenJDK 64-Bit Server VM 17.0.15+6", "Linux 6.1.0 (amd64)");
    private static final DeliveryOptions OPTIONS = new DeliveryOptions(List.of(500, 1000), Duration.ofSeconds(20),
            Duration.ofSeconds(60), 64, 256, true, false);
    private static final Figures BASELINE = new Figures(15_000, 3.0, 5.0, 9.5, 40.0, 0, 0);
    private static final WarmUp.Trace WARM_UP = new WarmUp.Trace(List.of(9_000.0, 14_800.0, 15_100.0, 15_000.0,
            14_900.0), true);

    private static final DeliveryRound STEP_500 = round("500/s", 500, 10_000, 9_950, 10_000, 230, 420, 40);
    private static final DeliveryRound STEP_1000 = round("1000/s", 1000, 21_000, 20_400, 21_000, 260, 900, 80);
    private static final DeliveryRound STEP_1000_LATE = round("1000/s", 1000, 20_000, 16_000, 19_000, 2_600, 9_000,
            256);
    private static final DeliveryRound ALONE = round("1000/s alone", 1000, 20_000, 19_800, 20_000, 255, 880, 78);
    private static final DeliveryRound BESIDE_CHEAP = round("1000/s + hanging 20/s", 1000, 20_000, 19_000, 20_000,
            270, 950, 180);
    private static final DeliveryRound BESIDE_COSTLY = round("1000/s + hanging 20/s", 1000, 20_000, 15_000, 20_000,
            400, 990, 256);

    @TempDir
    Path results;

    @Test
    void writesTheWholeReportOfARun() {
        assertThat(DeliveryReport.markdown(run(List.of(STEP_500, STEP_1000), BESIDE_CHEAP))).isEqualTo("""
                # Delivery benchmark, 2026-11-29 03:40 UTC

                **Throughput target MET: 1,020 completions/s sustained with p99 900 ms, 6.8 % of the bare intake baseline's 15,000 leads/s (target: at least 1,000/s with p99 under 1 s, at least 6 % of the baseline).**
                **Hanging-buyer target MET: the healthy buyer made 990 completions/s alone and 950 beside a hanging buyer, a cost of 4.0 % (target: under 10 %).**

                Written by `./leadflow bench delivery`: a benchmark on one machine, not a test. Leads are posted to
                intake, go through enhancement and delivery to a fake buyer that answers after 200 ms, and count
                as completed when their `LeadCompleted` reaches a read_committed consumer in the benchmark.

                ## Results

                | step | offered/s | submitted/s | intake p99 ms | non-2xx | errors | accepted | completed in step | completed | completions/s | p50 ms | p99 ms | max ms | in flight mean | in flight max |
                |---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | 500/s | 500 | 500 | 12.5 | 0 | 0 | 10,000 | 9,950 | 10,000 | 498 | 230 | 420 | 630 | 40 | 50 |
                | 1000/s | 1,000 | 1,000 | 12.5 | 0 | 0 | 21,000 | 20,400 | 21,000 | 1,020 | 260 | 900 | 1,350 | 80 | 100 |
                | 1000/s alone | 1,000 | 1,000 | 12.5 | 0 | 0 | 20,000 | 19,800 | 20,000 | 990 | 255 | 880 | 1,320 | 78 | 98 |
                | 1000/s + hanging 20/s | 1,000 | 1,000 | 12.5 | 0 | 0 | 20,000 | 19,000 | 20,000 | 950 | 270 | 950 | 1,425 | 180 | 225 |

                Completions/s: the step's leads whose `LeadCompleted` arrived while the step ran, per second;
                completed: those that arrived by the end of the drain. p50/p99/max: submit to completion. A step is
                sustained when every accepted lead completed and p99 stayed under 1 s.

                Bare intake baseline, same run: 15,000 leads/s, p99 9.50 ms, 0 non-2xx, 0 errors.

                ## Settings

                | setting | value |
                |---|---|
                | load steps | 500, 1000 leads/s offered, 20 s each, then up to 30 s for the step's leads to complete; \
                each step (and the warm-up) starts once every consumer group of the stack has read what was written \
                before it, waiting at most 5 minutes |
                | warm-up | the stack at 500 leads/s for 60 s, then up to 180 s for its leads to complete, before the first step; the baseline until stable, at most 60 s: 25 s, stable (9,000, 14,800, 15,100, 15,000, 14,900 leads/s) |
                | load generator | Java, in the benchmark's JVM (Netty, 64 kept-alive connections, each paced so that together they offer the step's rate) |
                | flow | `bench-delivery`: the intake benchmark's flow (every field of the lead typed, async source) with one recipient step (`custom.outbound.json`, timeout 5 s, one attempt) to the fake buyer, which the benchmark serves on a free loopback port |
                | latency | from sending the lead to intake to its `LeadCompleted` arriving at the benchmark |
                | in flight | delivery's `leadflow_delivery_in_flight` gauge, read every 500 ms during the step |
                | baseline | the bare intake baseline (parse JSON, acks=all send, answer) in a JVM of its own, 64 connections without pacing, one round of 20 s on the same broker |
                | hanging phase | the healthy buyer at 1000 leads/s (the best sustained step's rate, or the first step's when none was sustained) alone, then beside flow `bench-hanging`, whose buyer never answers before the step's 5 s timeout, at 20 leads/s |
                | stack | the benchmark's own, on free ports |

                ## Machine

                | | |
                |---|---|
                | cores | 2 |
                | CPU | Example CPU @ 2.10GHz |
                | JVM | OpenJDK 64-Bit Server VM 17.0.15+6 (every process of the run) |
                | OS | Linux 6.1.0 (amd64) |

                ## Notes

                - A short run: 20 s steps.
                """);
    }

    @Test
    void meetsTheTargetsOnlyWithEnoughSustainedCompletionsAndACheapHangingBuyer() {
        assertThat(DeliveryReport.verdicts(run(List.of(STEP_500, STEP_1000), BESIDE_CHEAP))).containsExactly(
                "Throughput target MET: 1,020 completions/s sustained with p99 900 ms, 6.8 % of the bare intake"
                        + " baseline's 15,000 leads/s (target: at least 1,000/s with p99 under 1 s, at least 6 % of"
                        + " the baseline).",
                "Hanging-buyer target MET: the healthy buyer made 990 completions/s alone and 950 beside a hanging"
                        + " buyer, a cost of 4.0 % (target: under 10 %).");
    }

    @Test
    void missesTheThroughputTargetWhenTheFastStepFallsBehind() {
        assertThat(DeliveryReport.verdicts(run(List.of(STEP_500, STEP_1000_LATE), BESIDE_COSTLY))).containsExactly(
                "Throughput target MISSED: 498 completions/s sustained with p99 420 ms, 3.3 % of the bare intake"
                        + " baseline's 15,000 leads/s (target: at least 1,000/s with p99 under 1 s, at least 6 % of"
                        + " the baseline).",
                "Hanging-buyer target MISSED: the healthy buyer made 990 completions/s alone and 750 beside a"
                        + " hanging buyer, a cost of 24.2 % (target: under 10 %).");
    }

    @Test
    void saysSoWhenNoStepWasSustained() {
        DeliveryRun run = new DeliveryRun(STARTED, MACHINE, OPTIONS, "own", BASELINE, WARM_UP,
                List.of(STEP_1000_LATE), Optional.empty(), List.of());
        assertThat(DeliveryReport.verdicts(run)).containsExactly("Throughput target MISSED: no step was sustained"
                + " (every accepted lead completed, p99 under 1 s); the bare intake baseline made 15,000 leads/s.");
    }

    @Test
    void writesTheReportUnderItsDate() throws IOException {
        DeliveryRun run = run(List.of(STEP_500), BESIDE_CHEAP);
        Path written = DeliveryReport.write(results, run);
        assertThat(written.getFileName()).hasToString("delivery-2026-11-29.md");
        assertThat(Files.readString(written)).isEqualTo(DeliveryReport.markdown(run));
    }

    private static DeliveryRun run(List<DeliveryRound> steps, DeliveryRound beside) {
        return new DeliveryRun(STARTED, MACHINE, OPTIONS, "the benchmark's own, on free ports", BASELINE, WARM_UP,
                steps, Optional.of(new DeliveryRun.HangingPhase(ALONE, beside, 20)),
                List.of("A short run: 20 s steps."));
    }

    /** A 20 s step whose leads all were accepted; {@code completed} of them completed by the end of the drain. */
    private static DeliveryRound round(String name, int rate, long accepted, long inWindow, long completed,
                                       double p50, double p99, double inFlight) {
        return new DeliveryRound(name, rate, new Figures(rate, 4.0, 8.0, 12.5, 60.0, 0, 0), accepted, inWindow,
                completed, Duration.ofSeconds(20), p50, p99, p99 * 1.5, inFlight, inFlight * 1.25);
    }
}
