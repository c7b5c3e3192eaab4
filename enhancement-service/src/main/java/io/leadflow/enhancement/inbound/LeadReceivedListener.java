package io.leadflow.enhancement.inbound;

import io.leadflow.enhancement.domain.Enhancer;
import io.leadflow.enhancement.outbound.LeadEnhancedPublisher;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.intake.LeadReceived;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.RecordBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Enhances every lead intake received, the leads of one poll concurrently. At least once: the container commits the
 * poll's offsets only after this method returns, and it returns only after the broker acknowledged every LeadEnhanced;
 * a redelivered lead is enhanced again and yields the same event id, by which consumers drop the repeat.
 */
@Component
class LeadReceivedListener {

    private final Enhancer enhancer;
    private final LeadEnhancedPublisher publisher;

    LeadReceivedListener(Enhancer enhancer, LeadEnhancedPublisher publisher) {
        this.enhancer = enhancer;
        this.publisher = publisher;
    }

    @KafkaListener(topics = Topics.LEAD_RECEIVED, batch = "true")
    public void leadsReceived(List<ConsumerRecord<String, LeadReceived>> records) {
        RecordBatches.process(records, received -> enhancer.enhance(received.getMetadata().getEventId(),
                Contracts.lead(received), Contracts.fromAvro(received.getRejection())), publisher::publish);
    }
}
