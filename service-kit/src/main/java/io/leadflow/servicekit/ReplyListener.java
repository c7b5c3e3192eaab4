package io.leadflow.servicekit;

import io.leadflow.schemas.kafka.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the replies other processes publish (a Kafka Streams processor's decisions, delivery's completions) and hands
 * each to whoever waits for it here: all partitions, no consumer group (the call may wait on any instance), committed
 * records only, from the end; it starts before the web server so no wait can miss its reply. A record whose key
 * nobody here awaits is skipped before its value is decoded.
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
    private final Predicate<String> awaitedKey;
    private volatile boolean running;
    private Thread poller;
    private KafkaConsumer<String, byte[]> consumer;
    private AvroDeserializer<SpecificRecord> values;

    /**
     * Replies to the calls in {@code pending}, whatever the record key. {@code valueType}: the Avro type of the
     * replies (null: the one {@code Topics} names for each topic); {@code read} gives a reply's request id and value
     * (it may throw IllegalArgumentException to skip it).
     */
    public ReplyListener(KafkaProperties kafka, List<String> topics, Class<? extends SpecificRecord> valueType,
                         String clientId, Function<SpecificRecord, Map.Entry<String, T>> read,
                         PendingReplies<T> pending) {
        this(kafka, topics, valueType, clientId, read, pending::answer, key -> true);
    }

    /**
     * Hands each reply to {@code answer}; only records whose key (possibly null) passes {@code awaitedKey} are decoded
     * at all.
     */
    public ReplyListener(KafkaProperties kafka, List<String> topics, Class<? extends SpecificRecord> valueType,
                         String clientId, Function<SpecificRecord, Map.Entry<String, T>> read,
                         BiConsumer<String, T> answer, Predicate<String> awaitedKey) {
        this.kafka = kafka;
        this.topics = List.copyOf(topics);
        this.valueType = valueType;
        this.clientId = clientId;
        this.read = read;
        this.answer = answer;
        this.awaitedKey = awaitedKey;
    }

    @Override
    public void start() {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        @SuppressWarnings("unchecked")
        AvroDeserializer<SpecificRecord> deserializer = new AvroDeserializer<>((Class<SpecificRecord>) valueType);
        values = deserializer;
        values.configure(settings, false);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            topics.forEach(topic -> consumer.partitionsFor(topic, START_TIMEOUT)
                    .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition()))));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            // seekToEnd is lazy: resolve the positions now, before any call can be waiting.
            partitions.forEach(partition -> consumer.position(partition, START_TIMEOUT));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            values.close();
            throw e;
        }
        running = true;
        poller = new Thread(this::poll, clientId);
        poller.start();
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
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
                consumer.poll(POLL).forEach(this::handle);
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close();
            values.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (!awaitedKey.test(record.key())) {
            return;
        }
        try {
            SpecificRecord value = values.deserialize(record.topic(), record.value());
            Map.Entry<String, T> reply = read.apply(value);
            answer.accept(reply.getKey(), reply.getValue());
        } catch (SerializationException e) {
            log.warn("Skipping an undecodable reply at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            log.warn("Skipping a reply this version cannot read at {}-{} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }
}
