package io.leadflow.enhancement.inbound;

import io.leadflow.enhancement.domain.Enhancer;
import io.leadflow.enhancement.domain.LeadEnhancement;
import io.leadflow.enhancement.outbound.LeadEnhancedPublisher;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.intake.LeadReceived;
import io.leadflow.servicekit.Contracts;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Enhances every lead intake received. At least once: the container commits a record's offset (ack mode
 * {@code record}) only after this method returns, and it returns only after the broker acknowledged the LeadEnhanced;
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

    @KafkaListener(topics = Topics.LEAD_RECEIVED)
    public void leadReceived(LeadReceived received) {
        LeadEnhancement enhancement = enhancer.enhance(received.getMetadata().getEventId(), Contracts.lead(received),
                Contracts.fromAvro(received.getRejection())).join();
        publisher.publish(enhancement);
    }
}
