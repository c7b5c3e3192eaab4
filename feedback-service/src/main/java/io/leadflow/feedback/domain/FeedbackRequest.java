package io.leadflow.feedback.domain;

import java.util.Map;

/** A valid feedback call: the lead it is about, return or conversion, and the buyer's optional reason. */
public record FeedbackRequest(String leadId, FeedbackType type, String reason) implements ParsedFeedback {

    static final int MAX_LEAD_ID_LENGTH = 200;
    static final int MAX_REASON_LENGTH = 1000;

    /** Reads {@code lead_id}, {@code type} and {@code reason} from a JSON object or a form. */
    public static ParsedFeedback parse(Map<String, ?> input) {
        Object leadId = input.get("lead_id");
        Object type = input.get("type");
        Object reason = input.get("reason");
        if (isBlank(leadId)) {
            return new InvalidField("lead_id", "lead_id is required");
        }
        if (!isText(leadId) || leadId.toString().trim().length() > MAX_LEAD_ID_LENGTH) {
            return new InvalidField("lead_id", "lead_id must be a lead id");
        }
        if (isBlank(type)) {
            return new InvalidField("type", "type is required");
        }
        if (!isText(type) || FeedbackType.named(type.toString()).isEmpty()) {
            return new InvalidField("type", "type must be return or conversion");
        }
        if (reason != null && (!isText(reason) || reason.toString().length() > MAX_REASON_LENGTH)) {
            return new InvalidField("reason", "reason must be text of at most " + MAX_REASON_LENGTH + " characters");
        }
        String text = reason == null || reason.toString().isBlank() ? null : reason.toString().trim();
        return new FeedbackRequest(leadId.toString().trim(), FeedbackType.named(type.toString()).orElseThrow(), text);
    }

    private static boolean isText(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean;
    }

    private static boolean isBlank(Object value) {
        return value == null || value instanceof CharSequence text && text.toString().isBlank();
    }
}
