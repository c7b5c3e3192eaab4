package io.leadflow.feedback.domain;

import static io.leadflow.feedback.domain.Leads.attempt;
import static io.leadflow.feedback.domain.Leads.lead;
import static io.leadflow.feedback.domain.Leads.step;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LeadRecordTest {

    private static final LeadRecord.Step PHONE_CHECK = step("phone-check", StepType.ENHANCEMENT, "Phone Check",
            Outcome.SUCCESS, 1);
    private static final LeadRecord.Step LATE_FILTER = step("after-buyer", StepType.FILTER, null, Outcome.SKIP, 9);
    private static final LeadRecord.Completion COMPLETION =
            new LeadRecord.Completion(Outcome.SUCCESS, null, 1.5, Leads.SUBMITTED.plusSeconds(10));

    private static final LeadEvent.Received RECEIVED = new LeadEvent.Received(lead("lead-1", "open"));
    private static final LeadEvent.Enhanced ENHANCED =
            new LeadEvent.Enhanced(lead("lead-1", "open"), List.of(PHONE_CHECK));
    private static final LeadEvent.Attempted FIRST_TRY = attempt("abc", "Buyer ABC", 1, Outcome.ERROR, 5);
    private static final LeadEvent.Attempted RETRY = attempt("abc", "Buyer ABC", 2, Outcome.SUCCESS, 60);
    private static final LeadEvent.Completed COMPLETED = new LeadEvent.Completed(
            new LeadRecord.Lead("lead-1", "open", "rev-1", "web", Leads.SUBMITTED, Map.of()), COMPLETION,
            List.of(PHONE_CHECK, FIRST_TRY.step(), LATE_FILTER));

    private static final LeadRecord WHOLE = new LeadRecord(lead("lead-1", "open"),
            List.of(PHONE_CHECK, RETRY.step(), LATE_FILTER), List.of(FIRST_TRY.delivery(), RETRY.delivery()),
            COMPLETION, List.of());

    @Test
    void buildsTheWholeRecordFromEventsInFlowOrder() {
        assertThat(apply(RECEIVED, ENHANCED, FIRST_TRY, COMPLETED, RETRY)).isEqualTo(WHOLE);
    }

    @Test
    void buildsTheSameRecordWhateverOrderTheTopicsDeliverIn() {
        List<LeadEvent.Fact> events = new ArrayList<>(List.of(COMPLETED, RETRY, ENHANCED, FIRST_TRY, RECEIVED));
        for (int rotation = 0; rotation < events.size(); rotation++) {
            Collections.rotate(events, 1);
            LeadRecord record = apply(events.toArray(LeadEvent.Fact[]::new));

            assertThat(record.deliveries()).containsExactlyInAnyOrderElementsOf(WHOLE.deliveries());
            assertThat(new LeadRecord(record.lead(), record.steps(), WHOLE.deliveries(), record.completion(),
                    record.feedback())).as("after %s", events).isEqualTo(WHOLE);
        }
    }

    @Test
    void ignoresRepeatedEvents() {
        assertThat(apply(RECEIVED, ENHANCED, FIRST_TRY, COMPLETED, RETRY, FIRST_TRY, RETRY, COMPLETED, ENHANCED))
                .isEqualTo(WHOLE);
    }

    @Test
    void keepsTheFirstCompletionOnly() {
        LeadEvent.Completed another = new LeadEvent.Completed(COMPLETED.lead(),
                new LeadRecord.Completion(Outcome.FAILURE, "Late", 0, Leads.SUBMITTED.plusSeconds(99)), List.of());

        assertThat(apply(RECEIVED, COMPLETED, another).completion()).isEqualTo(COMPLETION);
    }

    @Test
    void takesTheLeadFromLaterEventsUntilIntakesArrives() {
        LeadRecord withoutIntake = apply(COMPLETED);

        assertThat(withoutIntake.lead()).isEqualTo(COMPLETED.lead());
        assertThat(RECEIVED.applyTo(withoutIntake).lead()).isEqualTo(lead("lead-1", "open"));
    }

    private static LeadRecord apply(LeadEvent.Fact... events) {
        LeadRecord record = LeadRecord.empty();
        for (LeadEvent.Fact event : events) {
            record = event.applyTo(record);
        }
        return record;
    }
}
