package io.leadflow.feedback.inbound;

import io.leadflow.feedback.domain.Feedback;
import io.leadflow.feedback.domain.FeedbackType;
import io.leadflow.feedback.domain.LeadEvent;
import io.leadflow.feedback.domain.LeadRecord;
import io.leadflow.feedback.domain.Outcome;
import io.leadflow.feedback.domain.Recipient;
import io.leadflow.feedback.domain.StepType;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.types.Masking;
import io.leadflow.schemas.DynamicValues;
import io.leadflow.schemas.common.FieldValue;
import io.leadflow.schemas.common.StepResult;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.feedback.FeedbackReceived;
import io.leadflow.schemas.intake.LeadReceived;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the Avro events of the lead topics as the domain's lead events. */
final class LeadEventMapping {

    private LeadEventMapping() {
    }

    static LeadEvent received(LeadReceived event) {
        return new LeadEvent.Received(new LeadRecord.Lead(event.getLeadId(), event.getFlowId(),
                event.getFlowRevision(), event.getSourceId(), event.getSubmittedAt(), fields(event.getFields())));
    }

    static LeadEvent enhanced(LeadEnhanced event) {
        return new LeadEvent.Enhanced(new LeadRecord.Lead(event.getLeadId(), event.getFlowId(),
                event.getFlowRevision(), event.getSourceId(), event.getSubmittedAt(), fields(event.getFields())),
                steps(event.getSteps()));
    }

    static LeadEvent attempted(DeliveryAttempted event) {
        StepResult result = event.getResult();
        LeadRecord.Delivery delivery = new LeadRecord.Delivery(result.getStepId(), result.getEntity(),
                event.getAttempt(), outcome(result.getOutcome()), result.getReason(), result.getPrice(),
                result.getReference(), event.getHttpStatus(), result.getStartedAt(), event.getIdempotencyKey());
        return new LeadEvent.Attempted(delivery, step(result));
    }

    static LeadEvent completed(LeadCompleted event) {
        LeadRecord.Lead lead = new LeadRecord.Lead(event.getLeadId(), event.getFlowId(), event.getFlowRevision(),
                event.getSourceId(), event.getSubmittedAt(), Map.of());
        LeadRecord.Completion completion = new LeadRecord.Completion(outcome(event.getOutcome()), event.getReason(),
                event.getPrice(), event.getMetadata().getOccurredAt());
        return new LeadEvent.Completed(lead, completion, steps(event.getSteps()));
    }

    static LeadEvent feedback(FeedbackReceived event) {
        List<Recipient> keyRecipients = event.getKeyRecipients().stream()
                .map(recipient -> new Recipient(recipient.getFlowId(), recipient.getEntity()))
                .toList();
        return new Feedback(event.getMetadata().getEventId(), event.getFeedbackId(), event.getLeadId(),
                FeedbackType.valueOf(event.getType().name()), event.getReason(), keyRecipients,
                event.getMetadata().getOccurredAt());
    }

    /**
     * The fields as the timeline keeps them: sensitive values masked (a dob shows only its year; ssn and credential
     * arrive masked and sealed, and their sealed originals are never kept).
     */
    private static Map<String, LeadRecord.Field> fields(Map<String, FieldValue> fields) {
        Map<String, LeadRecord.Field> result = new LinkedHashMap<>();
        fields.forEach((id, value) -> {
            TypedValue shown = Masking.mask(new TypedValue(value.getType(), value.getRaw(),
                    DynamicValues.fromAvro(value.getNormal()), value.getValid(),
                    DynamicValues.fromAvroMap(value.getComponents())));
            result.put(id, new LeadRecord.Field(shown.type(), shown.raw(), shown.normal(), shown.valid(),
                    shown.components()));
        });
        return result;
    }

    private static List<LeadRecord.Step> steps(List<StepResult> results) {
        return results.stream().map(LeadEventMapping::step).toList();
    }

    private static LeadRecord.Step step(StepResult result) {
        return new LeadRecord.Step(result.getStepId(), StepType.valueOf(result.getStepType().name()),
                result.getEntity(), result.getIntegration(), outcome(result.getOutcome()), result.getReason(),
                result.getPrice(), result.getReference(), DynamicValues.fromAvroMap(result.getAppended()),
                result.getStartedAt(), result.getDurationMs());
    }

    private static Outcome outcome(io.leadflow.schemas.common.Outcome outcome) {
        return Outcome.valueOf(outcome.name());
    }
}
