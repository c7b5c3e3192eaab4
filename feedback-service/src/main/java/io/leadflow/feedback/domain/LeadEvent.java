package io.leadflow.feedback.domain;

import java.util.List;

/** Something that happened to a lead, in the order its partition delivers it: a fact from the lead topics, or feedback. */
public sealed interface LeadEvent permits LeadEvent.Fact, Feedback {

    /** An event of the lead's own life; it only adds to the lead's record. */
    sealed interface Fact extends LeadEvent {
        LeadRecord applyTo(LeadRecord record);
    }

    /** Intake accepted the submission: the authoritative lead and fields. */
    record Received(LeadRecord.Lead lead) implements Fact {
        @Override
        public LeadRecord applyTo(LeadRecord record) {
            return record.withLead(lead, true);
        }
    }

    /** The enhancement and filter steps ran. */
    record Enhanced(LeadRecord.Lead lead, List<LeadRecord.Step> steps) implements Fact {
        @Override
        public LeadRecord applyTo(LeadRecord record) {
            return record.withLead(lead, false).withSteps(steps, false);
        }
    }

    /** A recipient step was attempted (first pass or retry). */
    record Attempted(LeadRecord.Delivery delivery, LeadRecord.Step step) implements Fact {
        @Override
        public LeadRecord applyTo(LeadRecord record) {
            return record.withDelivery(delivery, step);
        }
    }

    /** The flow's first pass ended; its steps fill in what no other event reported (filters after recipients). */
    record Completed(LeadRecord.Lead lead, LeadRecord.Completion completion, List<LeadRecord.Step> steps)
            implements Fact {
        @Override
        public LeadRecord applyTo(LeadRecord record) {
            return record.withLead(lead, false).withCompletion(completion).withSteps(steps, true);
        }
    }
}
