package io.leadflow.servicekit;

import io.leadflow.schemas.Topics;
import io.leadflow.schemas.kafka.AvroSerializer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.avro.specific.SpecificRecord;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring every service shares: the event and dead-letter topics are created when missing (all with the same
 * partition count, so Kafka Streams can join them by lead id), and records a listener cannot process go to the
 * service's dead-letter topic with the reason in the {@code kafka_dlt-*} headers: undecodable ones at once, others
 * after a few retries.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
public class KafkaTopicsConfiguration {

    @Bean
    KafkaAdmin.NewTopics leadflowTopics(LeadflowProperties properties) {
        List<NewTopic> topics = new ArrayList<>();
        Topics.EVENT_TOPICS.forEach(topic -> topics.add(topic(topic.name(), properties)));
        Topics.DEAD_LETTER_TOPICS.forEach(name -> topics.add(topic(name, properties)));
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    private static NewTopic topic(String name, LeadflowProperties properties) {
        return TopicBuilder.name(name)
                .partitions(properties.kafka().partitions())
                .replicas(properties.kafka().replicationFactor())
                .build();
    }

    @Bean
    @ConditionalOnProperty("leadflow.dead-letter-topic")
    DefaultErrorHandler deadLetterErrorHandler(LeadflowProperties properties, KafkaProperties kafka) {
        Map<String, Object> settings = kafka.buildProducerProperties();
        DelegatingByTypeSerializer values = new DelegatingByTypeSerializer(Map.<Class<?>, Serializer<?>>of(
                byte[].class, new ByteArraySerializer(),
                SpecificRecord.class, new AvroSerializer<>()), true);
        values.configure(settings, false);
        KafkaTemplate<String, Object> template = new KafkaTemplate<>(
                new DefaultKafkaProducerFactory<String, Object>(settings, new StringSerializer(), values));
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(properties.deadLetterTopic(), record.partition()));
        recoverer.setExceptionHeadersCreator(KafkaTopicsConfiguration::addFailureHeaders);
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxAttempts(3);
        return new DefaultErrorHandler(recoverer, backOff);
    }

    /**
     * The standard {@code kafka_dlt-exception-*} headers, with the root cause's message in the message header: for an
     * undecodable record spring-kafka's own message is only "failed to deserialize", the reason is in its cause.
     */
    private static void addFailureHeaders(Headers headers, Exception failure, boolean isKey,
                                          DeadLetterPublishingRecoverer.HeaderNames names) {
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(failure);
        String message = cause == failure ? failure.getMessage() : failure.getMessage() + ": " + cause.getMessage();
        StringWriter trace = new StringWriter();
        failure.printStackTrace(new PrintWriter(trace));
        DeadLetterPublishingRecoverer.HeaderNames.ExceptionInfo info = names.getExceptionInfo();
        headers.add(isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), utf8(failure.getClass().getName()));
        headers.add(info.getExceptionCauseFqcn(), utf8(cause.getClass().getName()));
        headers.add(isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(), utf8(String.valueOf(message)));
        headers.add(isKey ? info.getKeyExceptionStacktrace() : info.getExceptionStacktrace(), utf8(trace.toString()));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
