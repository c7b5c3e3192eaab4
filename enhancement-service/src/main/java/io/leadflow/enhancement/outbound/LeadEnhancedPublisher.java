package io.leadflow.enhancement.outbound;

import io.leadflow.enhancement.domain.LeadEnhancement;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.servicekit.Contracts;
import org.apache.avro.specific.SpecificRecord;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/** The only writer of {@code enhancement.lead-enhanced}, keyed by lead id. */
@Component
public class LeadEnhancedPublisher {

    private static final Logger log = LoggerFactory.getLogger(LeadEnhancedPublisher.class);

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final EnhancementMetrics metrics;

    LeadEnhancedPublisher(KafkaTemplate<String, SpecificRecord> kafka, EnhancementMetrics metrics) {
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /** Completes once the broker acknowledged the event (acks=all); fails when the send does, so the input is retried. */
    public CompletableFuture<Void> publish(LeadEnhancement enhancement) {
        return kafka.send(Topics.LEAD_ENHANCED, enhancement.lead().id(), toAvro(enhancement)).thenRun(() -> {
            metrics.leadEnhanced(enhancement);
            log.debug("Lead {} enhanced: {} steps, stop {}", enhancement.lead().id(), enhancement.steps().size(),
                    enhancement.stop() == null ? "none" : enhancement.stop().outcome().wireName());
        });
    }

    static LeadEnhanced toAvro(LeadEnhancement enhancement) {
        var lead = enhancement.lead();
        return LeadEnhanced.newBuilder()
                .setMetadata(Contracts.metadata(enhancement.eventId(), lead.id(), enhancement.causationId(),
                        enhancement.occurredAt()))
                .setLeadId(lead.id())
                .setFlowId(lead.flowId())
                .setFlowRevision(lead.flowRevision())
                .setSourceId(lead.sourceId())
                .setSubmittedAt(lead.submittedAt())
                .setFields(Contracts.toAvroFields(lead.fields()))
                .setSteps(Contracts.toAvroSteps(enhancement.steps()))
                .setStop(Contracts.toAvro(enhancement.stop()))
                .build();
    }
}
