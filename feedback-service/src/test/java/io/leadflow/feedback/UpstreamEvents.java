package io.leadflow.feedback;

import io.leadflow.schemas.DynamicValues;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.FieldValue;
import io.leadflow.schemas.common.Outcome;
import io.leadflow.schemas.common.StepResult;
import io.leadflow.schemas.common.StepType;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.feedback.FeedbackReceived;
import io.leadflow.schemas.feedback.FeedbackType;
import io.leadflow.schemas.feedback.RecipientRef;
import io.leadflow.schemas.intake.LeadReceived;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The events the upstream services write for one lead of a flow with a phone-check enhancement and a recipient
 * "Buyer ABC" that accepts it for 12.5.
 */
public record UpstreamEvents(String leadId, String flowId) {

    public static final Instant SUBMITTED = Instant.parse("2025-03-01T10:00:00Z");
    public static final String REVISION = "rev-1";

    public LeadReceived received() {
        return new LeadReceived(metadata("received", SUBMITTED), leadId, flowId, REVISION, "web", SUBMITTED,
                Map.of("email", email(), "phone_1", phone()), null);
    }

    public LeadEnhanced enhanced() {
        return new LeadEnhanced(metadata("enhanced", SUBMITTED.plusSeconds(1)), leadId, flowId, REVISION, "web",
                SUBMITTED, Map.of("email", email(), "phone_1", phone()), List.of(phoneCheck()), null);
    }

    public DeliveryAttempted accepted() {
        return new DeliveryAttempted(metadata("attempted", SUBMITTED.plusSeconds(2)), leadId, flowId, REVISION, 1,
                leadId + ":buyer-abc", 201, buyerAbc());
    }

    public LeadCompleted completed() {
        return new LeadCompleted(metadata("completed", SUBMITTED.plusSeconds(3)), leadId, flowId, REVISION, "web",
                SUBMITTED, Outcome.SUCCESS, null, 0.0, List.of(phoneCheck(), buyerAbc()));
    }

    public FeedbackReceived feedback(String feedbackId, FeedbackType type, RecipientRef... keyRecipients) {
        return new FeedbackReceived(metadata("feedback-" + feedbackId, SUBMITTED.plusSeconds(3600)), feedbackId,
                leadId, type, "Wrong number", List.of(keyRecipients));
    }

    private EventMetadata metadata(String kind, Instant at) {
        return new EventMetadata(kind + "-of-" + leadId, at, leadId, null);
    }

    private static StepResult phoneCheck() {
        return new StepResult("phone-check", StepType.ENHANCEMENT, "Phone Check", "custom.outbound.json",
                Outcome.SUCCESS, null, null, null, DynamicValues.toAvroMap(Map.of("line_type", "mobile")),
                SUBMITTED.plusMillis(100), 35L);
    }

    private static StepResult buyerAbc() {
        return new StepResult("buyer-abc", StepType.RECIPIENT, "Buyer ABC", "custom.outbound.json", Outcome.SUCCESS,
                null, 12.5, "abc-77", Map.of(), SUBMITTED.plusSeconds(2), 120L);
    }

    private static FieldValue email() {
        return new FieldValue("email", "Ada@Example.com", DynamicValues.toAvro("ada@example.com"), true,
                DynamicValues.toAvroMap(Map.of("domain", "example.com")), null);
    }

    private static FieldValue phone() {
        return new FieldValue("phone", "512-555-0142", DynamicValues.toAvro("5125550142"), true,
                DynamicValues.toAvroMap(Map.of("area", "512")), null);
    }
}
