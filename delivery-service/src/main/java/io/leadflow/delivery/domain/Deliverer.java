package io.leadflow.delivery.domain;

import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.integration.Outcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an enhanced lead through its flow's recipient and filter steps and completes it. A lead that enhancement or
 * intake stopped, or whose flow revision this process has not loaded, completes at once without any delivery.
 */
public final class Deliverer {

    private static final Logger log = LoggerFactory.getLogger(Deliverer.class);

    private final FlowCatalog flows;
    private final FlowRunner runner;
    private final Clock clock;

    public Deliverer(FlowCatalog flows, FlowRunner runner, Clock clock) {
        this.flows = flows;
        this.runner = runner;
        this.clock = clock;
    }

    /**
     * The delivery of a lead that {@code enhancedEventId} announced, after the {@code enhancementSteps} that ran and
     * the {@code stop} they ended with (null when the lead may go on). Recipients' failures and errors are their
     * outcomes.
     */
    public CompletableFuture<Delivery> deliver(String enhancedEventId, Lead lead, List<StepResult> enhancementSteps,
                                               LeadStop stop) {
        if (stop != null) {
            return completedAt(enhancedEventId, lead, enhancementSteps, stop);
        }
        Optional<Flow> flow = flows.find(lead.flowId(), lead.flowRevision());
        if (flow.isEmpty()) {
            log.warn("Lead {} names flow {} revision {}, which is not loaded", lead.id(), lead.flowId(),
                    lead.flowRevision());
            return completedAt(enhancedEventId, lead, enhancementSteps,
                    new LeadStop(null, Outcome.ERROR, notLoaded(lead)));
        }
        return runner.runDelivery(flow.get(), lead, enhancementSteps).thenApply(pass -> {
            Instant now = clock.instant();
            List<DeliveryAttempt> attempts = pass.steps().stream()
                    .filter(Deliverer::sentTheLead)
                    .map(step -> DeliveryAttempt.of(enhancedEventId, now, lead, step, DeliveryAttempt.FIRST))
                    .toList();
            List<StepResult> steps = new ArrayList<>(enhancementSteps);
            steps.addAll(pass.steps());
            return new Delivery(attempts, Completion.of(enhancedEventId, now, lead, pass.stop(), steps));
        });
    }

    private CompletableFuture<Delivery> completedAt(String enhancedEventId, Lead lead, List<StepResult> steps,
                                                    LeadStop stop) {
        return CompletableFuture.completedFuture(
                new Delivery(List.of(), Completion.of(enhancedEventId, clock.instant(), lead, stop, steps)));
    }

    /** A recipient step whose criteria held and whose variables validated; a skipped one sent nothing. */
    private static boolean sentTheLead(StepResult step) {
        return step.kind() == StepKind.RECIPIENT && step.outcome() != Outcome.SKIP;
    }

    private String notLoaded(Lead lead) {
        String reason = "Flow " + lead.flowId() + " revision " + lead.flowRevision()
                + " is not loaded by delivery-service";
        return flows.find(lead.flowId()).map(loaded -> reason + " (it has revision " + loaded.revision() + ")")
                .orElse(reason);
    }
}
