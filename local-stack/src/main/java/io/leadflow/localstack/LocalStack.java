package io.leadflow.localstack;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code up}: a real KRaft Kafka broker (data under {@code ./var}), the demo partners and the four services on this
 * machine, each service and the broker a child process, all stopped together by Ctrl-C (services first).
 * {@code demo-partners}: only the demo partners, as a process of their own (a container, an IDE run).
 */
public final class LocalStack {

    private static final int BROKER_PORT = 9092;
    private static final int CONTROLLER_PORT = 9093;
    private static final Duration BROKER_READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration SERVICES_READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_TAIL_LINES = 40;
    private static final int EXIT_INTERRUPTED = 130;
    /** The demo flow's feedback key for its buyer (flows/demo.yaml); a fixed demo value unless set. */
    private static final String DEMO_FEEDBACK_KEY_VARIABLE = "DEMO_FEEDBACK_KEY";
    private static final String DEMO_FEEDBACK_KEY = "demo-feedback-key";
    private static final String LISTS_SECRET_VARIABLE = "LEADFLOW_LISTS_SECRET";
    /** The hashing secret of the local stack's lists: local use only; a deployment sets its own. */
    private static final String LOCAL_LISTS_SECRET = "local-lists-secret";

    private final Path root;
    private final Path varDirectory;
    private final Path logDirectory;
    private final Path brokerLibDirectory;
    private final PrintStream console;
    private final KafkaBrokerProcess broker;

    // Written by the starting thread, read by the shutdown hook: guarded by this.
    private boolean stopping;
    private DemoPartners demoPartners;
    private PrintStream demoPartnersLog;
    private ChildProcess brokerProcess;
    private final List<ServiceProcess> services = new ArrayList<>();

