package io.leadflow.localstack.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The markdown report of a delivery benchmark run, its verdicts, and the file it goes to under {@code bench/results}. */
final class DeliveryReport {

    static final double MIN_COMPLETIONS_PER_SECOND = 1_000;
    static final double MAX_P99_MILLIS = 1_000;
    static final double MIN_BASELINE_SHARE = 0.06;
    static final double MAX_HANGING_COST = 0.10;

    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private DeliveryReport() {
    }

    /** Writes the report to {@code delivery-<date>.md} in {@code directory} (see {@link BenchReport#writeNew}). */
    static Path write(Path directory, DeliveryRun run) throws IOException {
        return BenchReport.writeNew(directory, "delivery", run.startedAt(), markdown(run));
    }

    /** The whole report. */
    static String markdown(DeliveryRun run) {
        DeliveryOptions options = run.options();
        List<String> lines = new ArrayList<>();
        lines.add("# Delivery benchmark, " + STARTED.format(run.startedAt()));
        lines.add("");
        verdicts(run).forEach(verdict -> lines.add("**" + verdict + "**"));
        lines.add("");
        lines.add("Written by `./leadflow bench delivery`: a benchmark on one machine, not a test. Leads are posted to");
        lines.add("intake, go through enhancement and delivery to a fake buyer that answers after "
                + DeliveryBenchmark.BUYER_LATENCY.toMillis() + " ms, and count");
        lines.add("as completed when their `LeadCompleted` reaches a read_committed consumer in the benchmark.");
        lines.add("");
        lines.add("## Results");
        lines.add("");
        lines.addAll(resultLines(run));
        lines.add("");
        lines.add("## Settings");
        lines.add("");
        lines.add("| setting | value |");
        lines.add("|---|---|");
        lines.add("| load steps | " + String.join(", ", options.rates().stream().map(String::valueOf).toList())
                + " leads/s offered, " + options.duration().toSeconds() + " s each, then up to "
                + DeliveryBenchmark.DRAIN.toSeconds() + " s for the step's leads to complete; each step (and the"
                + " warm-up) starts once every consumer group of the stack has read what was written before it,"
                + " waiting at most " + DeliveryBenchmark.BACKLOG_TIMEOUT.toMinutes() + " minutes |");
        lines.add("| warm-up | the stack at " + options.rates().get(0) + " leads/s for "
                + options.warmup().toSeconds() + " s, then up to " + DeliveryBenchmark.WARM_UP_DRAIN.toSeconds()
                + " s for its leads to complete, before the first step; the baseline until stable, at most "
                + options.warmup().toSeconds() + " s: " + warmUp(run.baselineWarmUp()) + " |");
        lines.add("| load generator | Java, in the benchmark's JVM (Netty, " + options.connections()
                + " kept-alive connections, each paced so that together they offer the step's rate) |");
        lines.add("| flow | `" + DeliveryBenchmark.HEALTHY_FLOW + "`: the intake benchmark's flow (every field of the"
                + " lead typed, async source) with one recipient step"
                + " (`custom.outbound.json`, timeout " + DeliveryBenchmark.STEP_TIMEOUT.toSeconds()
                + " s, one attempt) to the fake buyer, which the benchmark serves on a free loopback port |");
        lines.add("| latency | from sending the lead to intake to its `LeadCompleted` arriving at the benchmark |");
        lines.add("| in flight | delivery's `leadflow_delivery_in_flight` gauge, read every "
                + DeliveryBenchmark.IN_FLIGHT_SAMPLE.toMillis() + " ms during the step |");
        lines.add("| baseline | the bare intake baseline (parse JSON, acks=all send, answer) in a JVM of its own, "
                + options.connections() + " connections without pacing, one round of "
                + options.duration().toSeconds() + " s on the same broker |");
        lines.add("| hanging phase | " + (run.hanging().isEmpty() ? "skipped (--no-hanging)"
                : "the healthy buyer at " + run.hanging().get().alone().offeredPerSecond() + " leads/s (the best"
                + " sustained step's rate, or the first step's when none was sustained) alone, then beside flow `"
                + DeliveryBenchmark.HANGING_FLOW + "`, whose buyer never answers before the step's "
                + DeliveryBenchmark.STEP_TIMEOUT.toSeconds() + " s timeout, at " + run.hanging().get().hangingRate()
                + " leads/s") + " |");
        lines.add("| stack | " + run.stack() + " |");
        lines.add("");
        lines.addAll(BenchReport.machineLines(run.machine()));
        if (!run.notes().isEmpty()) {
            lines.add("");
            lines.add("## Notes");
            lines.add("");
            run.notes().forEach(note -> lines.add("- " + note));
        }
        return String.join("\n", lines) + "\n";
    }

