package io.leadflow.integration;

import java.util.Locale;

/**
 * What a step did: SUCCESS (accepted), FAILURE (rejected for a business reason), ERROR (a technical problem, the
 * only outcome that is retried) or SKIP (the step did not run: its criteria did not hold or its variables did not
 * validate).
 */
public enum Outcome {
    SUCCESS, FAILURE, ERROR, SKIP;

    /** The outcome as LeadConduit spells it: success, failure, error, skip. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses success / failure / error / skip, in any case; null when the text is none of them. */
    public static Outcome fromWireName(String text) {
        if (text == null) {
            return null;
        }
        for (Outcome outcome : values()) {
            if (outcome.wireName().equalsIgnoreCase(text.trim())) {
                return outcome;
            }
        }
        return null;
    }
}
