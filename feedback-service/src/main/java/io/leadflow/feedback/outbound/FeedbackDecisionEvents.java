package io.leadflow.feedback.outbound;

import io.leadflow.feedback.domain.Feedback;
import io.leadflow.feedback.domain.FeedbackDecision;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackRejected;
import io.leadflow.schemas.feedback.FeedbackRejection;
import io.leadflow.schemas.feedback.FeedbackType;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.EventIds;
import java.time.Clock;

/**
 * Writes decisions as the {@code FeedbackMatched} and {@code FeedbackRejected} contracts. Their event ids derive from
 * the {@code FeedbackReceived} event, so deciding the same feedback again yields the same ids.
 */
public final class FeedbackDecisionEvents {

    private final Clock clock;

    public FeedbackDecisionEvents(Clock clock) {
        this.clock = clock;
    }

    public FeedbackMatched matched(FeedbackDecision decision) {
        Feedback feedback = decision.feedback();
        return new FeedbackMatched(metadata("feedback-matched", feedback), feedback.id(), feedback.leadId(),
                decision.flowId(), decision.sourceId(), type(feedback), feedback.reason(), decision.stepId(),
                decision.entity(), decision.price());
    }

    public FeedbackRejected rejected(FeedbackDecision decision) {
        Feedback feedback = decision.feedback();
        return new FeedbackRejected(metadata("feedback-rejected", feedback), feedback.id(), feedback.leadId(),
                type(feedback), FeedbackRejection.valueOf(decision.result().name()), decision.message());
    }

    private EventMetadata metadata(String kind, Feedback feedback) {
        return Contracts.metadata(EventIds.derived(kind, feedback.eventId()), feedback.leadId(), feedback.eventId(),
                clock.instant());
    }

    private static FeedbackType type(Feedback feedback) {
        return FeedbackType.valueOf(feedback.type().name());
    }
}
