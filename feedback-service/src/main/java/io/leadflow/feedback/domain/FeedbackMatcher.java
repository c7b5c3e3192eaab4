package io.leadflow.feedback.domain;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Keeps a lead's record up to date and decides its feedback. Called with one lead's events one at a time, in
 * partition order, so a decision always sees every feedback decided before it: two returns cannot both match.
 */
public final class FeedbackMatcher {

    private final Set<String> flowsWithFeedbackKeys;

    /** {@code flowsWithFeedbackKeys}: the flows whose feedback calls must carry a recipient's key. */
    public FeedbackMatcher(Set<String> flowsWithFeedbackKeys) {
        this.flowsWithFeedbackKeys = Set.copyOf(flowsWithFeedbackKeys);
    }

    /** The lead's record after the event (null when there is nothing to keep) and, for feedback, its decision. */
    public Handled handle(LeadRecord current, LeadEvent event) {
        LeadRecord record = current == null ? LeadRecord.empty() : current;
        if (event instanceof LeadEvent.Fact fact) {
            return new Handled(fact.applyTo(record), Optional.empty());
        }
        Feedback feedback = (Feedback) event;
        if (record.hasFeedback(feedback.id())) {
            return new Handled(current, Optional.empty());
        }
        FeedbackDecision decision = decide(record, feedback);
        LeadRecord next = record.hasLead() ? record.withFeedback(decision.entry()) : current;
        return new Handled(next, Optional.of(decision));
    }

    /** Matches the feedback to the delivery it is about, or says why it cannot be. */
    public FeedbackDecision decide(LeadRecord record, Feedback feedback) {
        String leadId = feedback.leadId();
        if (!record.hasLead()) {
            return FeedbackDecision.reject(feedback, FeedbackResult.UNKNOWN_LEAD, "Lead " + leadId + " not found",
                    null);
        }
        String flowId = record.lead().flow();
        List<String> keyEntities = feedback.keyRecipients().stream()
                .filter(recipient -> recipient.flowId().equals(flowId))
                .map(Recipient::entity)
                .toList();
        if (keyEntities.isEmpty() && flowsWithFeedbackKeys.contains(flowId)) {
            return feedback.keyRecipients().isEmpty()
                    ? FeedbackDecision.reject(feedback, FeedbackResult.FEEDBACK_KEY_REQUIRED,
                            "Feedback for lead " + leadId + " requires a feedback key", null)
                    : FeedbackDecision.reject(feedback, FeedbackResult.FEEDBACK_KEY_NOT_VALID,
                            "The feedback key is not valid for lead " + leadId, null);
        }
        Optional<LeadRecord.Delivery> delivery = keyEntities.isEmpty() ? record.firstAccepted()
                : keyEntities.stream().map(record::firstAcceptedBy).flatMap(Optional::stream).findFirst();
        if (delivery.isEmpty()) {
            String recipients = keyEntities.isEmpty() ? "any recipient" : String.join(" or ", keyEntities);
            return FeedbackDecision.reject(feedback, FeedbackResult.NOT_DELIVERED,
                    "Lead " + leadId + " was not accepted by " + recipients, null);
        }
        String entity = delivery.get().entity();
        if (feedback.type() == FeedbackType.RETURN && record.wasReturnedBy(entity)) {
            return FeedbackDecision.reject(feedback, FeedbackResult.DUPLICATE_RETURN,
                    "Lead " + leadId + " was already returned by " + entity, entity);
        }
        return FeedbackDecision.match(feedback, record.lead(), delivery.get());
    }

    /** The record to keep (null: keep nothing) and the decision to publish, if any. */
    public record Handled(LeadRecord record, Optional<FeedbackDecision> decision) {
    }
}
