package io.leadflow.feedback.config;

import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Where Kafka Streams sends a record it cannot decode: the dead-letter topic, same partition, bytes unchanged and the
 * reason in the {@code kafka_dlt-*} headers. Its producer is private, so Boot's own producer factory stays in place.
 */
final class StreamsDeadLetters implements AutoCloseable {

    private final DefaultKafkaProducerFactory<byte[], byte[]> producers;
    private final DeadLetterPublishingRecoverer recoverer;

    StreamsDeadLetters(Map<String, Object> producerSettings, String deadLetterTopic) {
        producers = new DefaultKafkaProducerFactory<>(producerSettings, new ByteArraySerializer(),
                new ByteArraySerializer());
        recoverer = new DeadLetterPublishingRecoverer(new KafkaTemplate<>(producers),
                (record, failure) -> new TopicPartition(deadLetterTopic, record.partition()));
    }

    DeadLetterPublishingRecoverer recoverer() {
        return recoverer;
    }

    @Override
    public void close() {
        producers.destroy();
    }
}