    LocalStack(Path root, PrintStream console) {
        this.root = root;
        this.varDirectory = root.resolve("var");
        this.logDirectory = varDirectory.resolve("logs");
        this.brokerLibDirectory = root.resolve("local-stack").resolve("target").resolve("lib");
        this.console = console;
        this.broker = new KafkaBrokerProcess(varDirectory.resolve("kafka"), logDirectory.resolve("kafka.log"),
                brokerLibDirectory.resolve("*").toString(), BROKER_PORT, CONTROLLER_PORT);
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "" : args[0];
        try {
            switch (command) {
                case "up" -> System.exit(new LocalStack(Path.of("").toAbsolutePath(), System.out).up());
                case "demo-partners" -> runDemoPartners();
                case "lists" -> System.exit(io.leadflow.localstack.lists.ListsCommand.run(args));
                default -> {
                    System.err.println("usage: LocalStack up | demo-partners | lists ...   (run from the project root)");
                    System.exit(2);
                }
            }
        } catch (Exception e) {
            System.err.println("local-stack failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }

    private static void runDemoPartners() throws IOException {
        InetSocketAddress address = DemoPartners.addressFromEnvironment(System.getenv());
        DemoPartners partners = DemoPartners.start(address, System.out::println);
        Runtime.getRuntime().addShutdownHook(new Thread(partners::close, "demo-partners-stop"));
        System.out.println("Demo partners listening on " + address.getHostString() + ":" + partners.baseUri().getPort()
                + ": POST /phone-check, POST /buyer/leads");
    }

    /** Starts everything, then waits until Ctrl-C or until a child exits; returns the exit code. */
    int up() throws IOException, InterruptedException {
        Map<LeadflowService, Path> jars = new EnumMap<>(LeadflowService.class);
        List<String> missing = new ArrayList<>();
        for (LeadflowService service : LeadflowService.values()) {
            service.executableJar(root).ifPresentOrElse(jar -> jars.put(service, jar),
                    () -> missing.add(service.module() + "/target/" + service.module() + "-<version>-exec.jar"));
        }
        if (!Files.isDirectory(brokerLibDirectory)) {
            missing.add(root.relativize(brokerLibDirectory) + "/ (Kafka's jars)");
        }
        if (!missing.isEmpty()) {
            console.println("Not built yet: " + String.join(", ", missing)
                    + ".\n`./leadflow up` builds what is missing; or run ./mvnw -DskipTests package.");
            return 1;
        }
        InetSocketAddress demoPartnersAddress = DemoPartners.addressFromEnvironment(System.getenv());
        List<String> busy = busyPorts(demoPartnersAddress.getPort());
        if (!busy.isEmpty()) {
            busy.forEach(console::println);
            console.println("Is another `./leadflow up` still running? Stop it (Ctrl-C in its terminal) or free "
                    + (busy.size() == 1 ? "the port." : "those ports."));
            return 1;
        }

        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "local-stack-stop"));
        console.println("Leadflow local stack in " + root + " (logs in " + root.relativize(logDirectory) + ")");
        if (System.getenv("LEADFLOW_SECRETS_DIR") == null && System.getenv("LEADFLOW_FIELD_KEY_SECRET") == null
                && LocalFieldKey.ensure(root.resolve("secrets"))) {
            console.println("Created a random key for sealed fields (ssn, credential) in secrets/"
                    + LocalFieldKey.SECRET_NAME + "; keep it: leads stored with it open only with it.");
        }
        try {
            startBroker();
            startDemoPartners(demoPartnersAddress);
            startServices(jars);
        } catch (StartupFailure failure) {
            if (isStopping()) {
                return EXIT_INTERRUPTED;
            }
            report(failure.getMessage(), failure.culprits());
            return 1;
        }
        printWhereToStart();
        return awaitFirstExit();
    }

    private void startBroker() throws IOException, StartupFailure, InterruptedException {
        Instant started = Instant.now();
        console.println("Starting the Kafka broker on " + broker.bootstrapServers() + " (data in "
                + root.relativize(varDirectory.resolve("kafka")) + ")...");
        synchronized (this) {
            failIfStopping();
            brokerProcess = broker.launch();
        }
        broker.awaitReady(BROKER_READY_TIMEOUT);
        console.println("  Kafka broker ready in " + secondsSince(started));
    }

    private synchronized void startDemoPartners(InetSocketAddress address) throws IOException, StartupFailure {
        failIfStopping();
        Files.createDirectories(logDirectory);
        demoPartnersLog = new PrintStream(new FileOutputStream(logDirectory.resolve("demo-partners.log").toFile()),
                true, StandardCharsets.UTF_8);
        demoPartners = DemoPartners.start(address, demoPartnersLog::println);
        console.println("Demo partners on " + demoPartners.baseUri() + " (POST /phone-check, POST /buyer/leads)");
    }

    private void startServices(Map<LeadflowService, Path> jars)
            throws IOException, StartupFailure, InterruptedException {
        Instant started = Instant.now();
        List<HealthWait.Pending> pending = new ArrayList<>();
        synchronized (this) {
            failIfStopping();
            for (Map.Entry<LeadflowService, Path> jar : jars.entrySet()) {
                LeadflowService service = jar.getKey();
                ServiceProcess process = ServiceProcess.start(service, jar.getValue(), serviceEnvironment(service),
                        root, logDirectory.resolve(service.module() + ".log"));
                services.add(process);
                pending.add(process.pendingHealth());
            }
        }
        console.println("Starting " + String.join(", ", jars.keySet().stream().map(LeadflowService::module).toList())
                + " (a minute or so on two cores)...");
        HealthWait.awaitAll(pending, SERVICES_READY_TIMEOUT,
                ready -> console.println("  " + ready.name() + " healthy after " + secondsSince(started)));
    }

    /**
     * What every service gets on top of the launcher's environment. {@code LEADFLOW_FLOWS_DIR},
     * {@code LEADFLOW_SECRETS_DIR}, {@code DEMO_FEEDBACK_KEY} and {@code LEADFLOW_LISTS_SECRET} pass through when set, so
     * {@code LEADFLOW_FLOWS_DIR=my-flows ./leadflow up} runs other flows; the rest point the services at this stack.
     */
    private Map<String, String> serviceEnvironment(LeadflowService service) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KAFKA_BOOTSTRAP_SERVERS", broker.bootstrapServers());
        environment.put("SERVER_PORT", String.valueOf(service.port()));
        // A local stack is for this machine only: the services listen on loopback, not on every interface.
        environment.put("SERVER_ADDRESS", "127.0.0.1");
        environment.put("LEADFLOW_FLOWS_DIR", passedThroughOr("LEADFLOW_FLOWS_DIR", root.resolve("flows")));
        environment.put("LEADFLOW_SECRETS_DIR", passedThroughOr("LEADFLOW_SECRETS_DIR", root.resolve("secrets")));
        // The demo partners listen on loopback, which the outbound SSRF guard refuses unless told otherwise.
        environment.put("LEADFLOW_OUTBOUND_ALLOW_PRIVATE_NETWORKS", "true");
        environment.put("LEADFLOW_STATE_DIR", varDirectory.resolve("state").resolve(service.shortName()).toString());
        environment.put("DEMO_PARTNER_URL", demoPartners.baseUri().toString());
        environment.put(DEMO_FEEDBACK_KEY_VARIABLE, passedThroughOr(DEMO_FEEDBACK_KEY_VARIABLE, DEMO_FEEDBACK_KEY));
        environment.put(LISTS_SECRET_VARIABLE, passedThroughOr(LISTS_SECRET_VARIABLE, LOCAL_LISTS_SECRET));
        environment.put("LEADFLOW_LISTS_URL", LeadflowService.ENHANCEMENT.baseUri().toString());
        return environment;
    }

    private static String passedThroughOr(String variable, Object fallback) {
        return Optional.ofNullable(System.getenv(variable)).orElse(fallback.toString());
    }

