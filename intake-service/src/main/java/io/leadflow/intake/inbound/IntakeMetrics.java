package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.AnswerOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * {@code leadflow.intake.leads}: submissions answered, by flow, source and the outcome answered (success, failure,
 * error, pending); {@code leadflow.intake.pings}: pings answered, by flow, source and outcome. A flow or source id the
 * caller typed that is not loaded counts as {@code unknown}. It also times the submit and ping routes, which Reactor
 * Netty serves ahead of WebFlux, into {@code http.server.requests} with the tags WebFlux gives every other route.
 */
@Component
public class IntakeMetrics {

    static final String UNKNOWN = "unknown";

    private static final Set<String> METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");

    private final MeterRegistry registry;
    private final Map<RouteAnswer, Timer> routeTimers = new ConcurrentHashMap<>();

    /** One route's answers of one method and status: one timer. */
    private record RouteAnswer(String uriTemplate, String method, int status) {
    }

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void countSubmission(String flowId, String sourceId, AnswerOutcome outcome) {
        count("leadflow.intake.leads", "Submissions answered, by flow, source and the outcome answered", flowId,
                sourceId, outcome);
    }

    public void countPing(String flowId, String sourceId, AnswerOutcome outcome) {
        count("leadflow.intake.pings", "Pings answered, by flow, source and the outcome answered", flowId, sourceId,
                outcome);
    }

    /** Times one answer of a route served ahead of WebFlux. */
    public void timeRequest(String uriTemplate, String method, int status, long nanos) {
        String knownMethod = METHODS.contains(method) ? method : "UNKNOWN";
        routeTimers.computeIfAbsent(new RouteAnswer(uriTemplate, knownMethod, status), this::routeTimer)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private Timer routeTimer(RouteAnswer answer) {
        return Timer.builder("http.server.requests")
                .tag("error", "none")
                .tag("exception", "none")
                .tag("method", answer.method())
                .tag("outcome", outcome(answer.status()))
                .tag("status", Integer.toString(answer.status()))
                .tag("uri", answer.uriTemplate())
                .register(registry);
    }

    private static String outcome(int status) {
        return switch (status / 100) {
            case 1 -> "INFORMATIONAL";
            case 2 -> "SUCCESS";
            case 3 -> "REDIRECTION";
            case 4 -> "CLIENT_ERROR";
            case 5 -> "SERVER_ERROR";
            default -> "UNKNOWN";
        };
    }

    private void count(String name, String description, String flowId, String sourceId, AnswerOutcome outcome) {
        Counter.builder(name)
                .description(description)
                .tag("flow", flowId == null ? UNKNOWN : flowId)
                .tag("source", sourceId == null ? UNKNOWN : sourceId)
                .tag("outcome", outcome.wireName())
                .register(registry)
                .increment();
    }
}
