package io.leadflow.feedback.inbound;

import io.leadflow.feedback.domain.FeedbackAnswer;
import io.leadflow.feedback.domain.FeedbackResult;
import io.leadflow.feedback.domain.FeedbackType;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackRejected;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Reads the decision topics' events as the answers waiting feedback calls get, keyed by feedback id. */
public final class FeedbackDecisionMapping {

    /** The topics the lead's processor writes its decisions to. */
    public static final List<String> TOPICS = List.of(Topics.FEEDBACK_MATCHED, Topics.FEEDBACK_REJECTED);

    private FeedbackDecisionMapping() {
    }

    public static Map.Entry<String, FeedbackAnswer> answer(SpecificRecord decision) {
        if (decision instanceof FeedbackMatched matched) {
            return Map.entry(matched.getFeedbackId(), new FeedbackAnswer(matched.getFeedbackId(), matched.getLeadId(),
                    FeedbackType.valueOf(matched.getType().name()), FeedbackResult.MATCHED, null, matched.getEntity()));
        }
        FeedbackRejected rejected = (FeedbackRejected) decision;
        return Map.entry(rejected.getFeedbackId(), new FeedbackAnswer(rejected.getFeedbackId(), rejected.getLeadId(),
                FeedbackType.valueOf(rejected.getType().name()),
                FeedbackResult.valueOf(rejected.getRejection().name()), rejected.getMessage(), null));
    }
}
