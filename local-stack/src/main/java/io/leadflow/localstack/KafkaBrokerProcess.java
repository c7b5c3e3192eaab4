package io.leadflow.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft combined mode (broker and controller in one JVM), run as a child java process.
 * Its storage is formatted on the first start only, so topics and records survive a restart.
 */
public final class KafkaBrokerProcess {

    static final String NAME = "kafka";

    private static final String LOG4J2_RESOURCE = "kafka-log4j2.properties";
    private static final Duration STORAGE_FORMAT_TIMEOUT = Duration.ofSeconds(60);
    private static final int READY_CHECK_TIMEOUT_MS = 2_000;
    private static final int READY_CHECK_BACKOFF_MS = 100;

    private final Path directory;
    private final Path logFile;
    private final String classpath;
    private final int port;
    private final int controllerPort;
    private volatile ChildProcess process;

    /**
     * @param directory      where the broker keeps its configuration and, under {@code data}, its logs and metadata
     * @param logFile        where the broker's output goes
     * @param classpath      the broker's classpath (Kafka's jars and a log4j2 binding)
     * @param port           the client listener on 127.0.0.1
     * @param controllerPort the KRaft controller listener on 127.0.0.1
     */
    public KafkaBrokerProcess(Path directory, Path logFile, String classpath, int port, int controllerPort) {
        this.directory = directory.toAbsolutePath();
        this.logFile = logFile.toAbsolutePath();
        this.classpath = classpath;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and returns once it answers metadata requests. */
    public void start(Duration readyTimeout) throws IOException, StartupFailure, InterruptedException {
        launch();
        awaitReady(readyTimeout);
    }

    /** Formats the storage if it never was, then starts the broker process without waiting for it. */
    ChildProcess launch() throws IOException, StartupFailure, InterruptedException {
        Path config = writeServerProperties();
        Path loggingConfig = writeLoggingConfig();
        if (!Files.exists(dataDirectory().resolve("meta.properties"))) {
            formatStorage(config);
        }
        process = ChildProcess.start(NAME, List.of(
                ChildProcess.javaExecutable(),
                "-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + loggingConfig,
                "-cp", classpath,
                "kafka.Kafka", config.toString()), Map.of(), directory, logFile);
        return process;
    }

    /** Waits until the launched broker answers metadata requests (it does once it is registered and unfenced). */
    void awaitReady(Duration timeout) throws StartupFailure, InterruptedException {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, READY_CHECK_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, READY_CHECK_TIMEOUT_MS,
                // The listener opens seconds after launch: retry a refused connection every 100 ms rather than
                // backing off up to the default second, which would add that second to every start.
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, READY_CHECK_BACKOFF_MS,
                AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, READY_CHECK_BACKOFF_MS))) {
            HealthWait.awaitAll(List.of(new HealthWait.Pending(process, () -> answersMetadata(admin))), timeout,
                    ready -> { });
        }
    }

    /**
     * Stops the broker (a controlled shutdown on SIGTERM), killing it if it takes longer than {@code grace};
     * false if it had to be killed.
     */
    public boolean stop(Duration grace) throws InterruptedException {
        ChildProcess running = process;
        return running == null || running.stop(grace);
    }

    private static boolean answersMetadata(Admin admin) {
        try {
            return !admin.describeCluster(new DescribeClusterOptions().timeoutMs(READY_CHECK_TIMEOUT_MS))
                    .nodes().get(READY_CHECK_TIMEOUT_MS, TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path dataDirectory() {
        return directory.resolve("data");
    }

    private Path writeServerProperties() throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", "1");
        settings.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        settings.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        settings.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        settings.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", "PLAINTEXT");
        settings.put("log.dirs", dataDirectory().toString());
        // The services create their topics; a typo in a topic name must fail instead of creating a new topic.
        settings.put("auto.create.topics.enable", "false");
        // One node: internal topics with the default replication factor of 3 could never be created, and
        // transactional producers would hang waiting for the transaction log.
        settings.put("offsets.topic.replication.factor", "1");
        settings.put("transaction.state.log.replication.factor", "1");
        settings.put("transaction.state.log.min.isr", "1");
        settings.put("share.coordinator.state.topic.replication.factor", "1");
        settings.put("share.coordinator.state.topic.min.isr", "1");
        // A consumer group of one member has nobody to wait for.
        settings.put("group.initial.rebalance.delay.ms", "0");

        Files.createDirectories(dataDirectory());
        Path config = directory.resolve("server.properties");
        Files.writeString(config, settings.entrySet().stream()
                .map(setting -> setting.getKey() + "=" + setting.getValue())
                .collect(Collectors.joining("\n", "# Written by local-stack on every start.\n", "\n")));
        return config;
    }

    private Path writeLoggingConfig() throws IOException {
        Path config = directory.resolve("log4j2.properties");
        try (InputStream resource = KafkaBrokerProcess.class.getResourceAsStream(LOG4J2_RESOURCE)) {
            if (resource == null) {
                throw new IOException(LOG4J2_RESOURCE + " is not on the classpath");
            }
            Files.copy(resource, config, StandardCopyOption.REPLACE_EXISTING);
        }
        return config;
    }

    private void formatStorage(Path config) throws IOException, StartupFailure, InterruptedException {
        ChildProcess format = ChildProcess.start(NAME + " storage format", List.of(
                ChildProcess.javaExecutable(),
                "-cp", classpath,
                "kafka.tools.StorageTool", "format",
                "--cluster-id", Uuid.randomUuid().toString(),
                "--config", config.toString()), Map.of(), directory, logFile);
        if (!format.awaitExit(STORAGE_FORMAT_TIMEOUT)) {
            format.stop(Duration.ZERO);
            throw new StartupFailure("Kafka storage format did not finish within "
                    + STORAGE_FORMAT_TIMEOUT.toSeconds() + " s", List.of(format));
        }
        if (format.exitCode() != 0) {
            throw StartupFailure.exited(format);
        }
    }
}
