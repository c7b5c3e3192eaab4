package io.leadflow.delivery.inbound;

import io.leadflow.delivery.domain.Deliverer;
import io.leadflow.delivery.outbound.DeliveryPublisher;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.RecordBatches;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Delivers every enhanced lead, the leads of one poll concurrently. At least once: the container commits the poll's
 * offsets only after this method returns, and it returns only after the broker acknowledged every event of every
 * delivery; a redelivered lead is sent to its recipients again (same Idempotency-Key) and yields the same event ids.
 */
@Component
class LeadEnhancedListener {

    private final Deliverer deliverer;
    private final DeliveryPublisher publisher;

    LeadEnhancedListener(Deliverer deliverer, DeliveryPublisher publisher) {
        this.deliverer = deliverer;
        this.publisher = publisher;
    }

    @KafkaListener(topics = Topics.LEAD_ENHANCED, batch = "true")
    public void leadsEnhanced(List<ConsumerRecord<String, LeadEnhanced>> records) {
        RecordBatches.process(records, enhanced -> deliverer.deliver(enhanced.getMetadata().getEventId(),
                Contracts.lead(enhanced), Contracts.steps(enhanced.getSteps()), Contracts.fromAvro(enhanced.getStop())),
                publisher::publish);
    }
}
