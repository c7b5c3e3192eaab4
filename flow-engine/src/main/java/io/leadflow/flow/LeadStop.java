package io.leadflow.flow;

import io.leadflow.integration.Outcome;

/** Why a lead stopped before the end of its flow; {@code stepId} is the filter that stopped it, or null. */
public record LeadStop(String stepId, Outcome outcome, String reason) {
}
