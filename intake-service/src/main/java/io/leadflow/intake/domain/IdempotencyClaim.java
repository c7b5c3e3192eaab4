package io.leadflow.intake.domain;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The claim that holds an Idempotency-Key: the lead it was claimed for and when. {@code answer} completes with the
 * answer that submission got, or empty when the claim was released (its lead was not stored).
 */
public record IdempotencyClaim(String leadId, Instant claimedAt,
                               CompletableFuture<Optional<IntakeAnswer.Answered>> answer) {

    public IdempotencyClaim(String leadId, Instant claimedAt) {
        this(leadId, claimedAt, new CompletableFuture<>());
    }
}
