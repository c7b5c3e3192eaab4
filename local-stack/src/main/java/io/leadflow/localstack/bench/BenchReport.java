package io.leadflow.localstack.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The markdown report of a run, its console summary, and the file it goes to under {@code bench/results}. */
final class BenchReport {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HHmm", Locale.ROOT);
    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("HHmmss", Locale.ROOT);
    /** Above this share of the CPU going to other processes in a round, the report says the figures say little. */
    private static final double MAX_OTHER_WORK_SHARE = 0.10;
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ROOT);

    private BenchReport() {
    }

    /**
     * Writes the report to {@code intake-<date>.md} in {@code directory}, or to {@code intake-<date>-HHmm.md} when
     * that exists (seconds added should that exist too); returns the file written.
     */
    static Path write(Path directory, BenchRun run) throws IOException {
        return writeNew(directory, "intake", run.startedAt(), markdown(run));
    }

    /**
     * Writes {@code markdown} to {@code <benchmark>-<date>.md} in {@code directory}, or to
     * {@code <benchmark>-<date>-HHmm.md} when that exists (seconds added should that exist too); returns the file.
     */
    static Path writeNew(Path directory, String benchmark, ZonedDateTime startedAt, String markdown)
            throws IOException {
        Files.createDirectories(directory);
        String name = benchmark + "-" + DATE.format(startedAt);
        List<Path> candidates = List.of(directory.resolve(name + ".md"),
                directory.resolve(name + "-" + TIME.format(startedAt) + ".md"),
                directory.resolve(name + "-" + SECONDS.format(startedAt) + ".md"));
        for (Path candidate : candidates) {
            if (!Files.exists(candidate)) {
                Files.writeString(candidate, markdown, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                return candidate;
            }
        }
        throw new IOException("Reports of this minute and second exist already: " + candidates);
    }

    /** The whole report. */
    static String markdown(BenchRun run) {
        BenchOptions options = run.options();
        List<String> lines = new ArrayList<>();
        lines.add("# Intake benchmark, " + STARTED.format(run.startedAt()));
        lines.add("");
        lines.add("**" + run.comparison().statement() + "**");
        lines.add("");
        lines.add("Written by `./leadflow bench intake`: a benchmark on one machine, not a test. Compare figures only");
        lines.add("with runs on a quiet machine of the same kind.");
        lines.add("");
        lines.add("## Results");
        lines.add("");
        lines.addAll(resultLines(run));
        lines.add("");
        lines.add("## Settings");
        lines.add("");
        lines.add("| setting | value |");
        lines.add("|---|---|");
        lines.add("| connections | " + options.connections()
                + ", each with one request in flight (closed loop, like `wrk -c" + options.connections() + "`) |");
        lines.add("| warm-up | before each target's first round, in slices of " + seconds(WarmUp.SLICE.toSeconds())
                + " until the last " + WarmUp.STABLE_SLICES + " were within " + Math.round(100 * WarmUp.MAX_SPREAD)
                + " % of each other (JIT warm-up), at most " + seconds(options.warmup().toSeconds()) + ": "
                + warmUp(run, Target.BASELINE) + "; " + warmUp(run, Target.INTAKE) + " |");
        lines.add("| rounds | two per target of " + seconds(options.duration().toSeconds()) + " each, in this order:"
                + " baseline warm-up, baseline 1, intake warm-up, intake 1, baseline 2, intake 2 |");
        lines.add("| before each round | waited until the stack's consumer groups had caught up, so no round starts"
                + " while the stack still works off an earlier one |");
        lines.add("| load generator | Java, in the benchmark's JVM (Netty, kept-alive connections, HdrHistogram);"
                + " latency from sending a request to the last byte of its answer |");
        lines.add("| intake | `POST " + run.intake() + "`: flow `bench` (`flows/bench.yaml`, every field of the lead"
                + " typed: " + LeadBodies.FIELD_TYPES + "), async source `load`, no steps |");
        lines.add("| baseline | `POST " + run.baseline() + "` in a JVM of its own: Reactor Netty, parse the body with"
                + " Jackson, send it to `bench.baseline` (acks=all, idempotent, linger.ms 1), answer 201 after the"
                + " acknowledgement |");
        lines.add("| lead body | " + run.bodyBytesMin() + "-" + run.bodyBytesMax()
                + " bytes of JSON, " + LeadBodies.FIELD_COUNT + " fields, unique email and phone per request |");
        lines.add("| stack | " + run.stack() + " |");
        lines.add("");
        lines.addAll(machineLines(run.machine()));
        List<String> notes = notes(run);
        if (!notes.isEmpty()) {
            lines.add("");
            lines.add("## Notes");
            lines.add("");
            notes.forEach(note -> lines.add("- " + note));
        }
        return String.join("\n", lines) + "\n";
    }

    /** The report's section on the machine the run measured on. */
    static List<String> machineLines(Machine machine) {
        return List.of("## Machine", "", "| | |", "|---|---|", "| cores | " + machine.cores() + " |",
                "| CPU | " + machine.cpu() + " |", "| JVM | " + machine.jvm() + " (every process of the run) |",
                "| OS | " + machine.os() + " |");
    }

    /** What the console shows at the end of a run: the results, the ratios and the verdict. */
    static String summary(BenchRun run) {
        List<String> lines = new ArrayList<>(resultLines(run));
        List<String> notes = notes(run);
        if (!notes.isEmpty()) {
            lines.add("");
            notes.forEach(note -> lines.add("Note: " + note));
        }
        lines.add("");
        lines.add(run.comparison().statement());
        return String.join("\n", lines) + "\n";
    }

    private static List<String> resultLines(BenchRun run) {
        List<String> lines = new ArrayList<>();
        lines.add("| target | round | leads/s | p50 ms | p90 ms | p99 ms | max ms | non-2xx | errors | load avg"
                + " | other CPU |");
        lines.add("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Target target : Target.values()) {
            for (Measurement measurement : run.measurements()) {
                if (measurement.target() == target) {
                    lines.add(row(target.label(), String.valueOf(measurement.round()), measurement.figures(),
                            decimal(measurement.loadAverage()), percent(measurement.otherWorkShare())));
                }
            }
            Comparison comparison = run.comparison();
            lines.add(row("**" + target.label() + "**", "**mean**",
                    target == Target.BASELINE ? comparison.baseline() : comparison.intake(), "", ""));
        }
        lines.add("");
        lines.add("Mean rows: the mean of the two rounds, column by column (non-2xx answers and errors added up); the");
        lines.add("ratios and the verdict use them. Load avg: the machine's 1-minute load average as the round ended");
        lines.add("(the benchmark's own processes count too). Other CPU: the share of the machine's CPU that");
        lines.add("processes outside the benchmark and the stack used during the round.");
        lines.add("");
        Comparison comparison = run.comparison();
        lines.add("| ratio | measured | target |");
        lines.add("|---|---:|---:|");
        lines.add(String.format(Locale.ROOT, "| intake / baseline throughput | %.1f %% | at least %.0f %% |",
                100 * comparison.throughputRatio(), 100 * Comparison.MIN_THROUGHPUT_RATIO));
        lines.add(String.format(Locale.ROOT, "| intake / baseline p99 | %.2fx | at most %.0fx |",
                comparison.p99Ratio(), Comparison.MAX_P99_RATIO));
        return lines;
    }

    private static String row(String target, String round, Figures figures, String loadAverage, String otherWork) {
        return String.format(Locale.ROOT, "| %s | %s | %,.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %s | %s |",
                target, round, figures.leadsPerSecond(), figures.p50Millis(), figures.p90Millis(),
                figures.p99Millis(), figures.maxMillis(), figures.failedAnswers(), figures.errors(), loadAverage,
                otherWork);
    }

    private static List<String> notes(BenchRun run) {
        List<String> notes = new ArrayList<>();
        double highest = run.measurements().stream().mapToDouble(Measurement::otherWorkShare)
                .filter(share -> !Double.isNaN(share)).max().orElse(0);
        if (highest > MAX_OTHER_WORK_SHARE) {
            notes.add(String.format(Locale.ROOT, "Processes outside the benchmark used up to %.0f %% of the machine's"
                    + " CPU during a round: other work competed with both targets, so these figures say little; run"
                    + " again on a quiet machine.", 100 * highest));
        }
        if (run.measurements().stream().anyMatch(measurement -> Double.isNaN(measurement.otherWorkShare()))) {
            notes.add("This system does not tell how much CPU other processes used (Linux /proc): make sure the"
                    + " machine was quiet.");
        }
        for (Target target : Target.values()) {
            WarmUp.Trace trace = run.warmUps().get(target);
            if (trace != null && !trace.slices().isEmpty() && !trace.stable()) {
                notes.add(target.label() + "'s throughput was not stable after " + seconds(trace.length().toSeconds())
                        + " of warm-up: its rounds may still include JIT warm-up or a machine that got busier.");
            }
        }
        notes.addAll(run.notes());
        return notes;
    }

    /** A target's warm-up: how long, whether it got stable, and the rate of each slice. */
    private static String warmUp(BenchRun run, Target target) {
        WarmUp.Trace trace = run.warmUps().getOrDefault(target, WarmUp.Trace.skipped());
        if (trace.slices().isEmpty()) {
            return target.label() + " none";
        }
        return target.label() + " " + seconds(trace.length().toSeconds()) + (trace.stable() ? ", stable" : ", NOT stable")
                + " (" + String.join(", ", trace.slices().stream()
                .map(rate -> String.format(Locale.ROOT, "%,.0f", rate)).toList()) + " leads/s)";
    }

    private static String decimal(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    private static String seconds(long seconds) {
        return seconds + " s";
    }
}
