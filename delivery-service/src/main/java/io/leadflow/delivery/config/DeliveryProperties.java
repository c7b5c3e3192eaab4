package io.leadflow.delivery.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * delivery-service's settings, under {@code leadflow.delivery} (defaults and variables in {@code delivery.yml}).
 *
 * @param maxInFlight        deliveries running at once, whatever the partitions
 * @param maxQueued          leads read and unfinished (and retries waiting) beyond which reading pauses
 * @param revokeGrace        how long deliveries of a revoked partition get to finish
 * @param transactionalId    this instance's transactional id: unique per instance, stable across its restarts
 * @param transactionTimeout how long the broker keeps a transaction of a vanished instance open
 * @param dedupWindow        how long the progress of finished leads is kept in memory, so a repeat is dropped
 * @param circuitBreaker     how recipients' circuit breakers judge them
 */
@ConfigurationProperties("leadflow.delivery")
public record DeliveryProperties(int maxInFlight, int maxQueued, Duration revokeGrace, String transactionalId,
                                 Duration transactionTimeout, Duration dedupWindow, CircuitBreaker circuitBreaker) {

    /**
     * @param failureRateThreshold         percentage of errors over the window that opens the circuit
     * @param slidingWindowSize            calls in the window
     * @param minimumNumberOfCalls         calls before the rate counts
     * @param waitInOpenState              how long the circuit stays open before probing
     * @param permittedCallsInHalfOpenState probes that decide whether it closes again
     */
    public record CircuitBreaker(float failureRateThreshold, int slidingWindowSize, int minimumNumberOfCalls,
                                 Duration waitInOpenState, int permittedCallsInHalfOpenState) {
    }
}
