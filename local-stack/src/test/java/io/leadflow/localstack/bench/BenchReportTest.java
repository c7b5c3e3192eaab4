package io.leadflow.localstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static final ZonedDateTime STARTED = ZonedDateTime.of(2025, 11, 28, 23, 59, 7, 0, ZoneId.of("UTC"));
    private static final Machine MACHINE = new Machine(2, "Example CPU @ 2.10GHz",
            "OpenJDK 64-Bit Server VM 17.0.15+6", "Linux 6.1.0 (amd64)");
    private static final List<Measurement> QUIET_ROUNDS = List.of(
            new Measurement(Target.BASELINE, 1, new Figures(18000, 2.5, 4.0, 8.0, 30.0, 0, 0), 1.5, 0.02),
            new Measurement(Target.INTAKE, 1, new Figures(11000, 4.0, 7.0, 12.0, 45.0, 0, 0), 1.9, 0.031),
            new Measurement(Target.BASELINE, 2, new Figures(20000, 2.3, 3.8, 7.0, 25.0, 0, 0), 1.7, 0.0),
            new Measurement(Target.INTAKE, 2, new Figures(12000, 3.8, 6.6, 11.0, 40.5, 0, 0), 1.8, 0.05));

    private static final WarmUp.Trace STABLE_BASELINE =
            new WarmUp.Trace(List.of(15_200.0, 17_900.0, 18_100.0, 18_000.0), true);

    @TempDir
    Path results;

    @Test
    void writesTheWholeReportOfARun() {
        assertThat(BenchReport.markdown(run(QUIET_ROUNDS, false, List.of()))).isEqualTo("""
                # Intake benchmark, 2025-11-28 23:59 UTC

                **PASS: intake reached 60.5 % of the baseline's throughput (target: at least 50 %) at 1.53 times its p99 latency (target: at most 2 times).**

                Written by `./leadflow bench intake`: a benchmark on one machine, not a test. Compare figures only
                with runs on a quiet machine of the same kind.

                ## Results

                | target | round | leads/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors | load avg | other CPU |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | baseline | 1 | 18,000 | 2.50 | 4.00 | 8.00 | 30.00 | 0 | 0 | 1.50 | 2 % |
                | baseline | 2 | 20,000 | 2.30 | 3.80 | 7.00 | 25.00 | 0 | 0 | 1.70 | 0 % |
                | **baseline** | **mean** | 19,000 | 2.40 | 3.90 | 7.50 | 27.50 | 0 | 0 |  |  |
                | intake | 1 | 11,000 | 4.00 | 7.00 | 12.00 | 45.00 | 0 | 0 | 1.90 | 3 % |
                | intake | 2 | 12,000 | 3.80 | 6.60 | 11.00 | 40.50 | 0 | 0 | 1.80 | 5 % |
                | **intake** | **mean** | 11,500 | 3.90 | 6.80 | 11.50 | 42.75 | 0 | 0 |  |  |

                Mean rows: the mean of the two rounds, column by column (non-2xx answers and errors added up); the
                ratios and the verdict use them. Load avg: the machine's 1-minute load average as the round ended
                (the benchmark's own processes count too). Other CPU: the share of the machine's CPU that
                processes outside the benchmark and the stack used during the round.

                | ratio | measured | target |
                |---|---:|---:|
                | intake / baseline throughput | 60.5 % | at least 50 % |
                | intake / baseline p99 | 1.53x | at most 2x |

                ## Settings

                | setting | value |
                |---|---|
                | connections | 64, each with one request in flight (closed loop, like `wrk -c64`) |
                | warm-up | before each target's first round, in slices of 5 s until the last 4 were within 5 % of each other (JIT warm-up), at most 180 s: baseline 20 s, stable (15,200, 17,900, 18,100, 18,000 leads/s); intake 35 s, stable (2,100, 6,300, 9,800, 11,000, 11,200, 11,100, 11,300 leads/s) |
                | rounds | two per target of 30 s each, in this order: baseline warm-up, baseline 1, intake warm-up, intake 1, baseline 2, intake 2 |
                | before each round | waited until the stack's consumer groups had caught up, so no round starts while the stack still works off an earlier one |
                | load generator | Java, in the benchmark's JVM (Netty, kept-alive connections, HdrHistogram); latency from sending a request to the last byte of its answer |
                | intake | `POST http://127.0.0.1:8080/flows/bench/sources/load/submit`: flow `bench` (`flows/bench.yaml`, every field of the lead typed: first_name, last_name, email, 2 phone, street, city, state, postal_code, ip, dob, gender, url, trustedform_url, ssn (sealed)), async source `load`, no steps |
                | baseline | `POST http://127.0.0.1:41234/submit` in a JVM of its own: Reactor Netty, parse the body with Jackson, send it to `bench.baseline` (acks=all, idempotent, linger.ms 1), answer 201 after the acknowledgement |
                | lead body | 589-623 bytes of JSON, 15 fields, unique email and phone per request |
                | stack | already running (`./leadflow up`) |

                ## Machine

                | | |
                |---|---|
                | cores | 2 |
                | CPU | Example CPU @ 2.10GHz |
                | JVM | OpenJDK 64-Bit Server VM 17.0.15+6 (every process of the run) |
                | OS | Linux 6.1.0 (amd64) |
                """);
    }

    @Test
    void endsWithNotesOnOtherWorkOnTheMachineAndOnWhatTheRunNoticed() {
        List<Measurement> busyRounds = List.of(QUIET_ROUNDS.get(0), QUIET_ROUNDS.get(1),
                new Measurement(Target.BASELINE, 2, QUIET_ROUNDS.get(2).figures(), 3.25, 0.356), QUIET_ROUNDS.get(3));

        String report = BenchReport.markdown(run(busyRounds, true,
                List.of("baseline round 2 started with 1,200 records not yet consumed by the stack (waited 40 s;"
                        + " the backlog had stopped shrinking).")));

        assertThat(report).contains("| stack | the benchmark's own, on free ports |\n");
        assertThat(report).endsWith("""
                | OS | Linux 6.1.0 (amd64) |

                ## Notes

                - Processes outside the benchmark used up to 36 % of the machine's CPU during a round: other work competed with both targets, so these figures say little; run again on a quiet machine.
                - intake's throughput was not stable after 15 s of warm-up: its rounds may still include JIT warm-up or a machine that got busier.
                - baseline round 2 started with 1,200 records not yet consumed by the stack (waited 40 s; the backlog had stopped shrinking).
                """);
    }

    @Test
    void saysWhenTheSystemDoesNotTellWhatElseTheMachineDid() {
        List<Measurement> rounds = List.of(QUIET_ROUNDS.get(0), QUIET_ROUNDS.get(1), QUIET_ROUNDS.get(2),
                new Measurement(Target.INTAKE, 2, QUIET_ROUNDS.get(3).figures(), Double.NaN, Double.NaN));

        String report = BenchReport.markdown(run(rounds, false, List.of()));

        assertThat(report).contains("| intake | 2 | 12,000 | 3.80 | 6.60 | 11.00 | 40.50 | 0 | 0 | n/a | n/a |\n");
        assertThat(report).endsWith("""
                ## Notes

                - This system does not tell how much CPU other processes used (Linux /proc): make sure the machine was quiet.
                """);
    }

    @Test
    void summarisesTheResultsNotesAndVerdictForTheConsole() {
        List<Measurement> rounds = List.of(QUIET_ROUNDS.get(0), QUIET_ROUNDS.get(1), QUIET_ROUNDS.get(2),
                new Measurement(Target.INTAKE, 2, new Figures(12000, 3.8, 6.6, 11.0, 40.5, 4, 1), 1.8, 0.05));

        assertThat(BenchReport.summary(run(rounds, false, List.of("Something the run noticed.")))).isEqualTo("""
                | target | round | leads/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors | load avg | other CPU |
                |---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|
                | baseline | 1 | 18,000 | 2.50 | 4.00 | 8.00 | 30.00 | 0 | 0 | 1.50 | 2 % |
                | baseline | 2 | 20,000 | 2.30 | 3.80 | 7.00 | 25.00 | 0 | 0 | 1.70 | 0 % |
                | **baseline** | **mean** | 19,000 | 2.40 | 3.90 | 7.50 | 27.50 | 0 | 0 |  |  |
                | intake | 1 | 11,000 | 4.00 | 7.00 | 12.00 | 45.00 | 0 | 0 | 1.90 | 3 % |
                | intake | 2 | 12,000 | 3.80 | 6.60 | 11.00 | 40.50 | 4 | 1 | 1.80 | 5 % |
                | **intake** | **mean** | 11,500 | 3.90 | 6.80 | 11.50 | 42.75 | 4 | 1 |  |  |

                Mean rows: the mean of the two rounds, column by column (non-2xx answers and errors added up); the
                ratios and the verdict use them. Load avg: the machine's 1-minute load average as the round ended
                (the benchmark's own processes count too). Other CPU: the share of the machine's CPU that
                processes outside the benchmark and the stack used during the round.

                | ratio | measured | target |
                |---|---:|---:|
                | intake / baseline throughput | 60.5 % | at least 50 % |
                | intake / baseline p99 | 1.53x | at most 2x |

                Note: Something the run noticed.

                NO VERDICT: requests failed (baseline: 0 non-2xx answers, 0 errors; intake: 4 non-2xx answers, 1 error), so these figures do not measure a working service. Find the cause in the logs and run again.
                """);
    }

    @Test
    void namesTheFileByDateAndAddsTheTimeWhenAReportOfThatDateExists() throws IOException {
        BenchRun run = run(QUIET_ROUNDS, false, List.of());

        Path first = BenchReport.write(results, run);
        Path second = BenchReport.write(results, run);
        Path third = BenchReport.write(results, run);

        assertThat(List.of(first, second, third)).containsExactly(results.resolve("intake-2025-11-28.md"),
                results.resolve("intake-2025-11-28-2359.md"), results.resolve("intake-2025-11-28-235907.md"));
        assertThat(Files.readString(second)).isEqualTo(BenchReport.markdown(run));
    }

    private static BenchRun run(List<Measurement> measurements, boolean ownStack, List<String> notes) {
        Map<Target, WarmUp.Trace> warmUps = ownStack
                ? Map.of(Target.BASELINE, STABLE_BASELINE, Target.INTAKE,
                        new WarmUp.Trace(List.of(900.0, 3_000.0, 5_200.0), false))
                : Map.of(Target.BASELINE, STABLE_BASELINE, Target.INTAKE, new WarmUp.Trace(
                        List.of(2_100.0, 6_300.0, 9_800.0, 11_000.0, 11_200.0, 11_100.0, 11_300.0), true));
        return new BenchRun(STARTED, MACHINE, BenchOptions.DEFAULTS,
                URI.create("http://127.0.0.1:8080/flows/bench/sources/load/submit"),
                URI.create("http://127.0.0.1:41234/submit"),
                ownStack ? "the benchmark's own, on free ports" : "already running (`./leadflow up`)", 589, 623,
                warmUps, measurements, notes);
    }
}
