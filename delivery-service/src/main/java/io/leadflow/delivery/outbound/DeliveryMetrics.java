package io.leadflow.delivery.outbound;

import io.leadflow.delivery.domain.Completion;
import io.leadflow.delivery.domain.DeliveryAttempt;
import io.leadflow.flow.FlowCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code leadflow.delivery.deliveries} (flow, entity, outcome): one per delivery attempt published;
 * {@code leadflow.delivery.leads.completed} (flow, outcome): one per completion. A flow id this process has not
 * loaded is tagged {@code unknown}.
 */
@Component
class DeliveryMetrics {

    private final MeterRegistry registry;
    private final FlowCatalog flows;

    DeliveryMetrics(MeterRegistry registry, FlowCatalog flows) {
        this.registry = registry;
        this.flows = flows;
    }

    void deliveryAttempted(DeliveryAttempt attempt) {
        Counter.builder("leadflow.delivery.deliveries")
                .description("Delivery attempts to recipients, by flow, entity and outcome")
                .tag("flow", flowTag(attempt.lead().flowId()))
                .tag("entity", attempt.result().entity())
                .tag("outcome", attempt.result().outcome().wireName())
                .register(registry)
                .increment();
    }

    void leadCompleted(Completion completion) {
        Counter.builder("leadflow.delivery.leads.completed")
                .description("Leads that finished their flow's first pass, by flow and outcome")
                .tag("flow", flowTag(completion.lead().flowId()))
                .tag("outcome", completion.outcome().wireName())
                .register(registry)
                .increment();
    }

    private String flowTag(String flowId) {
        return flows.find(flowId).isPresent() ? flowId : "unknown";
    }
}
