package io.leadflow.servicekit;

import io.leadflow.schemas.kafka.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the decisions a Kafka Streams processor publishes and hands each to {@link PendingReplies}: all partitions,
 * no consumer group (the call may wait on any instance), committed records only, from the end; it starts before the
 * web server so no wait can miss its decision.
 */
public final class ReplyListener<T> implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ReplyListener.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaProperties kafka;
    private final List<String> topics;
    private final String clientId;
    private final Class<? extends SpecificRecord> valueType;
    private final Function<SpecificRecord, Map.Entry<String, T>> read;
    private final BiConsumer<String, T> answer;
    private volatile boolean running;
    private Thread poller;
    private KafkaConsumer<String, SpecificRecord> consumer;

    /**
     * {@code valueType}: the Avro type of the decisions (null: the one {@code Topics} names for each topic);
     * {@code read} gives a decision's request id and reply (it may throw IllegalArgumentException to skip it).
     */
    public ReplyListener(KafkaProperties kafka, List<String> topics, Class<? extends SpecificRecord> valueType,
                         String clientId, Function<SpecificRecord, Map.Entry<String, T>> read,
                         PendingReplies<T> pending) {
        this.kafka = kafka;
        this.topics = List.copyOf(topics);
        this.valueType = valueType;
        this.clientId = clientId;
        this.read = read;
        this.answer = pending::answer;
    }

    @Override
    public void start() {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        @SuppressWarnings("unchecked")
        AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>((Class<SpecificRecord>) valueType);
        values.configure(settings, false);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values);
        List<TopicPartition> partitions = new ArrayList<>();
        topics.forEach(topic -> consumer.partitionsFor(topic, START_TIMEOUT)
                .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition()))));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before any call can be waiting.
        partitions.forEach(partition -> consumer.position(partition, START_TIMEOUT));
        running = true;
        poller = new Thread(this::poll, clientId);
        poller.start();
    }

    @Override
    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            poller.join(START_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server starts (and after it stops). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    private void poll() {
        try {
            while (running) {
                try {
                    consumer.poll(POLL).forEach(record -> {
                        try {
                            Map.Entry<String, T> reply = read.apply(record.value());
                            answer.accept(reply.getKey(), reply.getValue());
                        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
                            log.warn("Skipping a decision this version cannot read at {}-{} offset {}: {}",
                                    record.topic(), record.partition(), record.offset(), e.getMessage());
                        }
                    });
                } catch (RecordDeserializationException e) {
                    log.warn("Skipping an undecodable decision at {} offset {}: {}", e.topicPartition(), e.offset(),
                            e.getMessage());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }
}
