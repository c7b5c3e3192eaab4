package io.leadflow.delivery.domain;

import io.leadflow.flow.Flow;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Guards the calls to a recipient: its circuit breaker and its limits. {@link #pass} makes the call when they allow
 * it, else answers at once with an {@code error} result that says why (the attempt then goes to the retry schedule).
 * Never completes exceptionally.
 */
public interface StepGate {

    /** What a guarded call gave, and how long the recipient asked to be left alone (its Retry-After), if it did. */
    record Passage(StepResult result, Duration retryAfter) {
    }

    CompletableFuture<Passage> pass(Flow flow, StepDefinition step, String idempotencyKey,
                                    Supplier<CompletableFuture<StepResult>> call);
}
