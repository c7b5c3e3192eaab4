package io.leadflow.intake.domain;

import java.util.Map;

/**
 * What intake answers a submission. {@code flowId} and {@code sourceId} name the loaded flow and source it concerned,
 * or are null when the caller named none that exists (so they never carry a caller's typing into metrics).
 */
public sealed interface IntakeAnswer {

    String flowId();

    String sourceId();

    AnswerOutcome outcome();

    /** No lead was created: the flow or source is unknown, the source is disabled, or the request was unreadable. */
    record Refused(Refusal refusal, String message, String flowId, String sourceId) implements IntakeAnswer {

        @Override
        public AnswerOutcome outcome() {
            return AnswerOutcome.ERROR;
        }
    }

    /**
     * The source is told an outcome: {@code leadId} is null when no lead was created (disabled flow, lead not stored);
     * {@code appended} is null unless the source is verbose and the lead completed.
     */
    record Answered(Status status, AnswerOutcome outcome, String reason, String leadId, double price,
                    Map<String, Object> appended, String flowId, String sourceId) implements IntakeAnswer {
    }

    /** Whether the answer is final, the lead is still running (sync timeout), or the lead could not be stored. */
    enum Status {
        FINAL, PENDING, NOT_STORED
    }
}
