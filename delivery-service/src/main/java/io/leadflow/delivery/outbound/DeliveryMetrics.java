package io.leadflow.delivery.outbound;

import io.leadflow.delivery.domain.Completion;
import io.leadflow.delivery.domain.DeadLetter;
import io.leadflow.delivery.domain.DeliveryAttempt;
import io.leadflow.delivery.domain.JournalEntry;
import io.leadflow.delivery.domain.ScheduledRetry;
import io.leadflow.flow.FlowCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Delivery's counters, counted once what they count is recorded: {@code leadflow.delivery.deliveries} (flow, entity,
 * outcome), {@code leadflow.delivery.leads.completed} (flow, outcome), {@code leadflow.delivery.retries.scheduled}
 * (flow, step) and {@code leadflow.delivery.dead.letters} (flow, reason). A flow id this process has not loaded is
 * tagged {@code unknown}.
 */
@Component
public class DeliveryMetrics {

    private final MeterRegistry registry;
    private final FlowCatalog flows;

    DeliveryMetrics(MeterRegistry registry, FlowCatalog flows) {
        this.registry = registry;
        this.flows = flows;
    }

    void recorded(JournalEntry entry) {
        entry.attempts().forEach(this::deliveryAttempted);
        if (entry.completion() != null) {
            leadCompleted(entry.completion());
        }
        entry.retries().forEach(this::retryScheduled);
        entry.deadLetters().forEach(this::deadLettered);
    }

    /** A record that could not be decoded was parked. */
    public void deadLettered(DeadLetter deadLetter) {
        Counter.builder("leadflow.delivery.dead.letters")
                .description("Records parked on delivery.dead-letter, by flow and reason")
                .tag("flow", flowTag(deadLetter.flowId()))
                .tag("reason", deadLetter.category().name().toLowerCase(Locale.ROOT))
                .register(registry)
                .increment();
    }

    private void deliveryAttempted(DeliveryAttempt attempt) {
        Counter.builder("leadflow.delivery.deliveries")
                .description("Delivery attempts to recipients, by flow, entity and outcome")
                .tag("flow", flowTag(attempt.lead().flowId()))
                .tag("entity", attempt.result().entity())
                .tag("outcome", attempt.result().outcome().wireName())
                .register(registry)
                .increment();
    }

    private void leadCompleted(Completion completion) {
        Counter.builder("leadflow.delivery.leads.completed")
                .description("Leads that finished their flow's first pass, by flow and outcome")
                .tag("flow", flowTag(completion.lead().flowId()))
                .tag("outcome", completion.outcome().wireName())
                .register(registry)
                .increment();
    }

    private void retryScheduled(ScheduledRetry retry) {
        Counter.builder("leadflow.delivery.retries.scheduled")
                .description("Attempts of recipient steps scheduled after an error, by flow and step")
                .tag("flow", flowTag(retry.lead().flowId()))
                .tag("step", retry.stepId() == null ? "none" : retry.stepId())
                .register(registry)
                .increment();
    }

    private String flowTag(String flowId) {
        return flowId != null && flows.find(flowId).isPresent() ? flowId : "unknown";
    }
}
