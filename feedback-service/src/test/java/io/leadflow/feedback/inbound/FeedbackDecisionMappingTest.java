package io.leadflow.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.feedback.domain.Feedback;
import io.leadflow.feedback.domain.FeedbackAnswer;
import io.leadflow.feedback.domain.FeedbackDecision;
import io.leadflow.feedback.domain.FeedbackResult;
import io.leadflow.feedback.domain.FeedbackType;
import io.leadflow.feedback.outbound.FeedbackDecisionEvents;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A decision as the lead's processor writes it, read back as the answer the waiting call gets. */
class FeedbackDecisionMappingTest {

    private static final Instant NOW = Instant.parse("2025-03-02T09:00:00Z");
    private static final Feedback RETURN =
            new Feedback("event-f1", "f1", "lead-1", FeedbackType.RETURN, "Wrong number", List.of(), NOW);
    private static final Feedback CONVERSION =
            new Feedback("event-f2", "f2", "lead-1", FeedbackType.CONVERSION, null, List.of(), NOW);

    private final FeedbackDecisionEvents events = new FeedbackDecisionEvents(Clock.fixed(NOW, ZoneOffset.UTC));

    static Stream<Arguments> decisions() {
        return Stream.of(
                Arguments.of(new FeedbackDecision(RETURN, FeedbackResult.MATCHED, null, "open", "web", "abc",
                                "Buyer ABC", 12.5),
                        new FeedbackAnswer("f1", "lead-1", FeedbackType.RETURN, FeedbackResult.MATCHED, null,
                                "Buyer ABC")),
                Arguments.of(new FeedbackDecision(CONVERSION, FeedbackResult.MATCHED, null, "open", "web", "abc",
                                "Buyer ABC", 12.5),
                        new FeedbackAnswer("f2", "lead-1", FeedbackType.CONVERSION, FeedbackResult.MATCHED, null,
                                "Buyer ABC")),
                Arguments.of(new FeedbackDecision(RETURN, FeedbackResult.DUPLICATE_RETURN,
                                "Lead lead-1 was already returned by Buyer ABC", null, null, null, "Buyer ABC", null),
                        new FeedbackAnswer("f1", "lead-1", FeedbackType.RETURN, FeedbackResult.DUPLICATE_RETURN,
                                "Lead lead-1 was already returned by Buyer ABC", null)),
                Arguments.of(new FeedbackDecision(CONVERSION, FeedbackResult.UNKNOWN_LEAD, "Lead lead-1 not found",
                                null, null, null, null, null),
                        new FeedbackAnswer("f2", "lead-1", FeedbackType.CONVERSION, FeedbackResult.UNKNOWN_LEAD,
                                "Lead lead-1 not found", null)));
    }

    @ParameterizedTest
    @MethodSource("decisions")
    void answersTheCallWaitingForThatFeedback(FeedbackDecision decision, FeedbackAnswer expected) {
        SpecificRecord written = decision.matched() ? events.matched(decision) : events.rejected(decision);

        assertThat(FeedbackDecisionMapping.answer(written)).isEqualTo(Map.entry(expected.feedbackId(), expected));
    }
}
