package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.AnswerOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code leadflow.intake.leads}: submissions answered, by flow, source and the outcome answered (success, failure,
 * error, pending); {@code leadflow.intake.pings}: pings answered, by flow, source and outcome. A flow or source id the
 * caller typed that is not loaded counts as {@code unknown}.
 */
@Component
public class IntakeMetrics {

    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

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
