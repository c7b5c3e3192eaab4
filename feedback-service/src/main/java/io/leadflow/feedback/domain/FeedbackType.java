package io.leadflow.feedback.domain;

import java.util.Locale;
import java.util.Optional;

/** What a buyer reports about a lead: a return (the lead was bad) or a conversion (it became a sale). */
public enum FeedbackType {
    RETURN,
    CONVERSION;

    /** The type a caller named, in any case; empty for anything else. */
    public static Optional<FeedbackType> named(String name) {
        for (FeedbackType type : values()) {
            if (type.name().equalsIgnoreCase(name.trim())) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