    private List<String> busyPorts(int demoPartnersPort) {
        Map<Integer, String> needed = new LinkedHashMap<>();
        needed.put(BROKER_PORT, "the Kafka broker");
        needed.put(CONTROLLER_PORT, "the Kafka controller");
        for (LeadflowService service : LeadflowService.values()) {
            needed.put(service.port(), service.module());
        }
        needed.put(demoPartnersPort, "the demo partners (" + DemoPartners.PORT_VARIABLE + ")");
        List<String> busy = new ArrayList<>();
        needed.forEach((port, user) -> {
            if (isInUse(port)) {
                busy.add("Port " + port + " on 127.0.0.1, needed by " + user + ", is in use"
                        + (port == BROKER_PORT ? " (by a Kafka broker?)." : "."));
            }
        });
        return busy;
    }

    private static boolean isInUse(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private int awaitFirstExit() {
        List<ChildProcess> children = new ArrayList<>();
        synchronized (this) {
            children.add(brokerProcess);
            services.forEach(service -> children.add(service.process()));
        }
        CompletableFuture<?>[] exits = children.stream()
                .map(child -> child.onExit().thenApply(exited -> child))
                .toArray(CompletableFuture[]::new);
        ChildProcess exited = (ChildProcess) CompletableFuture.anyOf(exits).join();
        if (isStopping()) {
            return EXIT_INTERRUPTED;
        }
        report(exited.name() + " exited with code " + exited.exitCode() + "; stopping the others", List.of(exited));
        return 1;
    }

    private void report(String problem, List<ChildProcess> culprits) {
        console.println();
        console.println(problem);
        for (ChildProcess culprit : culprits) {
            console.println("---- last lines of " + root.relativize(culprit.logFile()) + " ----");
            culprit.lastLogLines(LOG_TAIL_LINES).forEach(console::println);
            console.println("----");
        }
    }

    /** The shutdown hook: services first (in parallel), then the demo partners, then the broker. */
    private void stop() {
        List<ServiceProcess> runningServices;
        DemoPartners runningDemoPartners;
        PrintStream runningDemoPartnersLog;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            runningServices = List.copyOf(services);
            runningDemoPartners = demoPartners;
            runningDemoPartnersLog = demoPartnersLog;
        }
        console.println();
        console.println("Stopping the local stack...");
        try {
            Instant deadline = Instant.now().plus(STOP_GRACE);
            runningServices.forEach(service -> service.process().terminate());
            for (ServiceProcess service : runningServices) {
                if (!service.process().awaitExitOrKill(deadline)) {
                    console.println("  " + service.process().name() + " did not stop within "
                            + STOP_GRACE.toSeconds() + " s and was killed");
                }
            }
            if (runningDemoPartners != null) {
                runningDemoPartners.close();
                runningDemoPartnersLog.close();
            }
            if (!broker.stop(STOP_GRACE)) {
                console.println("  the Kafka broker did not stop within " + STOP_GRACE.toSeconds() + " s and was killed");
            }
            console.println("Stopped. Data stays in " + root.relativize(varDirectory) + "; `./leadflow up` resumes.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized boolean isStopping() {
        return stopping;
    }

    private void failIfStopping() throws StartupFailure {
        if (stopping) {
            throw new StartupFailure("stopping", List.of());
        }
    }

    private static String secondsSince(Instant start) {
        return String.format("%.1f s", Duration.between(start, Instant.now()).toMillis() / 1000.0);
    }

    private void printWhereToStart() {
        // A key the user chose is a secret: the example names the variable instead of printing its value.
        String feedbackKey = System.getenv(DEMO_FEEDBACK_KEY_VARIABLE) == null
                ? DEMO_FEEDBACK_KEY : "$" + DEMO_FEEDBACK_KEY_VARIABLE;
        console.println("""

                Leadflow is up. Ctrl-C stops everything; data stays in var/ for the next `./leadflow up`.

                  intake         %1$s
                  enhancement    %2$s
                  delivery       %3$s
                  feedback       %4$s
                  demo partners  %5$s
                                 POST /phone-check: a number ending in an even digit is mobile, odd a fixed line
                                 POST /buyer/leads: rejects an email containing "dup", answers 500 to "fail"

                Post a lead to the demo flow:
                  curl -i -X POST %1$s/flows/demo/sources/web/submit \\
                    -H 'Content-Type: application/json' \\
                    -d '{"first_name":"Ada","last_name":"Lovelace","email":"ada@example.com","phone_1":"5125550142"}'

                Report a return of that lead and read its timeline (<id> is lead.id in the answer above):
                  curl -i -X POST %4$s/feedback \\
                    -H 'Content-Type: application/json' -H "X-Feedback-Key: %6$s" \\
                    -d '{"lead_id":"<id>","type":"return","reason":"Wrong number"}'
                  curl -s %4$s/leads/<id>

                Metrics:
                  %1$s/actuator/prometheus
                  %2$s/actuator/prometheus
                  %3$s/actuator/prometheus
                  %4$s/actuator/prometheus
                """.formatted(LeadflowService.INTAKE.baseUri(), LeadflowService.ENHANCEMENT.baseUri(),
                LeadflowService.DELIVERY.baseUri(), LeadflowService.FEEDBACK.baseUri(), demoPartners.baseUri(),
                feedbackKey));
    }
}
