package io.leadflow.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/** A Leadflow service run from its executable jar as a child java process; healthy once its actuator says UP. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Duration HEALTH_REQUEST_TIMEOUT = Duration.ofSeconds(2);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final LeadflowService service;
    private final ChildProcess process;

    private ServiceProcess(LeadflowService service, ChildProcess process) {
        this.service = service;
        this.process = process;
    }

    /** Starts {@code jar} with {@code environment} added to the launcher's own, output to {@code logFile}. */
    static ServiceProcess start(LeadflowService service, Path jar, Map<String, String> environment,
                                Path workingDirectory, Path logFile) throws IOException {
        List<String> command = List.of(ChildProcess.javaExecutable(), "-jar", jar.toString());
        return new ServiceProcess(service, ChildProcess.start(
                service.module(), command, environment, workingDirectory, logFile));
    }

    LeadflowService service() {
        return service;
    }

    ChildProcess process() {
        return process;
    }

    HealthWait.Pending pendingHealth() {
        return new HealthWait.Pending(process, () -> isHealthy(service));
    }

    /** True when the service's {@code GET /actuator/health} answers 200 with {@code "status": "UP"}. */
    public static boolean isHealthy(LeadflowService service) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(service.baseUri() + "/actuator/health"))
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
