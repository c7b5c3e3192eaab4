package io.leadflow.delivery.outbound;

import io.leadflow.delivery.domain.Completion;
import io.leadflow.delivery.domain.DeadLetter;
import io.leadflow.delivery.domain.DeliveryAttempt;
import io.leadflow.delivery.domain.FirstPassProgress;
import io.leadflow.delivery.domain.Origin;
import io.leadflow.delivery.domain.ScheduledRetry;
import io.leadflow.delivery.domain.StepProgress;
import io.leadflow.flow.Lead;
import io.leadflow.schemas.delivery.DeadLetterCategory;
import io.leadflow.schemas.delivery.DeadLettered;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.delivery.LeadProgress;
import io.leadflow.schemas.delivery.RetryScheduled;
import io.leadflow.servicekit.Contracts;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/** Maps delivery's domain records to its Avro contracts and back. */
public final class DeliveryRecords {

    private DeliveryRecords() {
    }

    public static DeliveryAttempted toAvro(DeliveryAttempt attempt) {
        Lead lead = attempt.lead();
        return DeliveryAttempted.newBuilder()
                .setMetadata(Contracts.metadata(attempt.eventId(), lead.id(), attempt.causationId(),
                        attempt.occurredAt()))
                .setLeadId(lead.id())
                .setFlowId(lead.flowId())
                .setFlowRevision(lead.flowRevision())
                .setAttempt(attempt.attempt())
                .setIdempotencyKey(attempt.idempotencyKey())
                .setHttpStatus(attempt.httpStatus())
                .setResult(Contracts.toAvro(attempt.result()))
                .build();
    }

    public static LeadCompleted toAvro(Completion completion) {
        Lead lead = completion.lead();
        return LeadCompleted.newBuilder()
                .setMetadata(Contracts.metadata(completion.eventId(), lead.id(), completion.causationId(),
                        completion.occurredAt()))
                .setLeadId(lead.id())
                .setFlowId(lead.flowId())
                .setFlowRevision(lead.flowRevision())
                .setSourceId(lead.sourceId())
                .setSubmittedAt(lead.submittedAt())
                .setOutcome(Contracts.toAvro(completion.outcome()))
                .setReason(completion.reason())
                .setPrice(completion.price())
                .setSteps(Contracts.toAvroSteps(completion.steps()))
                .build();
    }

    public static RetryScheduled toAvro(ScheduledRetry retry) {
        Lead lead = retry.lead();
        return RetryScheduled.newBuilder()
                .setMetadata(Contracts.metadata(retry.eventId(), lead.id(), retry.causationId(), retry.occurredAt()))
                .setLeadId(lead.id())
                .setFlowId(lead.flowId())
                .setFlowRevision(lead.flowRevision())
                .setSourceId(lead.sourceId())
                .setSubmittedAt(lead.submittedAt())
                .setFields(Contracts.toAvroFields(lead.fields()))
                .setEnhancedEventId(retry.enhancedEventId())
                .setSteps(Contracts.toAvroSteps(retry.priorSteps()))
                .setStop(Contracts.toAvro(retry.stop()))
                .setStepId(retry.stepId())
                .setAttempt(retry.attempt())
                .setScheduleStart(retry.scheduleStart())
                .setFirstAttemptAt(retry.firstAttemptAt())
                .setDueAt(retry.dueAt())
                .setReason(retry.reason())
                .setReplayOf(retry.replayOf())
                .build();
    }

    public static ScheduledRetry fromAvro(RetryScheduled retry) {
        Lead lead = new Lead(retry.getLeadId(), retry.getFlowId(), retry.getFlowRevision(), retry.getSourceId(),
                retry.getSubmittedAt(), Contracts.fields(retry.getFields()));
        return new ScheduledRetry(retry.getMetadata().getEventId(), retry.getMetadata().getCausationId(),
                retry.getMetadata().getOccurredAt(), retry.getEnhancedEventId(), lead,
                Contracts.steps(retry.getSteps()), Contracts.fromAvro(retry.getStop()), retry.getStepId(),
                retry.getAttempt(), retry.getScheduleStart(), retry.getFirstAttemptAt(), retry.getDueAt(),
                retry.getReason(), retry.getReplayOf());
    }

    public static DeadLettered toAvro(DeadLetter deadLetter) {
        Origin origin = deadLetter.origin();
        return DeadLettered.newBuilder()
                .setMetadata(Contracts.metadata(deadLetter.id(), deadLetter.leadId(), null, deadLetter.at()))
                .setLeadId(deadLetter.leadId())
                .setCategory(DeadLetterCategory.valueOf(deadLetter.category().name()))
                .setReason(deadLetter.reason())
                .setFlowId(deadLetter.flowId())
                .setFlowRevision(deadLetter.flowRevision())
                .setStepId(deadLetter.stepId())
                .setEntity(deadLetter.entity())
                .setAttempts(deadLetter.attempts())
                .setFirstAttemptAt(deadLetter.firstAttemptAt())
                .setLastAttemptAt(deadLetter.lastAttemptAt())
                .setSourceTopic(origin.topic())
                .setSourcePartition(origin.partition())
                .setSourceOffset(origin.offset())
                .setReplay(deadLetter.replay() == null ? null : toAvro(deadLetter.replay()))
                .setPayload(deadLetter.payload() == null ? null : ByteBuffer.wrap(deadLetter.payload()))
                .build();
    }

    public static DeadLetter fromAvro(DeadLettered deadLetter) {
        return new DeadLetter(deadLetter.getMetadata().getEventId(), deadLetter.getMetadata().getOccurredAt(),
                deadLetter.getLeadId(), category(deadLetter.getCategory()), deadLetter.getReason(),
                deadLetter.getFlowId(), deadLetter.getFlowRevision(), deadLetter.getStepId(), deadLetter.getEntity(),
                deadLetter.getAttempts(), deadLetter.getFirstAttemptAt(), deadLetter.getLastAttemptAt(),
                new Origin(deadLetter.getSourceTopic(), deadLetter.getSourcePartition(), deadLetter.getSourceOffset(),
                        0), deadLetter.getReplay() == null ? null : fromAvro(deadLetter.getReplay()),
                deadLetter.getPayload() == null ? null : bytes(deadLetter.getPayload()));
    }

    private static io.leadflow.delivery.domain.DeadLetterCategory category(DeadLetterCategory category) {
        return category == DeadLetterCategory.OTHER ? io.leadflow.delivery.domain.DeadLetterCategory.FAILED
                : io.leadflow.delivery.domain.DeadLetterCategory.valueOf(category.name());
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    public static LeadProgress toAvro(FirstPassProgress progress, Instant now) {
        return LeadProgress.newBuilder()
                .setLeadId(progress.leadId())
                .setStepId(null)
                .setSteps(Contracts.toAvroSteps(progress.steps()))
                .setCompleted(progress.completed())
                .setDelivered(progress.delivered())
                .setUpdatedAt(now)
                .build();
    }

    public static LeadProgress toAvro(StepProgress progress, Instant now) {
        return LeadProgress.newBuilder()
                .setLeadId(progress.leadId())
                .setStepId(progress.stepId())
                .setSteps(List.of())
                .setAttempts(progress.attempts())
                .setFinished(progress.finished())
                .setUpdatedAt(now)
                .build();
    }

    /** The progress record's key: the lead id for the first pass, {@code <lead id>:<step id>} for a step. */
    public static String progressKey(String leadId, String stepId) {
        return stepId == null ? leadId : leadId + ":" + stepId;
    }
}
