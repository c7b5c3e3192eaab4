package io.leadflow.flow;

import java.time.Duration;

/**
 * How a recipient step retries an {@code error} outcome: up to {@code maxAttempts} attempts in all (the first pass's
 * included), waiting from {@code initialInterval} doubling up to {@code maxInterval} (full jitter), and none later
 * than {@code maxAge} after the first attempt. LeadConduit's automated retry is the default.
 */
public record RetryPolicy(int maxAttempts, Duration initialInterval, Duration maxInterval, Duration maxAge) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(100, Duration.ofSeconds(10), Duration.ofMinutes(15), Duration.ofHours(24));
}
