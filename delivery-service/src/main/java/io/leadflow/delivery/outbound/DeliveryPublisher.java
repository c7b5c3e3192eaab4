package io.leadflow.delivery.outbound;

import io.leadflow.delivery.domain.Completion;
import io.leadflow.delivery.domain.Delivery;
import io.leadflow.delivery.domain.DeliveryAttempt;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.servicekit.Contracts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** The only writer of {@code delivery.delivery-attempted} and {@code delivery.lead-completed}, keyed by lead id. */
@Component
public class DeliveryPublisher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryPublisher.class);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final DeliveryMetrics metrics;

    DeliveryPublisher(KafkaTemplate<String, SpecificRecord> kafka, DeliveryMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /**
     * Publishes the attempts and the completion of a lead and completes when the broker acknowledged all of them
     * (acks=all); fails when a send does, so the input is retried. They are on different topics, so a reader may see
     * the completion before the attempts.
     */
    public CompletableFuture<Void> publish(Delivery delivery) {
        String leadId = delivery.completion().lead().id();
        List<CompletableFuture<?>> sends = new ArrayList<>();
        delivery.attempts().forEach(attempt -> sends.add(kafka.send(Topics.DELIVERY_ATTEMPTED, leadId, toAvro(attempt))));
        sends.add(kafka.send(Topics.LEAD_COMPLETED, leadId, toAvro(delivery.completion())));
        return CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).thenRun(() -> {
            delivery.attempts().forEach(metrics::deliveryAttempted);
            metrics.leadCompleted(delivery.completion());
            log.debug("Lead {} completed with outcome {} after {} delivery attempts", leadId,
                    delivery.completion().outcome().wireName(), delivery.attempts().size());
        });
    }

    static DeliveryAttempted toAvro(DeliveryAttempt attempt) {
        var lead = attempt.lead();
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

    static LeadCompleted toAvro(Completion completion) {
        var lead = completion.lead();
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
}
