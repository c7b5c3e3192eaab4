package io.leadflow.feedback.domain;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small builders of lead events for the domain tests. */
final class Leads {

    static final Instant SUBMITTED = Instant.parse("2025-03-01T10:00:00Z");

    private Leads() {
    }

    static LeadRecord.Lead lead(String leadId, String flowId) {
        return new LeadRecord.Lead(leadId, flowId, "rev-1", "web", SUBMITTED,
                Map.of("email", new LeadRecord.Field("email", "ada@example.com", "ada@example.com", true,
                        Map.of("domain", "example.com"))));
    }

    static LeadRecord.Step step(String stepId, StepType type, String entity, Outcome outcome, int second) {
        return new LeadRecord.Step(stepId, type, entity, "custom.outbound.json", outcome, null,
                outcome == Outcome.SUCCESS && type == StepType.RECIPIENT ? 12.5 : null, null, Map.of(),
                SUBMITTED.plusSeconds(second), 40);
    }

    static LeadEvent.Attempted attempt(String stepId, String entity, int attempt, Outcome outcome, int second) {
        LeadRecord.Step step = step(stepId, StepType.RECIPIENT, entity, outcome, second);
        return new LeadEvent.Attempted(new LeadRecord.Delivery(stepId, entity, attempt, outcome, null, step.price(),
                null, outcome == Outcome.ERROR ? 500 : 200, step.startedAt(), "lead-1:" + stepId), step);
    }

    static LeadRecord record(String flowId, LeadEvent.Fact... events) {
        LeadRecord record = new LeadEvent.Received(lead("lead-1", flowId)).applyTo(LeadRecord.empty());
        for (LeadEvent.Fact event : events) {
            record = event.applyTo(record);
        }
        return record;
    }

    static Feedback feedback(String id, FeedbackType type, Recipient... keyRecipients) {
        return new Feedback("event-" + id, id, "lead-1", type, "Wrong number", List.of(keyRecipients),
                SUBMITTED.plusSeconds(3600));
    }
}
