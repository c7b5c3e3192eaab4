package io.leadflow.feedback.domain;

import java.time.Instant;
import java.util.List;

/**
 * A buyer's return or conversion for a lead, as received: {@code keyRecipients} are the recipients whose feedback
 * key the call carried (empty when it carried none); {@code eventId} identifies the event that brought it.
 */
public record Feedback(String eventId, String id, String leadId, FeedbackType type, String reason,
                       List<Recipient> keyRecipients, Instant receivedAt) implements LeadEvent {

    public Feedback {
        keyRecipients = List.copyOf(keyRecipients);
    }
}
