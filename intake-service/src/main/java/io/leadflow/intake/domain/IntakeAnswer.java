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

    /**
     * No lead was created: the flow or source is unknown, the source is disabled or refused the caller, or the
     * request's Idempotency-Key belongs to a submission still being answered.
     */
    record Refused(Refusal refusal, String message, String flowId, String sourceId)
            implements IntakeAnswer, Admission {

        @Override
        public AnswerOutcome outcome() {
            return AnswerOutcome.ERROR;
        }
    }

    /**
     * The source is told an outcome: {@code leadId} is null when no lead was created (disabled flow, lead not stored,
     * a ping); {@code appended} is null unless the source is verbose and the lead completed; {@code replayed} when
     * this is the first answer to an Idempotency-Key, given again.
     */
    record Answered(Status status, AnswerOutcome outcome, String reason, String leadId, double price,
                    Map<String, Object> appended, String flowId, String sourceId, boolean replayed)
            implements IntakeAnswer {

        public Answered(Status status, AnswerOutcome outcome, String reason, String leadId, double price,
                        Map<String, Object> appended, String flowId, String sourceId) {
            this(status, outcome, reason, leadId, price, appended, flowId, sourceId, false);
        }

        /** This answer, given again to a repeat of its submission. */
        public Answered replay() {
            return new Answered(status, outcome, reason, leadId, price, appended, flowId, sourceId, true);
        }
    }

    /** Whether the answer is final, the lead is still running (sync timeout), or the lead could not be stored. */
    enum Status {
        FINAL, PENDING, NOT_STORED
    }
}
