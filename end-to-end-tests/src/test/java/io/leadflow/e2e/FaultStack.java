package io.leadflow.e2e;

import io.leadflow.enhancement.EnhancementApplication;
import io.leadflow.intake.IntakeApplication;
import io.leadflow.localstack.ChildProcess;
import io.leadflow.localstack.KafkaBrokerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The pipeline for the fault tests: a Kafka broker and delivery-service as child processes (so a test can restart the
 * one and kill the other), intake and enhancement in this JVM, all on loopback; the flows of
 * {@code src/test/resources/fault-flows}. Every process it starts stops with {@link #close}.
 */
final class FaultStack implements AutoCloseable {

    private static final Duration BROKER_READY = Duration.ofSeconds(90);
    private static final Duration DELIVERY_READY = Duration.ofSeconds(120);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Path directory;
    private final KafkaBrokerProcess broker;
    private final String buyersUrl;
    private final int deliveryPort = freePort();
    private final int intakePort = freePort();
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();
    private ChildProcess delivery;
    private int deliveryStarts;

    FaultStack(Path directory, String buyersUrl) {
        this.directory = directory;
        this.buyersUrl = buyersUrl;
        this.broker = new KafkaBrokerProcess(directory.resolve("kafka"), directory.resolve("logs").resolve("kafka.log"),
                System.getProperty("leadflow.broker.classpath"), freePort(), freePort());
    }

    /** Starts the broker, then delivery (a child JVM), intake and enhancement; returns once all of them answer. */
    void start() throws Exception {
        broker.start(BROKER_READY);
        startDelivery();
        Map<String, Object> common = common();
        services.add(run(IntakeApplication.application(), common, Map.of("server.port", intakePort)));
        services.add(run(EnhancementApplication.application(), common, Map.of("server.port", 0)));
        awaitDelivery();
    }

    String bootstrapServers() {
        return broker.bootstrapServers();
    }

    URI intake(String flow) {
        return URI.create("http://127.0.0.1:" + intakePort + "/flows/" + flow + "/sources/load/submit");
    }

    /** Kills delivery-service at once (SIGKILL: no shutdown hook, nothing committed on the way out). */
    void killDelivery() throws InterruptedException {
        delivery.kill();
    }

    /** Starts delivery-service again, with the same transactional id, and waits until it answers. */
    void restartDelivery() throws IOException {
        startDelivery();
        awaitDelivery();
    }

    /** Stops the broker (SIGTERM, a controlled shutdown) and starts it again on the same data. */
    void restartBroker() throws Exception {
        broker.stop(STOP_GRACE);
        broker.start(BROKER_READY);
    }

    private void startDelivery() throws IOException {
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx512m",
                "-XX:TieredStopAtLevel=1", "-cp", classpath(), "io.leadflow.delivery.DeliveryApplication"));
        common().forEach((key, value) -> command.add("--" + key + "=" + value));
        command.add("--server.port=" + deliveryPort);
        command.add("--leadflow.delivery.transactional-id=delivery-fault-test");
        command.add("--leadflow.delivery.revoke-grace=5s");
        // A killed member leaves its group only once its session times out (also after a broker restart, which
        // starts the timer again): Kafka's default 45 s would be most of the crash test's time.
        command.add("--spring.kafka.consumer.properties.session.timeout.ms=10000");
        command.add("--spring.kafka.consumer.properties.heartbeat.interval.ms=3000");
        deliveryStarts++;
        delivery = ChildProcess.start("delivery-service", command, Map.of(), directory,
                directory.resolve("logs").resolve("delivery-" + deliveryStarts + ".log"));
    }

    private void awaitDelivery() {
        Awaitility.await().atMost(DELIVERY_READY).pollInterval(Duration.ofMillis(250)).until(() -> {
            if (!delivery.isAlive()) {
                throw new IllegalStateException("delivery-service exited: " + delivery.lastLogLines(30));
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + deliveryPort + "/actuator/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                return health.statusCode() == 200 && health.body().contains("\"UP\"");
            } catch (IOException notYet) {
                return false;
            }
        });
    }

    private Map<String, Object> common() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("spring.kafka.bootstrap-servers", broker.bootstrapServers());
        settings.put("leadflow.flows-dir", flowsDir().toString());
        settings.put("leadflow.secrets-dir", directory.resolve("secrets").toString());
        settings.put("leadflow.outbound.allow-private-networks", "true");
        settings.put("server.address", "127.0.0.1");
        settings.put("FAULT_BUYERS_URL", buyersUrl);
        return settings;
    }

    /** The test JVM's own classpath (failsafe's, not its booter jar's), which holds every service. */
    private static String classpath() {
        String testClasspath = System.getProperty("surefire.test.class.path");
        return testClasspath != null ? testClasspath : System.getProperty("java.class.path");
    }

    private static ConfigurableApplicationContext run(SpringApplicationBuilder application, Map<String, Object> common,
                                                      Map<String, Object> own) {
        Map<String, Object> properties = new LinkedHashMap<>(common);
        properties.putAll(own);
        return application.run(properties.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue()).toArray(String[]::new));
    }

    private static Path flowsDir() {
        try {
            return Path.of(FaultStack.class.getResource("/fault-flows").toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (delivery != null) {
            delivery.stop(STOP_GRACE);
        }
        broker.stop(STOP_GRACE);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
