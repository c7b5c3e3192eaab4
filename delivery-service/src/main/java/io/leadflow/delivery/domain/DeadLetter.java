package io.leadflow.delivery.domain;

import io.leadflow.servicekit.EventIds;
import java.time.Instant;

/**
 * A delivery that exhausted its retries, or a record that could not be processed, parked with the reason, its flow,
 * step and attempts, and what replaying it would schedule ({@code replay}, null when the record could not be read;
 * then {@code payload} keeps its bytes). Its id follows from where the record came from.
 */
public record DeadLetter(String id, Instant at, String leadId, DeadLetterCategory category, String reason,
                         String flowId, String flowRevision, String stepId, String entity, int attempts,
                         Instant firstAttemptAt, Instant lastAttemptAt, Origin origin, ScheduledRetry replay,
                         byte[] payload) {

    /** The id of the dead letter of the record at {@code origin}: parking the same record twice gives the same id. */
    public static String idFor(Origin origin, String leadId) {
        return EventIds.derived("dead-letter", origin.topic(), String.valueOf(origin.partition()),
                String.valueOf(origin.offset()), String.valueOf(leadId));
    }

    /** A record whose value could not be decoded: only its key and bytes are known. */
    public static DeadLetter undecodable(Origin origin, String leadId, String reason, byte[] payload, Instant now) {
        return new DeadLetter(idFor(origin, leadId), now, leadId, DeadLetterCategory.UNDECODABLE, reason, null, null,
                null, null, 0, null, null, origin, null, payload);
    }

    /** A record whose processing failed unexpectedly; a replay runs it again. */
    public static DeadLetter failed(Origin origin, ScheduledRetry replay, String reason, Instant now) {
        return new DeadLetter(idFor(origin, replay.lead().id()), now, replay.lead().id(), DeadLetterCategory.FAILED,
                reason, replay.lead().flowId(), replay.lead().flowRevision(), replay.stepId(), null,
                Math.max(0, replay.attempt() - 1), null, null, origin, replay, null);
    }
}
