package io.leadflow.feedback.inbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/** {@code leadflow.feedback.feedback}: feedback calls answered, by type and result. */
@Component
public class FeedbackMetrics {

    static final String UNKNOWN_TYPE = "unknown";

    private final MeterRegistry registry;

    public FeedbackMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code type}: return, conversion or unknown; {@code result}: matched, a rejection, invalid or timeout. */
    void count(String type, String result) {
        Counter.builder("leadflow.feedback.feedback")
                .description("Feedback calls answered, by type and result")
                .tag("type", type)
                .tag("result", result)
                .register(registry)
                .increment();
    }
}
