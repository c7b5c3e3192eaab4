package io.leadflow.delivery.domain;

import io.leadflow.flow.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/**
 * When to attempt a step again after an {@code error}: exponential backoff with full jitter (a random wait up to
 * {@code initial_interval × 2^(n-1)}, capped by {@code max_interval}), never before the recipient's Retry-After, and
 * not at all once {@code max_attempts} are made or the next attempt would come later than {@code max_age}.
 */
public final class RetrySchedule {

    private final LongUnaryOperator random;

    /** {@code random} maps a bound to a value in [0, bound]: the jitter, replaceable in tests. */
    public RetrySchedule(LongUnaryOperator random) {
        this.random = random;
    }

    /**
     * The time of the next attempt after {@code attemptsMade} attempts of the current schedule, which began at
     * {@code firstAttemptAt}; empty when the schedule is exhausted.
     */
    public Optional<Instant> next(RetryPolicy policy, int attemptsMade, Instant firstAttemptAt, Instant now,
                                  Duration retryAfter) {
        if (attemptsMade >= policy.maxAttempts()) {
            return Optional.empty();
        }
        long capMillis = policy.initialInterval().toMillis();
        for (int doubling = 1; doubling < attemptsMade && capMillis < policy.maxInterval().toMillis(); doubling++) {
            capMillis *= 2;
        }
        capMillis = Math.min(capMillis, policy.maxInterval().toMillis());
        long waitMillis = random.applyAsLong(capMillis);
        if (retryAfter != null && retryAfter.toMillis() > waitMillis) {
            waitMillis = retryAfter.toMillis();
        }
        Instant due = now.plusMillis(waitMillis);
        return due.isAfter(firstAttemptAt.plus(policy.maxAge())) ? Optional.empty() : Optional.of(due);
    }
}
