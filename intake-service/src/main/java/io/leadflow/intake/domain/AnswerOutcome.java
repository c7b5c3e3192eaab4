package io.leadflow.intake.domain;

import io.leadflow.integration.Outcome;
import java.util.Locale;

/** The outcome a source is told: the lead's outcome, or {@code pending} when it did not complete in time. */
public enum AnswerOutcome {
    SUCCESS, FAILURE, ERROR, PENDING;

    /** The outcome as LeadConduit spells it in answers: success, failure, error, pending. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A lead's outcome as an answer; a lead never completes with skip, so anything else reads as error. */
    public static AnswerOutcome of(Outcome outcome) {
        return switch (outcome) {
            case SUCCESS -> SUCCESS;
            case FAILURE -> FAILURE;
            case ERROR, SKIP -> ERROR;
        };
    }
}
