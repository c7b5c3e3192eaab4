package io.leadflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A Leadflow service run from its executable jar as a child java process; healthy once its actuator says UP. */
public final class ServiceProcess {

    /**
     * The JVM options every service runs with (as in {@code deploy/Dockerfile}): the throughput collector, which
     * costs less CPU than the default G1 where services share a few cores, for longer young pauses where much of the
     * heap survives (delivery, feedback: docs/architecture.md section 10).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseParallelGC");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LeadflowService service;
    private final ChildProcess process;
    private final URI baseUri;

    private ServiceProcess(LeadflowService service, ChildProcess process, URI baseUri) {
        this.service = service;
        this.process = process;
        this.baseUri = baseUri;
    }

    /**
     * Starts {@code jar} on the service's own port with {@code environment} added to the launcher's own, output to
     * {@code logFile}.
     */
    static ServiceProcess start(LeadflowService service, Path jar, Map<String, String> environment,
                                Path workingDirectory, Path logFile) throws IOException {
        return start(service, service.port(), jar, List.of(), environment, workingDirectory, logFile);
    }

    /**
     * Starts {@code jar} listening on {@code port} (which {@code environment} must hand the service as
     * {@code SERVER_PORT}), with {@code jvmOptions} before {@code -jar}.
     */
    public static ServiceProcess start(LeadflowService service, int port, Path jar, List<String> jvmOptions,
                                       Map<String, String> environment, Path workingDirectory, Path logFile)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.addAll(JVM_OPTIONS);
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return new ServiceProcess(service, ChildProcess.start(
                service.module(), command, environment, workingDirectory, logFile),
                URI.create("http://127.0.0.1:" + port));
    }

    /** Where the service listens. */
    public URI baseUri() {
        return baseUri;
    }

    LeadflowService service() {
        return service;
    }

    public ChildProcess process() {
        return process;
    }

    public HealthWait.Pending pendingHealth() {
        return new HealthWait.Pending(process, () -> isHealthyAt(baseUri));
    }

    /** True when the service's {@code GET /actuator/health} on its local-stack port answers UP. */
    public static boolean isHealthy(LeadflowService service) {
        return isHealthyAt(service.baseUri());
    }

    /** True when {@code GET /actuator/health} at that base URI answers 200 with {@code "status": "UP"}. */
    public static boolean isHealthyAt(URI baseUri) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUri + "/actuator/health"))
                .timeout(HEALTH_REQUEST_TIMEOUT)
                .GET()
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200
                    && "UP".equals(JSON.readTree(response.body()).path("status").asString(""));
        } catch (IOException | JacksonException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
