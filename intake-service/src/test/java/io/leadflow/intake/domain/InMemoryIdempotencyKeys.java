package io.leadflow.intake.domain;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** The shared Idempotency-Key log of one process: every record applied to the ledger as it is written. */
final class InMemoryIdempotencyKeys implements IdempotencyKeys {

    final IdempotencyLedger ledger = new IdempotencyLedger();

    @Override
    public synchronized CompletableFuture<IdempotencyClaim> claim(String key, String leadId, Instant at) {
        ledger.claimed(key, leadId, at);
        return CompletableFuture.completedFuture(ledger.holder(key, at).orElseThrow());
    }

    @Override
    public synchronized CompletableFuture<Void> answered(String key, IdempotencyClaim claim,
                                                         IntakeAnswer.Answered answer) {
        ledger.answered(key, claim.leadId(), answer);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletableFuture<Void> released(String key, IdempotencyClaim claim) {
        ledger.released(key, claim.leadId());
        return CompletableFuture.completedFuture(null);
    }
}
