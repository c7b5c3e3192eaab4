package io.leadflow.servicekit;

import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepKind;
import io.leadflow.flow.StepResult;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.schemas.DynamicValues;
import io.leadflow.schemas.common.EventMetadata;
import io.leadflow.schemas.common.FieldValue;
import io.leadflow.schemas.common.StepType;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.intake.LeadReceived;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Maps between the Avro contracts and the flow engine's domain records, in both directions. */
public final class Contracts {

    private Contracts() {
    }

    public static EventMetadata metadata(String eventId, String leadId, String causationId, Instant occurredAt) {
        return new EventMetadata(eventId, occurredAt, leadId, causationId);
    }

    public static Lead lead(LeadReceived received) {
        return new Lead(received.getLeadId(), received.getFlowId(), received.getFlowRevision(), received.getSourceId(),
                received.getSubmittedAt(), fields(received.getFields()));
    }

    public static Lead lead(LeadEnhanced enhanced) {
        return new Lead(enhanced.getLeadId(), enhanced.getFlowId(), enhanced.getFlowRevision(), enhanced.getSourceId(),
                enhanced.getSubmittedAt(), fields(enhanced.getFields()));
    }

    public static Map<String, FieldValue> toAvroFields(Map<String, TypedValue> fields) {
        Map<String, FieldValue> avro = new LinkedHashMap<>(DynamicValues.capacityFor(fields.size()));
        fields.forEach((id, value) -> avro.put(id, toAvro(value)));
        return avro;
    }

    public static Map<String, TypedValue> fields(Map<String, FieldValue> avro) {
        Map<String, TypedValue> fields = new LinkedHashMap<>(DynamicValues.capacityFor(avro.size()));
        avro.forEach((id, value) -> fields.put(id, fromAvro(value)));
        return fields;
    }

    /** A field as it travels; a sealed value (ssn, credential) keeps its mask and its sealed original. */
    public static FieldValue toAvro(TypedValue value) {
        return new FieldValue(value.type(), value.raw(), DynamicValues.toAvro(value.normal()), value.valid(),
                DynamicValues.toAvroMap(value.components()), value.sealed());
    }

    public static TypedValue fromAvro(FieldValue value) {
        return new TypedValue(value.getType(), value.getRaw(), DynamicValues.fromAvro(value.getNormal()),
                value.getValid(), DynamicValues.fromAvroMap(value.getComponents()), value.getSealed());
    }

    public static List<io.leadflow.schemas.common.StepResult> toAvroSteps(List<StepResult> steps) {
        return steps.stream().map(Contracts::toAvro).toList();
    }

    public static List<StepResult> steps(List<io.leadflow.schemas.common.StepResult> avro) {
        return avro.stream().map(Contracts::fromAvro).toList();
    }

    public static io.leadflow.schemas.common.StepResult toAvro(StepResult step) {
        return new io.leadflow.schemas.common.StepResult(step.stepId(), StepType.valueOf(step.kind().name()),
                step.entity(), step.integration(), toAvro(step.outcome()), step.reason(), step.price(),
                step.reference(), DynamicValues.toAvroMap(step.appended()), step.startedAt(),
                step.duration().toMillis());
    }

    /** A step result from the contract; a step type this version does not know reads as a recipient. */
    public static StepResult fromAvro(io.leadflow.schemas.common.StepResult step) {
        StepKind kind = step.getStepType() == StepType.OTHER ? StepKind.RECIPIENT
                : StepKind.valueOf(step.getStepType().name());
        return new StepResult(step.getStepId(), kind, step.getEntity(), step.getIntegration(),
                fromAvro(step.getOutcome()), step.getReason(), step.getPrice(), step.getReference(),
                DynamicValues.fromAvroMap(step.getAppended()), step.getStartedAt(),
                Duration.ofMillis(step.getDurationMs()), null);
    }

    public static io.leadflow.schemas.common.LeadStop toAvro(LeadStop stop) {
        return stop == null ? null
                : new io.leadflow.schemas.common.LeadStop(stop.stepId(), toAvro(stop.outcome()), stop.reason());
    }

    public static LeadStop fromAvro(io.leadflow.schemas.common.LeadStop stop) {
        return stop == null ? null : new LeadStop(stop.getStepId(), fromAvro(stop.getOutcome()), stop.getReason());
    }

    public static io.leadflow.schemas.common.Outcome toAvro(Outcome outcome) {
        return io.leadflow.schemas.common.Outcome.valueOf(outcome.name());
    }

    public static Outcome fromAvro(io.leadflow.schemas.common.Outcome outcome) {
        return Outcome.valueOf(outcome.name());
    }
}
