package io.leadflow.enhancement.domain;

import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepResult;
import java.time.Instant;
import java.util.List;

/**
 * The fact that a lead ran its flow's enhancement and filter steps (or was not allowed to): the lead, the steps in
 * order, and why it must not go on to its recipients ({@code stop}, null when it may).
 */
public record LeadEnhancement(String eventId, String causationId, Instant occurredAt, Lead lead,
                              List<StepResult> steps, LeadStop stop) {
}
