package io.leadflow.delivery.domain;

import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.run.LeadCompletion;
import io.leadflow.integration.Outcome;
import io.leadflow.servicekit.EventIds;
import java.time.Instant;
import java.util.List;

/**
 * The fact that a lead finished its flow's first pass: outcome, reason and price as the source is told, and every
 * step that ran. Exactly one per lead, so its event id follows from the lead id alone.
 */
public record Completion(String eventId, String causationId, Instant occurredAt, Lead lead, Outcome outcome,
                         String reason, double price, List<StepResult> steps) {

    static Completion of(String causationId, Instant occurredAt, Lead lead, LeadStop stop, List<StepResult> steps) {
        LeadCompletion completion = LeadCompletion.after(stop);
        return new Completion(EventIds.derived("lead-completed", lead.id()), causationId, occurredAt, lead,
                completion.outcome(), completion.reason(), completion.price(), List.copyOf(steps));
    }
}
