package io.leadflow.localstack.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import io.leadflow.localstack.HealthWait;
import io.leadflow.localstack.KafkaBrokerProcess;
import io.leadflow.localstack.LeadflowService;
import io.leadflow.localstack.LocalFieldKey;
import io.leadflow.localstack.ServiceProcess;
import io.leadflow.localstack.StartupFailure;

/**
 * A stack of a benchmark's own on free ports, so it never meets a {@code ./leadflow up} on the fixed ones: a KRaft
 * broker (data in a run directory, deleted afterwards) and the chosen services, loading the flows of a directory the
 * benchmark chooses. Its logs (and any flight recording the JVM options ask for) stay in the run directory.
 */
final class OwnStack implements BenchStack {

    private static final Duration BROKER_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICES_READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Path root;
    private final Path runDirectory;
    private final KafkaBrokerProcess broker;
    private final List<LeadflowService> chosen;
    private final Path flowsDirectory;
    private final Map<String, String> environment;
    private final Map<LeadflowService, List<String>> jvmOptions;
    // Started by start(), stopped by close() (from the shutdown hook too): guarded by this.
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<LeadflowService, URI> baseUris = new ConcurrentHashMap<>();
    private boolean brokerStarted;
    private boolean closed;

    /**
     * A broker and {@code services} with their files in {@code runDirectory}, loading the flows in
     * {@code flowsDirectory}; {@code environment} is added to each service's (the stack's own settings win), and
     * {@code jvmOptions} go to the named services' JVMs. Nothing runs before {@link #start}.
     */
    OwnStack(Path root, Path runDirectory, List<LeadflowService> services, Path flowsDirectory,
             Map<String, String> environment, Map<LeadflowService, List<String>> jvmOptions) throws IOException {
        this.root = root;
        this.runDirectory = runDirectory;
        this.chosen = List.copyOf(services);
        this.flowsDirectory = flowsDirectory;
        this.environment = Map.copyOf(environment);
        this.jvmOptions = Map.copyOf(jvmOptions);
        int[] ports = freePorts(2);
        this.broker = new KafkaBrokerProcess(runDirectory.resolve("kafka"), runDirectory.resolve("kafka.log"),
                root.resolve("local-stack").resolve("target").resolve("lib").resolve("*").toString(), ports[0],
                ports[1]);
    }

    /** Starts the broker, then the services, and returns once they are healthy; {@link #close} stops them. */
    void start(PrintStream console) throws IOException, StartupFailure, InterruptedException {
        Files.createDirectories(runDirectory);
        Instant started = Instant.now();
        console.println("Starting a broker and " + String.join(", ", chosen.stream().map(LeadflowService::module)
                .toList()) + " of the benchmark's own on free ports (logs in " + root.relativize(runDirectory)
                + ")...");
        synchronized (this) {
            if (closed) {
                return;
            }
            brokerStarted = true;
        }
        broker.start(BROKER_READY_TIMEOUT);
        startServices();
        console.printf("  stack healthy after %d s%n", Duration.between(started, Instant.now()).toSeconds());
    }

    private void startServices() throws IOException, StartupFailure, InterruptedException {
        Path secrets = runDirectory.resolve("secrets");
        LocalFieldKey.ensure(secrets);
        List<HealthWait.Pending> pending = new ArrayList<>();
        for (LeadflowService service : chosen) {
            Path jar = service.executableJar(root).orElseThrow(() -> new IllegalStateException(
                    service.module() + " is not built: run ./mvnw -DskipTests package"));
            int port = freePorts(1)[0];
            Map<String, String> serviceEnvironment = new LinkedHashMap<>(environment);
            serviceEnvironment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
            serviceEnvironment.put("SERVER_PORT", String.valueOf(port));
            serviceEnvironment.put("SERVER_ADDRESS", "127.0.0.1");
            serviceEnvironment.put("LEADFLOW_FLOWS_DIR", flowsDirectory.toString());
            serviceEnvironment.put("LEADFLOW_SECRETS_DIR", secrets.toString());
            serviceEnvironment.put("LEADFLOW_FIELD_KEY_SECRET", LocalFieldKey.SECRET_NAME);
            serviceEnvironment.put("LEADFLOW_STATE_DIR",
                    runDirectory.resolve("state").resolve(service.shortName()).toString());
            ServiceProcess process;
            synchronized (this) {
                if (closed) {
                    return;
                }
                process = ServiceProcess.start(service, port, jar, jvmOptions.getOrDefault(service, List.of()),
                        serviceEnvironment, root, runDirectory.resolve(service.module() + ".log"));
                services.add(process);
            }
            pending.add(process.pendingHealth());
            baseUris.put(service, process.baseUri());
        }
        HealthWait.awaitAll(pending, SERVICES_READY_TIMEOUT, ready -> { });
    }

    /** Where a started service listens ({@code http://127.0.0.1:<port>}). */
    URI baseUri(LeadflowService service) {
        URI uri = baseUris.get(service);
        if (uri == null) {
            throw new IllegalStateException(service.module() + " is not part of this stack or not started");
        }
        return uri;
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public URI intakeBaseUri() {
        return baseUri(LeadflowService.INTAKE);
    }

    @Override
    public String description() {
        return "the benchmark's own, on free ports: a broker and " + (chosen.equals(List.of(LeadflowService.INTAKE))
                ? "intake alone (nothing consumes its leads)"
                : String.join(", ", chosen.stream().map(LeadflowService::module).toList()));
    }

    /** Stops the services, then the broker, and deletes the broker's data; the logs stay. Once. */
    @Override
    public void close() throws InterruptedException {
        List<ServiceProcess> started;
        boolean stopBroker;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            started = List.copyOf(services);
            stopBroker = brokerStarted;
        }
        for (ServiceProcess service : started) {
            service.process().stop(STOP_GRACE);
        }
        if (stopBroker) {
            broker.stop(STOP_GRACE);
            deleteRecursively(runDirectory.resolve("kafka"));
        }
    }

    /** Ports free now, all different (each socket is held until all are found). */
    /** The JVM option that records a service with Java Flight Recorder into {@code file} when it stops. */
    static String flightRecording(Path file) {
        return "-XX:StartFlightRecording=filename=" + file + ",settings=profile,dumponexit=true";
    }

    private static int[] freePorts(int count) throws IOException {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0));
            }
            return sockets.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } finally {
            for (ServerSocket socket : sockets) {
                socket.close();
            }
        }
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + directory, e);
        }
    }
}
