package io.leadflow.localstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import io.leadflow.localstack.LeadflowService;
import io.leadflow.localstack.StartupFailure;

/**
 * {@code ./leadflow bench intake}: loads intake-service (of the local stack, or of a stack of its own on free ports)
 * and, in the same run and on the same broker, a bare baseline endpoint that only parses the JSON and awaits an
 * acks=all send; writes {@code bench/results/intake-<date>.md}. A benchmark on one machine, never a test.
 */
public final class IntakeBenchmark {

    private static final String INTAKE_PATH = "/flows/bench/sources/load/submit";

    private static final Path RESULTS = Path.of("bench", "results");
    private static final DateTimeFormatter RUN_DIRECTORY = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final long FIRST_LEAD_NUMBER = 1_000_000;
    /** Lead sizes vary with names and numbers, which cycle within this many leads. */
    private static final int BODY_SAMPLE = 10_000;
    private static final Duration BASELINE_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BACKLOG_STALL_LIMIT = Duration.ofSeconds(30);
    private static final Duration BACKLOG_TIMEOUT = Duration.ofMinutes(10);
    private static final int EXIT_INTERRUPTED = 130;

    private final Path root;
    private final PrintStream console;
    private final BenchOptions options;
    private final List<String> notes = new ArrayList<>();
    private final Map<Target, WarmUp.Trace> warmUps = new EnumMap<>(Target.class);

    // Started by the run, stopped by it or by the shutdown hook on Ctrl-C: guarded by this.
    private boolean stopping;
    private BenchStack stack;
    private BaselineProcess baseline;

    IntakeBenchmark(Path root, PrintStream console, BenchOptions options) {
        this.root = root;
        this.console = console;
        this.options = options;
    }

    public static void main(String[] args) {
        BenchCommand.main(BenchOptions.parse(List.of(args)), BenchOptions.USAGE, (parsed, root) ->
                new IntakeBenchmark(root, System.out, ((BenchOptions.Run) parsed).options()).run());
    }

