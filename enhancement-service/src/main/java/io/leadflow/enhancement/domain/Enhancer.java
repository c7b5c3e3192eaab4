package io.leadflow.enhancement.domain;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.flow.run.PassResult;
import io.leadflow.integration.Outcome;
import io.leadflow.servicekit.EventIds;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a received lead through its flow's leading enhancement and filter steps. A lead intake's acceptance criteria
 * refused, or one whose flow revision this process has not loaded, runs no step and carries the reason to delivery.
 */
public final class Enhancer {

    private static final Logger log = LoggerFactory.getLogger(Enhancer.class);

    private final FlowCatalog flows;
    private final FlowRunner runner;
    private final Clock clock;

    public Enhancer(FlowCatalog flows, FlowRunner runner, Clock clock) {
        this.flows = flows;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * The enhancement of a lead that {@code receivedEventId} announced; {@code rejection} is why intake refused it, or
     * null. Never completes exceptionally for a business reason: a step's failure is its outcome.
     */
    public CompletableFuture<LeadEnhancement> enhance(String receivedEventId, Lead lead, LeadStop rejection) {
        return pass(lead, rejection).thenApply(pass -> new LeadEnhancement(
                EventIds.derived("lead-enhanced", receivedEventId), receivedEventId, clock.instant(), lead,
                pass.steps(), pass.stop()));
    }

    private CompletableFuture<PassResult> pass(Lead lead, LeadStop rejection) {
        if (rejection != null) {
            return stoppedBy(rejection);
        }
        Optional<Flow> flow = flows.find(lead.flowId(), lead.flowRevision());
        if (flow.isEmpty()) {
            log.warn("Lead {} names flow {} revision {}, which is not loaded", lead.id(), lead.flowId(),
                    lead.flowRevision());
            return stoppedBy(new LeadStop(null, Outcome.ERROR, notLoaded(lead)));
        }
        return runner.runEnhancement(flow.get(), lead);
    }

    private String notLoaded(Lead lead) {
        String reason = "Flow " + lead.flowId() + " revision " + lead.flowRevision()
                + " is not loaded by enhancement-service";
        return flows.find(lead.flowId()).map(loaded -> reason + " (it has revision " + loaded.revision() + ")")
                .orElse(reason);
    }

    private static CompletableFuture<PassResult> stoppedBy(LeadStop stop) {
        return CompletableFuture.completedFuture(new PassResult(List.of(), stop));
    }
}
