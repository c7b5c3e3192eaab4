package io.leadflow.feedback.config;

import io.leadflow.feedback.domain.FeedbackKeyring;
import io.leadflow.feedback.domain.Recipient;
import io.leadflow.feedback.outbound.LeadTimelineForwarder;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.References;
import java.util.HashMap;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The feedback keys of the loaded flows, and the client that forwards timeline queries to their owner. */
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
    LeadTimelineForwarder leadTimelineForwarder() {
        return new LeadTimelineForwarder();
    }
}
