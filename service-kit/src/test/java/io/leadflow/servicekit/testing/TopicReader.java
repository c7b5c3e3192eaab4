package io.leadflow.servicekit.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

/** Reads one topic from its beginning, as a downstream consumer would, and waits (bounded) for a lead's records. */
public final class TopicReader<V> implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    private final KafkaConsumer<String, V> consumer;
    private final List<ConsumerRecord<String, V>> seen = new ArrayList<>();

    /** Assigns every partition of {@code topic} at {@code brokers}, from the beginning, committed records only. */
    public TopicReader(String brokers, String topic, Deserializer<V> values) {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        values.configure(settings, false);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values);
        List<TopicPartition> partitions = consumer.partitionsFor(topic, PATIENCE).stream()
                .map(partition -> new TopicPartition(topic, partition.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The first {@code count} records keyed by this lead id, once they arrived. */
    public List<ConsumerRecord<String, V>> await(String leadId, int count) {
        Awaitility.await().atMost(PATIENCE).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return keyed(leadId).size() >= count;
        });
        return keyed(leadId).subList(0, count);
    }

    /** Every record keyed by this lead id that is on the topic now: reads up to the topic's current end. */
    public List<ConsumerRecord<String, V>> current(String leadId) {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment(), PATIENCE);
        Awaitility.await().atMost(PATIENCE).pollInSameThread().until(() -> {
            consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
            return end.entrySet().stream()
                    .allMatch(partition -> consumer.position(partition.getKey()) >= partition.getValue());
        });
        return keyed(leadId);
    }

    private List<ConsumerRecord<String, V>> keyed(String leadId) {
        return seen.stream().filter(record -> leadId.equals(record.key())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
