package io.leadflow.feedback.outbound;

import io.leadflow.feedback.domain.FeedbackRequest;
import io.leadflow.feedback.domain.Recipient;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.feedback.FeedbackReceived;
import io.leadflow.schemas.feedback.FeedbackType;
import io.leadflow.schemas.feedback.RecipientRef;
import io.leadflow.servicekit.Contracts;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Publishes a feedback call as {@code FeedbackReceived}, keyed by lead id; completes when the broker has it (acks=all). */
@Component
public class FeedbackReceivedPublisher {

    private final KafkaTemplate<String, SpecificRecord> kafka;
    private final Clock clock;

    public FeedbackReceivedPublisher(KafkaTemplate<String, SpecificRecord> kafka, Clock clock) {
        this.kafka = kafka;
        this.clock = clock;
    }

    /** The key itself is never written: only the recipients it is valid for. */
    public Mono<Void> publish(String feedbackId, FeedbackRequest request, List<Recipient> keyRecipients) {
        FeedbackReceived event = new FeedbackReceived(
                Contracts.metadata(UUID.randomUUID().toString(), request.leadId(), null, clock.instant()),
                feedbackId, request.leadId(), FeedbackType.valueOf(request.type().name()), request.reason(),
                keyRecipients.stream().map(recipient -> new RecipientRef(recipient.flowId(), recipient.entity()))
                        .toList());
        // The first send blocks (topic metadata, registering the schema): keep it off the event loop.
        return Mono.fromFuture(() -> kafka.send(Topics.FEEDBACK_RECEIVED, request.leadId(), event))
                .subscribeOn(Schedulers.boundedElastic())
                .then();
    }
}
