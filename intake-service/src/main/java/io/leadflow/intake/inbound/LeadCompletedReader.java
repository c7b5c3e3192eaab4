package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.Completion;
import io.leadflow.intake.domain.CompletionWaits;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.servicekit.Contracts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads every partition of {@code delivery.lead-completed} on one background thread, without a consumer group and
 * from the end as of start-up, and hands each completion to the sync answers waiting here. Every intake instance
 * reads them all, since the instance that holds a source's request is not the one Kafka would pick; only a completion
 * awaited here is decoded (the record key is the lead id), so async sources cost a reader nothing but the fetch.
 */
@Component
public class LeadCompletedReader implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeadCompletedReader.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final KafkaProperties kafka;
    private final CompletionWaits completions;
    private final AvroDeserializer<LeadCompleted> values = new AvroDeserializer<>(LeadCompleted.class);
    private KafkaConsumer<String, byte[]> consumer;
    private Thread reader;
    private volatile boolean running;

    public LeadCompletedReader(KafkaProperties kafka, CompletionWaits completions) {
        this.kafka = kafka;
        this.completions = completions;
    }

    @Override
    public synchronized void start() {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "intake-lead-completed-reader");
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        values.configure(settings, false);
        consumer = new KafkaConsumer<>(settings);
        try {
            startAtEnd();
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            values.close();
            throw e;
        }
        running = true;
        reader = new Thread(this::readUntilStopped, "intake-lead-completed-reader");
        reader.setDaemon(true);
        reader.start();
    }

    private void startAtEnd() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.LEAD_COMPLETED, STARTUP_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before the web server takes the first request, so a
        // completion published after that request's lead can never fall before the starting offset.
        partitions.forEach(partition -> consumer.position(partition, STARTUP_TIMEOUT));
        log.info("Reading {} partitions of {} for sync answers", partitions.size(), Topics.LEAD_COMPLETED);
    }

    private void readUntilStopped() {
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        handle(record);
                    }
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("Reading {} failed; reading on: {}", Topics.LEAD_COMPLETED, e.toString());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
            values.close();
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null || !completions.isAwaited(record.key())) {
            return;
        }
        LeadCompleted completed;
        try {
            completed = values.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            log.warn("Skipping an undecodable record at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
            return;
        }
        if (completed == null) {
            return;
        }
        completions.complete(new Completion(completed.getLeadId(), Contracts.fromAvro(completed.getOutcome()),
                completed.getReason(), completed.getPrice(), Contracts.steps(completed.getSteps())));
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        consumer.wakeup();
        try {
            reader.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Starts before the web server takes requests and stops only after it has answered the last of them. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }
}