    /** What the console shows at the end of a run: the results and the verdicts. */
    static String summary(DeliveryRun run) {
        List<String> lines = new ArrayList<>(resultLines(run));
        lines.add("");
        lines.addAll(verdicts(run));
        return String.join("\n", lines) + "\n";
    }

    /** One sentence per target of the issue: met or missed, with the figures that decide it. */
    static List<String> verdicts(DeliveryRun run) {
        List<String> verdicts = new ArrayList<>();
        Optional<DeliveryRound> best = run.best();
        double baseline = run.baseline().leadsPerSecond();
        if (best.isEmpty()) {
            verdicts.add(String.format(Locale.ROOT, "Throughput target MISSED: no step was sustained (every accepted"
                    + " lead completed, p99 under %.0f s); the bare intake baseline made %,.0f leads/s.",
                    MAX_P99_MILLIS / 1000, baseline));
        } else {
            DeliveryRound round = best.get();
            double share = round.completionsPerSecond() / baseline;
            boolean met = round.completionsPerSecond() >= MIN_COMPLETIONS_PER_SECOND && share >= MIN_BASELINE_SHARE;
            verdicts.add(String.format(Locale.ROOT, "Throughput target %s: %,.0f completions/s sustained with p99"
                            + " %.0f ms, %.1f %% of the bare intake baseline's %,.0f leads/s (target: at least %,.0f/s"
                            + " with p99 under %.0f s, at least %.0f %% of the baseline).", met ? "MET" : "MISSED",
                    round.completionsPerSecond(), round.p99Millis(), 100 * share, baseline,
                    MIN_COMPLETIONS_PER_SECOND, MAX_P99_MILLIS / 1000, 100 * MIN_BASELINE_SHARE));
        }
        run.hanging().ifPresent(phase -> verdicts.add(String.format(Locale.ROOT, "Hanging-buyer target %s: the"
                        + " healthy buyer made %,.0f completions/s alone and %,.0f beside a hanging buyer, a cost of"
                        + " %.1f %% (target: under %.0f %%).", phase.cost() < MAX_HANGING_COST ? "MET" : "MISSED",
                phase.alone().completionsPerSecond(), phase.beside().completionsPerSecond(), 100 * phase.cost(),
                100 * MAX_HANGING_COST)));
        return verdicts;
    }

    private static List<String> resultLines(DeliveryRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("| step | offered/s | submitted/s | intake p99 ms | non-2xx | errors | accepted | completed in step"
                + " | completed | completions/s | p50 ms | p99 ms | max ms | in flight mean | in flight max |");
        lines.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (DeliveryRound round : run.steps()) {
            lines.add(row(round));
        }
        run.hanging().ifPresent(phase -> {
            lines.add(row(phase.alone()));
            lines.add(row(phase.beside()));
        });
        lines.add("");
        lines.add("Completions/s: the step's leads whose `LeadCompleted` arrived while the step ran, per second;");
        lines.add("completed: those that arrived by the end of the drain. p50/p99/max: submit to completion. A step is");
        lines.add("sustained when every accepted lead completed and p99 stayed under 1 s.");
        lines.add("");
        Figures baseline = run.baseline();
        lines.add(String.format(Locale.ROOT, "Bare intake baseline, same run: %,.0f leads/s, p99 %.2f ms, %d non-2xx,"
                + " %d errors.", baseline.leadsPerSecond(), baseline.p99Millis(), baseline.failedAnswers(),
                baseline.errors()));
        return lines;
    }

    private static String row(DeliveryRound round) {
        Figures submits = round.submits();
        return String.format(Locale.ROOT, "| %s | %,d | %,.0f | %.1f | %d | %d | %,d | %,d | %,d | %,.0f | %,.0f"
                        + " | %,.0f | %,.0f | %s | %s |", round.name(), round.offeredPerSecond(),
                submits.leadsPerSecond(), submits.p99Millis(), submits.failedAnswers(), submits.errors(),
                round.accepted(), round.completedInWindow(), round.completed(), round.completionsPerSecond(),
                round.p50Millis(), round.p99Millis(), round.maxMillis(), whole(round.meanInFlight()),
                whole(round.maxInFlight()));
    }

    /** A gauge's figure, or n/a when no sample was read. */
    private static String whole(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String warmUp(WarmUp.Trace trace) {
        if (trace.slices().isEmpty()) {
            return "none";
        }
        return trace.length().toSeconds() + " s" + (trace.stable() ? ", stable" : ", NOT stable") + " ("
                + String.join(", ", trace.slices().stream()
                .map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList()) + " leads/s)";
    }
}
