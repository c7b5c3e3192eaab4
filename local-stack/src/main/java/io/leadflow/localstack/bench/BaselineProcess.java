package io.leadflow.localstack.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.leadflow.localstack.ChildProcess;
import io.leadflow.localstack.HealthWait;
import io.leadflow.localstack.ServiceProcess;
import io.leadflow.localstack.StartupFailure;

/**
 * The baseline server in a JVM of its own on a free port, started like each service (one JVM per endpoint, the same
 * java executable, the services' JVM options), so the two endpoints of the benchmark start from the same place.
 */
final class BaselineProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final ChildProcess process;
    private final int port;

    private BaselineProcess(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts {@link BaselineServer} on {@code classpath}, sending to the broker at {@code bootstrapServers}. */
    static BaselineProcess start(String classpath, String bootstrapServers, Path workingDirectory, Path logFile)
            throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(ServiceProcess.JVM_OPTIONS);
        command.addAll(List.of("-cp", classpath, BaselineServer.class.getName(), String.valueOf(port),
                bootstrapServers));
        ChildProcess process = ChildProcess.start("baseline", command, Map.of(), workingDirectory, logFile);
        return new BaselineProcess(process, port);
    }

    /** Returns once the server answers its health check; throws when it exits first or {@code timeout} passes. */
    void awaitReady(Duration timeout) throws StartupFailure, InterruptedException {
        HealthWait.awaitAll(List.of(new HealthWait.Pending(process, this::answers)), timeout, ready -> { });
    }

    URI submitUri() {
        return URI.create("http://127.0.0.1:" + port + BaselineServer.SUBMIT_PATH);
    }

    ChildProcess process() {
        return process;
    }

    /** Stops the server (SIGTERM, then SIGKILL after a grace period). */
    @Override
    public void close() throws InterruptedException {
        process.stop(STOP_GRACE);
    }

    private boolean answers() {
        URI health = URI.create("http://127.0.0.1:" + port + BaselineServer.HEALTH_PATH);
        HttpRequest request = HttpRequest.newBuilder(health)
                .timeout(Duration.ofSeconds(2))
                .GET()
                .build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
