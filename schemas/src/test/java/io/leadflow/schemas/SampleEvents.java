package io.leadflow.schemas;

import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.FieldValue;
import io.leadflow.schemas.common.LeadStop;
import io.leadflow.schemas.common.Outcome;
import io.leadflow.schemas.common.StepResult;
import io.leadflow.schemas.common.StepType;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackReceived;
import io.leadflow.schemas.feedback.FeedbackRejected;
import io.leadflow.schemas.feedback.FeedbackRejection;
import io.leadflow.schemas.feedback.FeedbackType;
import io.leadflow.schemas.feedback.RecipientRef;
import io.leadflow.schemas.intake.LeadReceived;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** One fully populated instance of every event type, for round-trip tests. */
public final class SampleEvents {

    static final Instant AT = Instant.parse("2026-11-28T10:15:30.123Z");

    private SampleEvents() {
    }

    static EventMetadata metadata(String eventId) {
        return new EventMetadata(eventId, AT, "lead-1", "cause-1");
    }

    static Map<String, FieldValue> fields() {
        return Map.of(
                "phone_1", new FieldValue("phone", "512-789-1111 x123", DynamicValues.toAvro("5127891111x123"), true,
                        DynamicValues.toAvroMap(Map.of("area", "512", "is_tollfree", false, "extension", "123")), null),
                "age", new FieldValue("number", "42", DynamicValues.toAvro(42L), true, Map.of(), null),
                "email", new FieldValue("email", "not an email", DynamicValues.toAvro("not an email"), false, Map.of(),
                        null),
                "ssn", new FieldValue("ssn", null, DynamicValues.toAvro(null), true,
                        DynamicValues.toAvroMap(Map.of("parts", List.of(Map.of("last", "6789"), List.of()))),
                        "v1:field-key:bm9uY2UgYW5kIGNpcGhlcg=="));
    }

    static StepResult step(String stepId, StepType type, Outcome outcome) {
        return new StepResult(stepId, type, "Buyer ABC", "custom.outbound.json", outcome, "accepted", 12.5, "ref-9",
                DynamicValues.toAvroMap(Map.of("status", "ok", "scores", List.of(1L, 2.5, "x"),
                        "nested", Map.of("deep", true))),
                AT, 87L);
    }

    public static List<SpecificRecord> all() {
        return List.of(
                new LeadReceived(metadata("e1"), "lead-1", "solar", "rev-1", "web", AT, fields(),
                        new LeadStop(null, Outcome.FAILURE, "email is required")),
                new LeadEnhanced(metadata("e2"), "lead-1", "solar", "rev-1", "web", AT, fields(),
                        List.of(step("phone-check", StepType.ENHANCEMENT, Outcome.SUCCESS),
                                step("no-landlines", StepType.FILTER, Outcome.FAILURE)),
                        new LeadStop("no-landlines", Outcome.FAILURE, "Landline")),
                new DeliveryAttempted(metadata("e3"), "lead-1", "solar", "rev-1", 2, "lead-1:buyer-abc", 500,
                        step("buyer-abc", StepType.RECIPIENT, Outcome.ERROR)),
                new LeadCompleted(metadata("e4"), "lead-1", "solar", "rev-1", "web", AT, Outcome.SUCCESS, null, 0.0,
                        List.of(step("buyer-abc", StepType.RECIPIENT, Outcome.SUCCESS))),
                new FeedbackReceived(metadata("e5"), "fb-1", "lead-1", FeedbackType.RETURN, "Bad phone",
                        List.of(new RecipientRef("solar", "Buyer ABC"))),
                new FeedbackMatched(metadata("e6"), "fb-1", "lead-1", "solar", "web", FeedbackType.RETURN,
                        "Bad phone", "buyer-abc", "Buyer ABC", 12.5),
                new FeedbackRejected(metadata("e7"), "fb-2", "lead-1", FeedbackType.RETURN,
                        FeedbackRejection.DUPLICATE_RETURN, "Lead lead-1 was already returned by Buyer ABC"));
    }
}
