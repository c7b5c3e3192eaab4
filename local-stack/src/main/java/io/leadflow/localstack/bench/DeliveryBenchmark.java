package io.leadflow.localstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.leadflow.localstack.LeadflowService;
import io.leadflow.localstack.StartupFailure;
import io.leadflow.schemas.Topics;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * {@code ./leadflow bench delivery}: leads through a whole stack of its own (intake, enhancement, delivery) to a fake
 * buyer answering in 200 ms, at increasing load steps, then the healthy buyer with and without a hanging one beside
 * it; the bare intake baseline is measured in the same run. Writes {@code bench/results/delivery-<date>.md}.
 */
public final class DeliveryBenchmark {

    static final Duration BUYER_LATENCY = Duration.ofMillis(200);
    static final Duration STEP_TIMEOUT = Duration.ofSeconds(5);
    static final Duration DRAIN = Duration.ofSeconds(30);
    /** A stack still compiling works off its warm-up slowly: no measured step starts behind that backlog. */
    static final Duration WARM_UP_DRAIN = Duration.ofMinutes(3);
    static final Duration IN_FLIGHT_SAMPLE = Duration.ofMillis(500);
    /**
     * Before each step every consumer group of the stack (feedback's too, which no completion waits for) has read
     * what earlier phases wrote, so no step shares the machine with catching up; as the intake benchmark's rounds.
     */
    static final Duration BACKLOG_STALL_LIMIT = Duration.ofSeconds(30);
    static final Duration BACKLOG_TIMEOUT = Duration.ofMinutes(5);
    static final String HEALTHY_FLOW = "bench-delivery";
    static final String HANGING_FLOW = "bench-hanging";
    /** Leads per second to the hanging buyer: at the 5 s timeout they hold about 100 of delivery's 256 slots. */
    static final int HANGING_RATE = 20;

