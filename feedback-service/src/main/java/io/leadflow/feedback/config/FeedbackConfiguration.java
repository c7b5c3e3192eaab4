package io.leadflow.feedback.config;

import io.leadflow.feedback.domain.FeedbackAnswer;
import io.leadflow.feedback.domain.FeedbackKeyring;
import io.leadflow.feedback.domain.Recipient;
import io.leadflow.feedback.inbound.FeedbackDecisionMapping;
import io.leadflow.feedback.outbound.LeadTimelineForwarder;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.References;
import io.leadflow.servicekit.PendingReplies;
import io.leadflow.servicekit.ReplyListener;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The feedback keys of the loaded flows, the calls waiting for their decisions with the listener that answers them,
 * and the client that forwards timeline queries to their owner.
 */
@Configuration(proxyBeanMethods = false)
class FeedbackConfiguration {

    /** Resolves each flow's {@code feedback_keys} references once; only their digests are kept. */
    @Bean
    FeedbackKeyring feedbackKeyring(FlowCatalog flows, References references) {
        Map<Recipient, String> keys = new HashMap<>();
        flows.all().forEach(flow -> flow.feedbackKeys().forEach((entity, reference) ->
                keys.put(new Recipient(flow.id(), entity), references.resolve(reference))));
        return new FeedbackKeyring(keys);
    }

    @Bean
    PendingReplies<FeedbackAnswer> pendingFeedbackAnswers() {
        return new PendingReplies<>();
    }

    /** Both decision topics, each read as the Avro type {@code Topics} names for it. */
    @Bean
    ReplyListener<FeedbackAnswer> feedbackDecisionListener(KafkaProperties kafka,
                                                           PendingReplies<FeedbackAnswer> pending) {
        return new ReplyListener<>(kafka, FeedbackDecisionMapping.TOPICS, null, "leadflow-feedback-decisions",
                FeedbackDecisionMapping::answer, pending);
    }

    @Bean
    LeadTimelineForwarder leadTimelineForwarder() {
        return new LeadTimelineForwarder();
    }
}
