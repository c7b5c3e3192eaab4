package io.leadflow.feedback.inbound;

import io.leadflow.feedback.domain.FeedbackAnswer;
import io.leadflow.feedback.domain.FeedbackResult;
import io.leadflow.feedback.domain.FeedbackType;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackRejected;
import io.leadflow.schemas.kafka.AvroDeserializer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Reads every feedback decision and answers the call waiting for it: all partitions, no consumer group (the call may
 * wait on any instance), from the end; it starts before the web server so no wait can miss its decision.
 */
@Component
public class FeedbackDecisionListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(FeedbackDecisionListener.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> TOPICS = List.of(Topics.FEEDBACK_MATCHED, Topics.FEEDBACK_REJECTED);

    private final KafkaProperties kafka;
    private final PendingDecisions pending;
    private volatile boolean running;
    private Thread poller;
    private KafkaConsumer<String, SpecificRecord> consumer;

    public FeedbackDecisionListener(KafkaProperties kafka, PendingDecisions pending) {
        this.kafka = kafka;
        this.pending = pending;
    }

    @Override
    public void start() {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Decisions are written in Kafka Streams transactions: read only committed ones.
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "leadflow-feedback-decisions");
        AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
        values.configure(settings, false);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values);
        List<TopicPartition> partitions = new ArrayList<>();
        TOPICS.forEach(topic -> consumer.partitionsFor(topic, START_TIMEOUT)
                .forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition()))));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // seekToEnd is lazy: resolve the positions now, before any call can be waiting.
        partitions.forEach(partition -> consumer.position(partition, START_TIMEOUT));
        running = true;
        poller = new Thread(this::poll, "feedback-decisions");
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
                    consumer.poll(POLL).forEach(this::answer);
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

    private void answer(ConsumerRecord<String, SpecificRecord> record) {
        try {
            pending.answer(answerOf(record.value()));
        } catch (IllegalArgumentException e) {
            log.warn("Skipping a decision this version cannot read at {}-{} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    private static FeedbackAnswer answerOf(SpecificRecord decision) {
        if (decision instanceof FeedbackMatched matched) {
            return new FeedbackAnswer(matched.getFeedbackId(), matched.getLeadId(),
                    FeedbackType.valueOf(matched.getType().name()), FeedbackResult.MATCHED, null, matched.getEntity());
        }
        FeedbackRejected rejected = (FeedbackRejected) decision;
        return new FeedbackAnswer(rejected.getFeedbackId(), rejected.getLeadId(),
                FeedbackType.valueOf(rejected.getType().name()),
                FeedbackResult.valueOf(rejected.getRejection().name()), rejected.getMessage(), null);
    }
}
