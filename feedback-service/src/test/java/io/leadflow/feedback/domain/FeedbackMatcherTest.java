package io.leadflow.feedback.domain;

import static io.leadflow.feedback.domain.Leads.attempt;
import static io.leadflow.feedback.domain.Leads.feedback;
import static io.leadflow.feedback.domain.Leads.record;
import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.feedback.domain.FeedbackMatcher.Handled;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FeedbackMatcherTest {

    private static final Recipient ABC_KEY = new Recipient("keyed", "Buyer ABC");
    private static final Recipient XYZ_KEY = new Recipient("keyed", "Buyer XYZ");
    private static final Recipient OTHER_FLOW_KEY = new Recipient("other", "Buyer ABC");

    private final FeedbackMatcher matcher = new FeedbackMatcher(Set.of("keyed"));

    /** What the decision says, without the feedback it is about. */
    private record Expected(FeedbackResult result, String message, String stepId, String entity, Double price) {
        static Expected matched(String stepId, String entity) {
            return new Expected(FeedbackResult.MATCHED, null, stepId, entity, 12.5);
        }

        static Expected rejected(FeedbackResult result, String message, String entity) {
            return new Expected(result, message, null, entity, null);
        }
    }

    static Stream<Arguments> decisions() {
        LeadRecord deliveredToAbc = record("open", attempt("abc", "Buyer ABC", 1, Outcome.SUCCESS, 5));
        LeadRecord returnedByAbc = deliveredToAbc.withFeedback(new LeadRecord.FeedbackEntry("earlier",
                FeedbackType.RETURN, null, FeedbackResult.MATCHED, "Buyer ABC", Leads.SUBMITTED));
        LeadRecord keyedToBoth = record("keyed", attempt("abc", "Buyer ABC", 1, Outcome.SUCCESS, 5),
                attempt("xyz", "Buyer XYZ", 1, Outcome.SUCCESS, 6));
        LeadRecord keyedToAbcOnly = record("keyed", attempt("abc", "Buyer ABC", 1, Outcome.SUCCESS, 5),
                attempt("xyz", "Buyer XYZ", 1, Outcome.FAILURE, 6));
        return Stream.of(
                Arguments.of("unknown lead", LeadRecord.empty(), feedback("f", FeedbackType.RETURN),
                        Expected.rejected(FeedbackResult.UNKNOWN_LEAD, "Lead lead-1 not found", null)),
                Arguments.of("no recipient accepted", record("open", attempt("abc", "Buyer ABC", 1, Outcome.FAILURE, 5)),
                        feedback("f", FeedbackType.RETURN), Expected.rejected(FeedbackResult.NOT_DELIVERED,
                                "Lead lead-1 was not accepted by any recipient", null)),
                Arguments.of("first return", deliveredToAbc, feedback("f", FeedbackType.RETURN),
                        Expected.matched("abc", "Buyer ABC")),
                Arguments.of("second return by the same recipient", returnedByAbc, feedback("f", FeedbackType.RETURN),
                        Expected.rejected(FeedbackResult.DUPLICATE_RETURN,
                                "Lead lead-1 was already returned by Buyer ABC", "Buyer ABC")),
                Arguments.of("conversion after a return", returnedByAbc, feedback("f", FeedbackType.CONVERSION),
                        Expected.matched("abc", "Buyer ABC")),
                Arguments.of("the recipient that accepted after another rejected",
                        record("open", attempt("abc", "Buyer ABC", 1, Outcome.FAILURE, 5),
                                attempt("xyz", "Buyer XYZ", 1, Outcome.SUCCESS, 6)),
                        feedback("f", FeedbackType.RETURN), Expected.matched("xyz", "Buyer XYZ")),
                Arguments.of("a retry that succeeded", record("open", attempt("abc", "Buyer ABC", 1, Outcome.ERROR, 5),
                                attempt("abc", "Buyer ABC", 2, Outcome.SUCCESS, 60)),
                        feedback("f", FeedbackType.RETURN), Expected.matched("abc", "Buyer ABC")),
                Arguments.of("keyed flow, no key", keyedToBoth, feedback("f", FeedbackType.RETURN),
                        Expected.rejected(FeedbackResult.FEEDBACK_KEY_REQUIRED,
                                "Feedback for lead lead-1 requires a feedback key", null)),
                Arguments.of("keyed flow, another flow's key", keyedToBoth,
                        feedback("f", FeedbackType.RETURN, OTHER_FLOW_KEY),
                        Expected.rejected(FeedbackResult.FEEDBACK_KEY_NOT_VALID,
                                "The feedback key is not valid for lead lead-1", null)),
                Arguments.of("keyed flow, first recipient's key", keyedToBoth,
                        feedback("f", FeedbackType.RETURN, ABC_KEY), Expected.matched("abc", "Buyer ABC")),
                Arguments.of("keyed flow, the key names the recipient, not the first to accept", keyedToBoth,
                        feedback("f", FeedbackType.RETURN, XYZ_KEY), Expected.matched("xyz", "Buyer XYZ")),
                Arguments.of("keyed flow, key of a recipient that rejected the lead", keyedToAbcOnly,
                        feedback("f", FeedbackType.RETURN, XYZ_KEY), Expected.rejected(FeedbackResult.NOT_DELIVERED,
                                "Lead lead-1 was not accepted by Buyer XYZ", null)),
                Arguments.of("open flow ignores a key of another flow", deliveredToAbc,
                        feedback("f", FeedbackType.RETURN, OTHER_FLOW_KEY), Expected.matched("abc", "Buyer ABC")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void decidesFeedback(String situation, LeadRecord record, Feedback feedback, Expected expected) {
        FeedbackDecision decision = matcher.decide(record, feedback);

        String flowId = expected.result() == FeedbackResult.MATCHED ? record.lead().flow() : null;
        String sourceId = expected.result() == FeedbackResult.MATCHED ? "web" : null;
        assertThat(decision).isEqualTo(new FeedbackDecision(feedback, expected.result(), expected.message(), flowId,
                sourceId, expected.stepId(), expected.entity(), expected.price()));
    }

    @Test
    void recordsTheDecisionWithTheLeadSoASecondReturnIsADuplicate() {
        LeadRecord delivered = record("open", attempt("abc", "Buyer ABC", 1, Outcome.SUCCESS, 5));

        Handled first = matcher.handle(delivered, feedback("f1", FeedbackType.RETURN));
        Handled second = matcher.handle(first.record(), feedback("f2", FeedbackType.RETURN));

        assertThat(second.record().feedback()).containsExactly(
                new LeadRecord.FeedbackEntry("f1", FeedbackType.RETURN, "Wrong number", FeedbackResult.MATCHED,
                        "Buyer ABC", Leads.SUBMITTED.plusSeconds(3600)),
                new LeadRecord.FeedbackEntry("f2", FeedbackType.RETURN, "Wrong number",
                        FeedbackResult.DUPLICATE_RETURN, "Buyer ABC", Leads.SUBMITTED.plusSeconds(3600)));
        assertThat(second.decision().map(FeedbackDecision::result)).contains(FeedbackResult.DUPLICATE_RETURN);
    }

    @Test
    void ignoresFeedbackItAlreadyDecided() {
        LeadRecord delivered = record("open", attempt("abc", "Buyer ABC", 1, Outcome.SUCCESS, 5));
        Handled first = matcher.handle(delivered, feedback("f1", FeedbackType.RETURN));

        Handled again = matcher.handle(first.record(), feedback("f1", FeedbackType.RETURN));

        assertThat(again).isEqualTo(new Handled(first.record(), Optional.empty()));
    }

    @Test
    void keepsNothingForFeedbackAboutAnUnknownLead() {
        Handled handled = matcher.handle(null, feedback("f1", FeedbackType.RETURN));

        assertThat(handled.record()).isNull();
        assertThat(handled.decision().map(FeedbackDecision::result)).contains(FeedbackResult.UNKNOWN_LEAD);
    }

    @Test
    void appliesLeadFactsWithoutADecision() {
        LeadEvent.Received received = new LeadEvent.Received(Leads.lead("lead-1", "open"));

        Handled handled = matcher.handle(null, received);

        assertThat(handled).isEqualTo(new Handled(
                new LeadRecord(Leads.lead("lead-1", "open"), List.of(), List.of(), null, List.of()),
                Optional.empty()));
    }
}