    /** Runs the benchmark and writes its report; returns the exit code (0 once the report is written). */
    int run() throws IOException, InterruptedException {
        ZonedDateTime startedAt = ZonedDateTime.now();
        long minutes = Duration.ofSeconds(2 * options.warmup().toSeconds() + 4 * options.duration().toSeconds())
                .toMinutes();
        console.printf("Intake benchmark: %d connections, a warm-up per target until stable (at most %d s), two rounds"
                        + " of %d s per target (%s of load at most, plus start-up and waits).%n", options.connections(),
                options.warmup().toSeconds(), options.duration().toSeconds(),
                minutes < 1 ? "under a minute" : "about " + (minutes + 1) + " minutes");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "bench-stop"));
        try (LoadGenerator generator = new LoadGenerator(options.connections(), new LeadBodies(FIRST_LEAD_NUMBER))) {
            if (!startTargets(startedAt)) {
                return EXIT_INTERRUPTED;
            }
            URI intake = URI.create(stack.intakeBaseUri() + INTAKE_PATH);
            if (!answersLeads(generator, Target.INTAKE, intake)
                    || !answersLeads(generator, Target.BASELINE, baseline.submitUri())) {
                return 1;
            }
            List<Measurement> measurements = measure(generator, intake, baseline.submitUri());
            if (isStopping()) {
                return EXIT_INTERRUPTED;
            }
            IntSummaryStatistics bodySizes = bodySizes();
            report(new BenchRun(startedAt, Machine.current(), options, intake, baseline.submitUri(),
                    stack.description(), bodySizes.getMin(), bodySizes.getMax(), warmUps, measurements, notes));
            return 0;
        } catch (StartupFailure failure) {
            if (isStopping()) {
                return EXIT_INTERRUPTED;
            }
            BenchCommand.explain(failure, root, console);
            return 1;
        } catch (RuntimeException failure) {
            // Ctrl-C stops the targets under a running round, whose connections then fail: that is no error.
            if (isStopping()) {
                return EXIT_INTERRUPTED;
            }
            throw failure;
        } finally {
            stop();
        }
    }

    /** Finds or starts the stack, then starts the baseline; false when Ctrl-C came first. */
    private boolean startTargets(ZonedDateTime startedAt) throws IOException, StartupFailure, InterruptedException {
        String classpath = System.getProperty("java.class.path");
        Path logs = root.resolve("var").resolve("logs");
        if (options.stack() == StackMode.LOCAL) {
            StackUnderTest local;
            // Each child is launched while holding the lock the shutdown hook takes, so Ctrl-C cannot miss one.
            synchronized (this) {
                if (stopping) {
                    return false;
                }
                local = StackUnderTest.runningOrLaunched(root, classpath, console);
                stack = local;
            }
            local.awaitReady(console);
        } else {
            Path runDirectory = root.resolve("var").resolve("bench").resolve(RUN_DIRECTORY.format(startedAt));
            logs = runDirectory;
            List<String> intakeJvmOptions = options.profile() ? List.of(OwnStack.flightRecording(
                    runDirectory.resolve("intake.jfr"))) : List.of();
            Path flows = Files.createDirectories(runDirectory.resolve("flows"));
            Files.copy(root.resolve("flows").resolve("bench.yaml"), flows.resolve("bench.yaml"));
            OwnStack own = new OwnStack(root, runDirectory, options.stack() == StackMode.FULL
                    ? List.of(LeadflowService.values()) : List.of(LeadflowService.INTAKE), flows, Map.of(),
                    Map.of(LeadflowService.INTAKE, intakeJvmOptions));
            synchronized (this) {
                if (stopping) {
                    return false;
                }
                stack = own;
            }
            // OwnStack launches each child under its own lock, which its close() (the shutdown hook) takes too.
            own.start(console);
            if (options.profile()) {
                notes.add("intake ran with Java Flight Recorder: " + root.relativize(runDirectory.resolve("intake.jfr"))
                        + " (written when the stack stops).");
            }
        }
        synchronized (this) {
            if (stopping) {
                return false;
            }
            baseline = BaselineProcess.start(classpath, stack.bootstrapServers(), root,
                    logs.resolve("bench-baseline.log"));
        }
        baseline.awaitReady(BASELINE_READY_TIMEOUT);
        return true;
    }

    private void report(BenchRun run) throws IOException {
        Path report = BenchReport.write(root.resolve(RESULTS), run);
        console.println();
        console.print(BenchReport.summary(run));
        console.println("Report: " + root.relativize(report));
    }

    private List<Measurement> measure(LoadGenerator generator, URI intake, URI baseline) throws InterruptedException {
        List<Measurement> measurements = new ArrayList<>();
        try (ConsumerBacklog backlog = new ConsumerBacklog(stack.bootstrapServers())) {
            warmUp(generator, Target.BASELINE, baseline);
            measurements.add(round(generator, backlog, Target.BASELINE, 1, baseline));
            warmUp(generator, Target.INTAKE, intake);
            measurements.add(round(generator, backlog, Target.INTAKE, 1, intake));
            measurements.add(round(generator, backlog, Target.BASELINE, 2, baseline));
            measurements.add(round(generator, backlog, Target.INTAKE, 2, intake));
        }
        return measurements;
    }

    private void warmUp(LoadGenerator generator, Target target, URI uri) throws InterruptedException {
        if (options.warmup().compareTo(WarmUp.SLICE) < 0) {
            return;
        }
        console.printf("  %-8s warm-up until stable (at most %d s):", target.label(), options.warmup().toSeconds());
        WarmUp.Trace trace = WarmUp.run(generator, uri, options.warmup(),
                rate -> console.printf(Locale.ROOT, " %,.0f", rate));
        console.printf(" leads/s%s%n", trace.stable() ? ", stable" : ", NOT stable");
        warmUps.put(target, trace);
    }

    private Measurement round(LoadGenerator generator, ConsumerBacklog backlog, Target target, int round, URI uri)
            throws InterruptedException {
        ConsumerBacklog.Drained drained = backlog.awaitDrained(BACKLOG_STALL_LIMIT, BACKLOG_TIMEOUT);
        if (drained.waited().toSeconds() >= 1) {
            console.printf("  (waited %d s for the stack to consume earlier leads)%n", drained.waited().toSeconds());
        }
        if (!drained.drained()) {
            notes.add(String.format(Locale.ROOT, "%s round %d started with %,d records not yet consumed by the stack"
                    + " (waited %d s; the backlog had stopped shrinking).", target.label(), round,
                    drained.remaining(), drained.waited().toSeconds()));
        }
        console.printf("  %-8s round %d   %3d s ...", target.label(), round, options.duration().toSeconds());
        Optional<OtherWork.Sample> before = OtherWork.sample();
        Figures figures = generator.run(uri, options.duration()).figures();
        double otherWork = before.flatMap(start -> OtherWork.sample().map(end -> OtherWork.share(start, end)))
                .orElse(Double.NaN);
        Measurement measurement = new Measurement(target, round, figures, Machine.loadAverage(), otherWork);
        console.printf(Locale.ROOT, " %,.0f leads/s, p99 %.2f ms, %d non-2xx, %d errors, load average %.2f,"
                        + " other processes' CPU %s%n", figures.leadsPerSecond(), figures.p99Millis(),
                figures.failedAnswers(), figures.errors(), measurement.loadAverage(),
                Double.isNaN(otherWork) ? "unknown" : String.format(Locale.ROOT, "%.0f %%", 100 * otherWork));
        return measurement;
    }

    /** Posts one lead; true when the target stores it, else tells why the run cannot go on. */
    private boolean answersLeads(LoadGenerator generator, Target target, URI uri) throws InterruptedException {
        try {
            LoadGenerator.Probe probe = generator.probe(uri);
            if (probe.status() / 100 == 2) {
                return true;
            }
            console.println(target.label() + " answered a lead with " + probe.status() + ": " + probe.body().strip());
            if (target == Target.INTAKE && probe.status() == 404) {
                console.println("The running stack has no flow 'bench': restart `./leadflow up` so that it loads"
                        + " flows/bench.yaml (or add that file to its LEADFLOW_FLOWS_DIR).");
            }
        } catch (IOException e) {
            console.println(target.label() + " did not answer a lead at " + uri + ": " + e);
        }
        return false;
    }

    private static IntSummaryStatistics bodySizes() {
        LeadBodies sample = new LeadBodies(FIRST_LEAD_NUMBER);
        return IntStream.range(0, BODY_SAMPLE).map(i -> sample.next().length).summaryStatistics();
    }

    /** Stops the baseline and, if the run started it, the stack; once, whether the run ended or Ctrl-C ended it. */
    private void stop() {
        BaselineProcess runningBaseline;
        BenchStack runningStack;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            runningBaseline = baseline;
            runningStack = stack;
        }
        BenchCommand.stop(runningBaseline, runningStack);
    }

    private synchronized boolean isStopping() {
        return stopping;
    }
}
