package io.leadflow.intake.domain;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * The Idempotency-Keys sources sent, as every intake instance sees them: the first claim of a key within 24 h holds
 * it, and the answer its submission got is given again to every repeat. Keys arrive scoped to their flow and source.
 */
public interface IdempotencyKeys {

    /**
     * Claims the key for a new lead. Completes with the claim that holds the key: this lead's when it is the first
     * within 24 h, else the earlier one. Completes exceptionally when the claim could not be stored.
     */
    CompletableFuture<IdempotencyClaim> claim(String key, String leadId, Instant at);

    /** Records the answer the holding claim's submission got. Completes once stored; failures are only logged. */
    CompletableFuture<Void> answered(String key, IdempotencyClaim claim, IntakeAnswer.Answered answer);

    /** Frees the key because the claim's lead could not be stored: a retry may claim it again. */
    CompletableFuture<Void> released(String key, IdempotencyClaim claim);
}
