package io.leadflow.localstack.bench;

import java.time.Duration;

/**
 * One measured step of the delivery benchmark: the load offered to intake, what intake accepted, and what came out of
 * delivery as {@code LeadCompleted}, with the latency from submit to completion and delivery's in-flight gauge.
 *
 * @param offeredPerSecond  the leads per second the step asked of the load generator
 * @param submits           intake's answers during the step (rate, latency, failures)
 * @param accepted          leads intake accepted (2xx with a lead id) in the step
 * @param completedInWindow the step's leads whose completion arrived while the step ran
 * @param completed         the step's leads whose completion arrived by the end of the drain after it
 * @param window            how long the step offered load
 * @param meanInFlight      delivery's {@code leadflow_delivery_in_flight}, mean of the samples during the step
 */
record DeliveryRound(String name, int offeredPerSecond, Figures submits, long accepted, long completedInWindow,
                     long completed, Duration window, double p50Millis, double p99Millis, double maxMillis,
                     double meanInFlight, double maxInFlight) {

    /** The step's leads completed while it ran, per second of the step. */
    double completionsPerSecond() {
        return completedInWindow / (window.toNanos() / 1e9);
    }

    /** Sustained: every accepted lead completed by the end of the drain, with p99 under the 1 s. */
    boolean sustained() {
        return accepted > 0 && completed == accepted && p99Millis < DeliveryReport.MAX_P99_MILLIS;
    }
}
