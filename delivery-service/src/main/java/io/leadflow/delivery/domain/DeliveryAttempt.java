package io.leadflow.delivery.domain;

import io.leadflow.flow.Lead;
import io.leadflow.flow.StepResult;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.servicekit.EventIds;
import java.time.Instant;

/**
 * The fact that a recipient step sent a lead once: which attempt it was (1 on the flow's first pass), the idempotency
 * key the recipient got, and the step's result. Its event id follows from cause, step and attempt.
 */
public record DeliveryAttempt(String eventId, String causationId, Instant occurredAt, Lead lead, int attempt,
                              String idempotencyKey, StepResult result) {

    /** The attempt number of a recipient step on the flow's first pass; retries count on from it. */
    public static final int FIRST = 1;

    static DeliveryAttempt of(String causationId, Instant occurredAt, Lead lead, StepResult result, int attempt) {
        String eventId = EventIds.derived("delivery-attempted", causationId, result.stepId(), String.valueOf(attempt));
        return new DeliveryAttempt(eventId, causationId, occurredAt, lead, attempt,
                StepRunner.idempotencyKey(lead.id(), result.stepId()), result);
    }

    /** The status of the recipient's answer; null when none arrived. */
    public Integer httpStatus() {
        return result.httpStatus();
    }
}
