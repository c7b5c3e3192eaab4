package io.leadflow.flow;

import io.leadflow.integration.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What one step did for one lead: outcome and reason, the price and reference a recipient gave, the data it
 * appended, when it started and how long it took, and the HTTP status of the answer when there was one.
 */
public record StepResult(String stepId, StepKind kind, String entity, String integration, Outcome outcome,
                         String reason, Double price, String reference, Map<String, Object> appended,
                         Instant startedAt, Duration duration, Integer httpStatus) {
}
