package io.leadflow.delivery;

import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.servicekit.testing.TopicReader;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * The service's two output topics, each read from its beginning on the test context's broker: opened before every
 * test, closed after it. Register it with {@code @RegisterExtension} in a {@link DeliveryServiceTest}.
 */
final class DeliveryTopics implements BeforeEachCallback, AfterEachCallback {

    private TopicReader<DeliveryAttempted> attempts;
    private TopicReader<LeadCompleted> completions;

    /** {@code Topics.DELIVERY_ATTEMPTED}. */
    TopicReader<DeliveryAttempted> attempts() {
        return attempts;
    }

    /** {@code Topics.LEAD_COMPLETED}. */
    TopicReader<LeadCompleted> completions() {
        return completions;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        String brokers = SpringExtension.getApplicationContext(context).getBean(EmbeddedKafkaBroker.class)
                .getBrokersAsString();
        attempts = new TopicReader<>(brokers, Topics.DELIVERY_ATTEMPTED, new AvroDeserializer<>());
        completions = new TopicReader<>(brokers, Topics.LEAD_COMPLETED, new AvroDeserializer<>());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        attempts.close();
        completions.close();
    }
}
