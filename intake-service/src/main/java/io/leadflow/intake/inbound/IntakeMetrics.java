package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.IntakeAnswer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code leadflow.intake.leads}: submissions answered, by flow, source and the outcome answered (success, failure,
 * error, pending). A flow or source id the caller typed that is not loaded counts as {@code unknown}.
 */
@Component
public class IntakeMetrics {

    static final String UNKNOWN = "unknown";

    private final MeterRegistry registry;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(IntakeAnswer answer) {
        Counter.builder("leadflow.intake.leads")
                .description("Submissions answered, by flow, source and the outcome answered")
                .tag("flow", answer.flowId() == null ? UNKNOWN : answer.flowId())
                .tag("source", answer.sourceId() == null ? UNKNOWN : answer.sourceId())
                .tag("outcome", answer.outcome().wireName())
                .register(registry)
                .increment();
    }
}