    private static final Path RESULTS = Path.of("bench", "results");
    private static final DateTimeFormatter RUN_DIRECTORY = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);
    private static final Pattern LEAD_ID = Pattern.compile("\"lead\":\\{\"id\":\"([^\"]+)\"");
    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^leadflow_delivery_in_flight(?:\\{[^}]*})? (\\S+)");
    /** The hanging buyer answers only after this, far beyond the step's timeout. */
    private static final Duration HANG = Duration.ofMinutes(2);
    private static final Duration BASELINE_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long FIRST_LEAD_NUMBER = 2_000_000;
    private static final int EXIT_INTERRUPTED = 130;

    private final Path root;
    private final PrintStream console;
    private final DeliveryOptions options;
    private final List<String> notes = new ArrayList<>();
    private ConsumerBacklog backlog;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /**
     * By lead id: a lead intake accepted whose completion was not seen yet, or a completion seen before the lead's
     * answer was (on a starved machine the answer can reach the load generator after the lead completed).
     */
    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    private final AtomicBoolean watching = new AtomicBoolean(true);
    private volatile Tracker sampled;

    // Started by the run, stopped by it or by the shutdown hook on Ctrl-C: guarded by this.
    private boolean stopping;
    private OwnStack stack;
    private BaselineProcess baseline;
    private DisposableServer buyer;

    DeliveryBenchmark(Path root, PrintStream console, DeliveryOptions options) {
        this.root = root;
        this.console = console;
        this.options = options;
    }

    public static void main(String[] args) {
        BenchCommand.main(DeliveryOptions.parse(List.of(args)), DeliveryOptions.USAGE, (parsed, root) ->
                new DeliveryBenchmark(root, System.out, ((DeliveryOptions.Run) parsed).options()).run());
    }

    /** Runs the benchmark and writes its report; returns the exit code (0 once the report is written). */
    int run() throws IOException, InterruptedException {
        ZonedDateTime startedAt = ZonedDateTime.now();
        console.printf("Delivery benchmark: load steps of %s leads/s, %d s each, a fake buyer answering in %d ms%s.%n",
                options.rates(), options.duration().toSeconds(), BUYER_LATENCY.toMillis(),
                options.hanging() ? ", then a hanging buyer beside it" : "");
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "bench-stop"));
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        Thread watcher = new Thread(this::watchCompletions, "bench-completions");
        try (LoadGenerator generator = new LoadGenerator(options.connections(), new LeadBodies(FIRST_LEAD_NUMBER))) {
            if (!startTargets(startedAt)) {
                return EXIT_INTERRUPTED;
            }
            backlog = new ConsumerBacklog(stack.bootstrapServers());
            watcher.start();
            sampler.scheduleAtFixedRate(this::sampleInFlight, 0, IN_FLIGHT_SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
            URI healthy = submitUri(HEALTHY_FLOW);
            URI hanging = submitUri(HANGING_FLOW);
            for (URI uri : List.of(healthy, hanging, baseline.submitUri())) {
                if (!answersLeads(generator, uri)) {
                    return 1;
                }
            }
            WarmUp.Trace baselineWarmUp = WarmUp.Trace.skipped();
            if (options.warmup().compareTo(WarmUp.SLICE) >= 0) {
                console.printf("  baseline warm-up until stable (at most %d s):", options.warmup().toSeconds());
                baselineWarmUp = WarmUp.run(generator, baseline.submitUri(), options.warmup(),
                        rate -> console.printf(Locale.ROOT, " %,.0f", rate));
                console.println(" leads/s");
                if (!baselineWarmUp.stable()) {
                    notes.add("The baseline's throughput was not stable after " + baselineWarmUp.length().toSeconds()
                            + " s of warm-up: its figure is likely below its steady rate, which makes the share of"
                            + " the baseline look better than it is.");
                }
            }
            Figures baselineFigures = generator.run(baseline.submitUri(), options.duration()).figures();
            console.printf(Locale.ROOT, "  baseline %d s: %,.0f leads/s, p99 %.2f ms%n",
                    options.duration().toSeconds(), baselineFigures.leadsPerSecond(), baselineFigures.p99Millis());
            if (!options.warmup().isZero()) {
                step(generator, "warm-up", healthy, options.rates().get(0), options.warmup(), false, WARM_UP_DRAIN);
            }
            List<DeliveryRound> steps = new ArrayList<>();
            for (int rate : options.rates()) {
                steps.add(step(generator, rate + "/s", healthy, rate, options.duration(), false, DRAIN));
            }
            Optional<DeliveryRun.HangingPhase> hangingPhase = Optional.empty();
            if (options.hanging()) {
                int rate = steps.stream().filter(DeliveryRound::sustained)
                        .max((first, second) -> Double.compare(first.completionsPerSecond(),
                                second.completionsPerSecond()))
                        .map(DeliveryRound::offeredPerSecond).orElse(options.rates().get(0));
                DeliveryRound alone = step(generator, rate + "/s alone", healthy, rate, options.duration(), false,
                        DRAIN);
                DeliveryRound beside = step(generator, rate + "/s + hanging " + HANGING_RATE + "/s", healthy, rate,
                        options.duration(), true, DRAIN);
                hangingPhase = Optional.of(new DeliveryRun.HangingPhase(alone, beside, HANGING_RATE));
            }
            DeliveryRun run = new DeliveryRun(startedAt, Machine.current(), options, stack.description()
                    + "; delivery with LEADFLOW_OUTBOUND_ALLOW_PRIVATE_NETWORKS=true for the loopback buyer and "
                    + "LEADFLOW_DELIVERY_MAX_IN_FLIGHT=" + options.maxInFlight()
                    + (options.maxInFlight() == DeliveryOptions.SERVICE_MAX_IN_FLIGHT ? " (its default)" : ""),
                    baselineFigures, baselineWarmUp, steps, hangingPhase, notes);
            Path report = DeliveryReport.write(root.resolve(RESULTS), run);
            console.println();
            console.print(DeliveryReport.summary(run));
            console.println("Report: " + root.relativize(report));
            return 0;
        } catch (StartupFailure failure) {
            if (isStopping()) {
                return EXIT_INTERRUPTED;
            }
            BenchCommand.explain(failure, root, console);
            return 1;
        } catch (RuntimeException failure) {
            if (isStopping()) {
                return EXIT_INTERRUPTED;
            }
            throw failure;
        } finally {
            watching.set(false);
            sampler.shutdownNow();
            if (backlog != null) {
                backlog.close();
            }
            stop();
        }
    }

    /** Starts the fake buyer, the stack (its flows pointing at the buyer) and the baseline; false on Ctrl-C. */
    private boolean startTargets(ZonedDateTime startedAt) throws IOException, StartupFailure, InterruptedException {
        Path runDirectory = root.resolve("var").resolve("bench").resolve("delivery-"
                + RUN_DIRECTORY.format(startedAt));
        Path flows = Files.createDirectories(runDirectory.resolve("flows"));
        OwnStack own;
        synchronized (this) {
            if (stopping) {
                return false;
            }
            buyer = fakeBuyer();
            writeFlows(root, flows, "http://127.0.0.1:" + buyer.port());
            own = new OwnStack(root, runDirectory, List.of(LeadflowService.values()), flows,
                    Map.of("LEADFLOW_OUTBOUND_ALLOW_PRIVATE_NETWORKS", "true",
                            "LEADFLOW_DELIVERY_MAX_IN_FLIGHT", Integer.toString(options.maxInFlight())),
                    jvmOptions(runDirectory));
            stack = own;
        }
        own.start(console);
        synchronized (this) {
            if (stopping) {
                return false;
            }
            baseline = BaselineProcess.start(System.getProperty("java.class.path"), own.bootstrapServers(), root,
                    runDirectory.resolve("bench-baseline.log"));
        }
        baseline.awaitReady(BASELINE_READY_TIMEOUT);
        return true;
    }

    /** With --profile, a flight recording of each service, written to the run directory when the service stops. */
    private Map<LeadflowService, List<String>> jvmOptions(Path runDirectory) {
        if (!options.profile()) {
            return Map.of();
        }
        Map<LeadflowService, List<String>> recordings = new EnumMap<>(LeadflowService.class);
        for (LeadflowService service : LeadflowService.values()) {
            Path recording = runDirectory.resolve(service.module() + ".jfr");
            recordings.put(service, List.of(OwnStack.flightRecording(recording)));
            notes.add(service.module() + " ran with Java Flight Recorder: " + root.relativize(recording)
                    + " (written when the stack stops)");
        }
        return recordings;
    }

    /**
     * The healthy flow to the buyer's {@code /leads} and the hanging one to its {@code /hang}: the intake benchmark's
     * flow ({@code flows/bench.yaml}, every field of the lead typed) with one recipient step, one attempt each.
     */
    static void writeFlows(Path root, Path flows, String buyerUrl) throws IOException {
        String bench = Files.readString(root.resolve("flows").resolve("bench.yaml"));
        Files.writeString(flows.resolve(HEALTHY_FLOW + ".yaml"), flow(bench, HEALTHY_FLOW, "Bench Buyer",
                buyerUrl + "/leads"));
        Files.writeString(flows.resolve(HANGING_FLOW + ".yaml"), flow(bench, HANGING_FLOW, "Hanging Buyer",
                buyerUrl + "/hang"));
    }

    static String flow(String bench, String id, String entity, String url) {
        String withId = bench.replaceFirst("(?m)^id: bench$", "id: " + id)
                .replaceFirst("(?m)^name: .*$", "name: Delivery benchmark (" + entity + ")");
        if (withId.equals(bench) || !withId.contains("\nsteps: []")) {
            throw new IllegalStateException("flows/bench.yaml no longer has the 'id: bench' and 'steps: []' lines"
                    + " the delivery benchmark builds its flows on");
        }
        return withId.replace("\nsteps: []", """

                steps:
                  - id: buyer
                    type: recipient
                    entity: %s
                    integration: custom.outbound.json
                    timeout: %ds
                    retry: { max_attempts: 1 }
                    mappings:
                      url: %s
                      json_property.email: "{{lead.email}}"
                      json_property.phone: "{{lead.phone_1}}"
                      outcome_search_term: accepted""".formatted(entity, STEP_TIMEOUT.toSeconds(), url));
    }

    /** Answers {@code /leads} after 200 ms, and {@code /hang} only long after any step's timeout. */
    private static DisposableServer fakeBuyer() {
        return HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .post("/leads", (request, response) -> request.receive().then()
                                .then(Mono.delay(BUYER_LATENCY))
                                .then(response.header("Content-Type", "application/json")
                                        .sendString(Mono.just("{\"status\":\"accepted\"}")).then()))
                        .post("/hang", (request, response) -> request.receive().then()
                                .then(Mono.delay(HANG))
                                .then(response.sendString(Mono.just("{\"status\":\"accepted\"}")).then())))
                .bindNow();
    }

    private URI submitUri(String flow) {
        return URI.create(stack.intakeBaseUri() + "/flows/" + flow + "/sources/load/submit");
    }

    /**
     * Offers {@code rate} leads per second to {@code uri} for {@code length} (with the hanging buyer's load beside
     * them when asked), then waits up to {@code drain} for the step's leads to complete.
     */
    private DeliveryRound step(LoadGenerator generator, String name, URI uri, int rate, Duration length,
                               boolean withHanging, Duration drain) throws InterruptedException {
        ConsumerBacklog.Drained drained = backlog.awaitDrained(BACKLOG_STALL_LIMIT, BACKLOG_TIMEOUT);
        if (drained.waited().toSeconds() >= 1) {
            console.printf("  (waited %d s for the stack to consume earlier leads)%n", drained.waited().toSeconds());
        }
        if (!drained.drained()) {
            notes.add(String.format(Locale.ROOT, "Step %s started with %,d records not yet consumed by the stack"
                    + " (waited %d s; the backlog had stopped shrinking).", name, drained.remaining(),
                    drained.waited().toSeconds()));
        }
        console.printf("  %-24s %3d s ...", name, length.toSeconds());
        Tracker tracker = new Tracker(System.nanoTime() + length.toNanos());
        sampled = tracker;
        CompletableFuture<LoadGenerator.Result> hanging = withHanging
                ? CompletableFuture.supplyAsync(() -> runUninterrupted(generator, submitUri(HANGING_FLOW), length))
                : CompletableFuture.completedFuture(null);
        Figures submits = generator.run(uri, length, rate, (sentAt, body) -> {
            Matcher id = LEAD_ID.matcher(body);
            if (id.find()) {
                tracker.accepted.incrementAndGet();
                marks.compute(id.group(1), (lead, mark) -> {
                    if (mark == null) {
                        return new Mark(tracker, sentAt, 0);
                    }
                    tracker.completed(sentAt, mark.completedAtNanos());
                    return null;
                });
            }
        }).figures();
        hanging.join();
        long drainUntil = System.nanoTime() + drain.toNanos();
        while (tracker.completed.get() < tracker.accepted.get() && System.nanoTime() < drainUntil) {
            Thread.sleep(POLL.toMillis());
        }
        DeliveryRound round = tracker.round(name, rate, submits, length);
        console.printf(Locale.ROOT, " %,.0f submitted/s (intake p99 %.0f ms, %d non-2xx, %d errors), %,d of %,d"
                        + " completed (%,d in the step): %,.0f completions/s, p50 %.0f ms, p99 %.0f ms, in flight %.0f"
                        + " (max %.0f)%n", submits.leadsPerSecond(), submits.p99Millis(), submits.failedAnswers(),
                submits.errors(), round.completed(), round.accepted(), round.completedInWindow(),
                round.completionsPerSecond(),
                round.p50Millis(), round.p99Millis(), round.meanInFlight(), round.maxInFlight());
        return round;
    }

    private static LoadGenerator.Result runUninterrupted(LoadGenerator generator, URI uri, Duration length) {
        try {
            return generator.run(uri, length, HANGING_RATE, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** Reads every LeadCompleted from the end of the topic on and times those of leads the steps submitted. */
    private void watchCompletions() {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEAD_COMPLETED, Duration.ofMinutes(1))
                    .stream().map(info -> new TopicPartition(Topics.LEAD_COMPLETED, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            while (watching.get()) {
                consumer.poll(POLL).forEach(record -> {
                    long now = System.nanoTime();
                    marks.compute(record.key(), (lead, mark) -> {
                        if (mark == null) {
                            return new Mark(null, 0, now);
                        }
                        if (mark.tracker() != null) {
                            mark.tracker().completed(mark.sentAtNanos(), now);
                        }
                        return null;
                    });
                });
            }
        }
    }

    private void sampleInFlight() {
        Tracker tracker = sampled;
        if (tracker == null || System.nanoTime() > tracker.windowEndsAt) {
            return;
        }
        HttpRequest scrape = HttpRequest.newBuilder(URI.create(stack.baseUri(LeadflowService.DELIVERY)
                + "/actuator/prometheus")).timeout(IN_FLIGHT_SAMPLE).build();
        try {
            Matcher value = IN_FLIGHT.matcher(http.send(scrape, HttpResponse.BodyHandlers.ofString()).body());
            if (value.find()) {
                tracker.inFlight(Double.parseDouble(value.group(1)));
            }
        } catch (IOException | RuntimeException missed) {
            // A sample the busy machine did not answer in time is left out of the mean.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Posts one lead; true when the target takes it, else tells why the run cannot go on. */
    private boolean answersLeads(LoadGenerator generator, URI uri) throws InterruptedException {
        try {
            LoadGenerator.Probe probe = generator.probe(uri);
            if (probe.status() / 100 == 2) {
                return true;
            }
            console.println(uri + " answered a lead with " + probe.status() + ": " + probe.body().strip());
        } catch (IOException e) {
            console.println(uri + " did not answer a lead: " + e);
        }
        return false;
    }

    /** Stops the baseline, the stack and the buyer; once, whether the run ended or Ctrl-C ended it. */
    private void stop() {
        BaselineProcess runningBaseline;
        OwnStack runningStack;
        DisposableServer runningBuyer;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            runningBaseline = baseline;
            runningStack = stack;
            runningBuyer = buyer;
        }
        BenchCommand.stop(runningBaseline, runningStack);
        if (runningBuyer != null) {
            runningBuyer.disposeNow();
        }
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    /**
     * A lead intake accepted (the step it belongs to, when it was sent), or a completion whose lead's answer was not
     * seen yet (no tracker; when it completed).
     */
    private record Mark(Tracker tracker, long sentAtNanos, long completedAtNanos) {
    }

    /** One step's counts, latencies and in-flight samples, written by the watcher, the generator and the sampler. */
    private static final class Tracker {
        final long windowEndsAt;
        final AtomicLong accepted = new AtomicLong();
        final AtomicLong completed = new AtomicLong();
        final AtomicLong completedInWindow = new AtomicLong();
        // Guarded by this.
        private final Histogram latencyMicros = new Histogram(3);
        private double inFlightSum;
        private double inFlightMax;
        private int inFlightSamples;

        Tracker(long windowEndsAt) {
            this.windowEndsAt = windowEndsAt;
        }

        void completed(long sentAtNanos, long completedAtNanos) {
            synchronized (this) {
                latencyMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(completedAtNanos - sentAtNanos)));
            }
            completed.incrementAndGet();
            if (completedAtNanos <= windowEndsAt) {
                completedInWindow.incrementAndGet();
            }
        }

        synchronized void inFlight(double value) {
            inFlightSum += value;
            inFlightMax = Math.max(inFlightMax, value);
            inFlightSamples++;
        }

        synchronized DeliveryRound round(String name, int rate, Figures submits, Duration window) {
            return new DeliveryRound(name, rate, submits, accepted.get(), completedInWindow.get(), completed.get(),
                    window, latencyMicros.getValueAtPercentile(50) / 1000.0,
                    latencyMicros.getValueAtPercentile(99) / 1000.0, latencyMicros.getMaxValue() / 1000.0,
                    inFlightSamples == 0 ? Double.NaN : inFlightSum / inFlightSamples,
                    inFlightSamples == 0 ? Double.NaN : inFlightMax);
        }
    }
}
