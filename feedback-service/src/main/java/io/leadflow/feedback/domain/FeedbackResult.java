package io.leadflow.feedback.domain;

import java.util.Locale;

/** How feedback was decided: matched to a delivery, or why it was rejected. */
public enum FeedbackResult {
    MATCHED,
    UNKNOWN_LEAD,
    FEEDBACK_KEY_REQUIRED,
    FEEDBACK_KEY_NOT_VALID,
    NOT_DELIVERED,
    DUPLICATE_RETURN;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
