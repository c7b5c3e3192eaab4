package io.leadflow.enhancement.outbound;

import io.leadflow.enhancement.domain.LeadEnhancement;
import io.leadflow.flow.FlowCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code leadflow.enhancement.leads}: leads enhanced, by flow and outcome ({@code passed}, or the outcome of what
 * stopped the lead). A flow id this process has not loaded is tagged {@code unknown}.
 */
@Component
class EnhancementMetrics {

    private final MeterRegistry registry;
    private final FlowCatalog flows;

    EnhancementMetrics(MeterRegistry registry, FlowCatalog flows) {
        this.registry = registry;
        this.flows = flows;
    }

    void leadEnhanced(LeadEnhancement enhancement) {
        String flowId = enhancement.lead().flowId();
        Counter.builder("leadflow.enhancement.leads")
                .description("Leads enhanced, by flow and outcome: passed, or the outcome of what stopped them")
                .tag("flow", flows.find(flowId).isPresent() ? flowId : "unknown")
                .tag("outcome", enhancement.stop() == null ? "passed" : enhancement.stop().outcome().wireName())
                .register(registry)
                .increment();
    }
}
