package io.leadflow.feedback.domain;

/**
 * How one feedback was decided. A match names the delivery it is about (step, entity, the price paid) and the lead's
 * flow and source; a rejection carries the reason and the message the caller is answered with.
 */
public record FeedbackDecision(Feedback feedback, FeedbackResult result, String message, String flowId,
                               String sourceId, String stepId, String entity, Double price) {

    static FeedbackDecision match(Feedback feedback, LeadRecord.Lead lead, LeadRecord.Delivery delivery) {
        return new FeedbackDecision(feedback, FeedbackResult.MATCHED, null, lead.flow(), lead.source(),
                delivery.step(), delivery.entity(), delivery.price());
    }

    static FeedbackDecision reject(Feedback feedback, FeedbackResult result, String message, String entity) {
        return new FeedbackDecision(feedback, result, message, null, null, null, entity, null);
    }

    public boolean matched() {
        return result == FeedbackResult.MATCHED;
    }

    /** The feedback as the lead's record keeps it. */
    public LeadRecord.FeedbackEntry entry() {
        return new LeadRecord.FeedbackEntry(feedback.id(), feedback.type(), feedback.reason(), result, entity,
                feedback.receivedAt());
    }
}
