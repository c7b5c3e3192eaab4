package io.leadflow.intake.domain;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The sync answers this instance is waiting for, by lead id. A wait is registered before its lead is published, so a
 * completion read right after cannot be missed; it leaves the table when it completes, times out or is abandoned.
 */
public final class CompletionWaits {

    private final Map<String, CompletableFuture<Completion>> waiting = new ConcurrentHashMap<>();

    /**
     * Waits up to {@code timeout} for this lead's completion: the future gets the completion, or null when none came
     * in time. By the time it is done the wait is out of the table.
     */
    public CompletableFuture<Completion> expect(String leadId, Duration timeout) {
        CompletableFuture<Completion> waiter = new CompletableFuture<>();
        waiting.put(leadId, waiter);
        return waiter.completeOnTimeout(null, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS)
                .whenComplete((completion, failure) -> waiting.remove(leadId, waiter));
    }

    /** Stops waiting for a lead whose answer no longer depends on its completion. */
    public void abandon(String leadId) {
        CompletableFuture<Completion> waiter = waiting.remove(leadId);
        if (waiter != null) {
            waiter.complete(null);
        }
    }

    /** Hands a completion to whoever waits for that lead here; completions of other leads are ignored. */
    public void complete(Completion completion) {
        CompletableFuture<Completion> waiter = waiting.get(completion.leadId());
        if (waiter != null) {
            waiter.complete(completion);
        }
    }

    /** Whether an answer here waits for this lead's completion. */
    public boolean isAwaited(String leadId) {
        return waiting.containsKey(leadId);
    }

    /** How many answers are waiting now. */
    public int size() {
        return waiting.size();
    }
}
