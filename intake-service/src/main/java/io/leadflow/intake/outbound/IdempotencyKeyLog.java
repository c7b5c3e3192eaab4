package io.leadflow.intake.outbound;

import io.leadflow.intake.domain.AnswerOutcome;
import io.leadflow.intake.domain.IdempotencyClaim;
import io.leadflow.intake.domain.IdempotencyKeys;
import io.leadflow.intake.domain.IdempotencyLedger;
import io.leadflow.intake.domain.IntakeAnswer;
import io.leadflow.schemas.DynamicValues;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.intake.IdempotencyKeyStage;
import io.leadflow.schemas.intake.IdempotencyKeyUsed;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.schemas.kafka.KafkaSchemaRegistry;
import io.leadflow.servicekit.Contracts;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * The Idempotency-Keys of all intake instances, on {@code intake.idempotency-keys}: a claim is written (acks=all),
 * then this instance reads the topic back past it, and the first claim of the key in the log holds it. Every
 * instance reads every partition (no consumer group) into the same {@link IdempotencyLedger}, from 25 h back at
 * start, so all agree on each key's holder and its answer. Keys are written as SHA-256 digests, never as sent.
 */
@Component
public class IdempotencyKeyLog implements IdempotencyKeys, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyKeyLog.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration FORGET_EVERY = Duration.ofMinutes(1);
    /** Claims are forgotten an hour after their window, so clocks that differ a little never split the instances. */
    private static final Duration FORGET_MARGIN = Duration.ofHours(1);

    private final KafkaTemplate<String, IdempotencyKeyUsed> kafka;
    private final KafkaProperties kafkaProperties;
    private final Clock clock;
    private final IdempotencyLedger ledger = new IdempotencyLedger();
    private final Map<Integer, ReadPosition> positions = new HashMap<>();
    private KafkaConsumer<String, IdempotencyKeyUsed> consumer;
    private Thread reader;
    private volatile boolean running;

    public IdempotencyKeyLog(KafkaTemplate<String, IdempotencyKeyUsed> kafka, KafkaProperties kafkaProperties,
                             Clock clock) {
        this.kafka = kafka;
        this.kafkaProperties = kafkaProperties;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<IdempotencyClaim> claim(String key, String leadId, Instant at) {
        String digest = digest(key);
        return ledger.holder(digest, at).map(CompletableFuture::completedFuture).orElseGet(() ->
                send(digest, record(digest, leadId, at, IdempotencyKeyStage.CLAIMED))
                        .thenCompose(this::readPast)
                        .thenApply(read -> ledger.holder(digest, at).orElseThrow(() ->
                                new IllegalStateException("A claim of " + Topics.IDEMPOTENCY_KEYS + " was not read back"))));
    }

    @Override
    public CompletableFuture<Void> answered(String key, IdempotencyClaim claim, IntakeAnswer.Answered answer) {
        IdempotencyKeyUsed record = record(digest(key), claim.leadId(), claim.claimedAt(), IdempotencyKeyStage.ANSWERED);
        record.setAnswerOutcome(answer.outcome().wireName());
        record.setAnswerReason(answer.reason());
        record.setAnswerPrice(answer.price());
        record.setAnswerAppended(answer.appended() == null ? Map.of() : DynamicValues.toAvroMap(answer.appended()));
        return send(record.getKeyDigest(), record).thenApply(written -> null);
    }

    @Override
    public CompletableFuture<Void> released(String key, IdempotencyClaim claim) {
        String digest = digest(key);
        return send(digest, record(digest, claim.leadId(), claim.claimedAt(), IdempotencyKeyStage.RELEASED))
                .thenApply(written -> null);
    }

    private IdempotencyKeyUsed record(String digest, String leadId, Instant claimedAt, IdempotencyKeyStage stage) {
        return IdempotencyKeyUsed.newBuilder()
                .setMetadata(Contracts.metadata(UUID.randomUUID().toString(), leadId, null, clock.instant()))
                .setKeyDigest(digest)
                .setLeadId(leadId)
                .setClaimedAt(claimedAt)
                .setStage(stage)
                .build();
    }

    private CompletableFuture<SendResult<String, IdempotencyKeyUsed>> send(
            String digest, IdempotencyKeyUsed record) {
        try {
            return kafka.send(Topics.IDEMPOTENCY_KEYS, digest, record).whenComplete((written, failure) -> {
                if (failure != null) {
                    log.warn("Writing {} of lead {} to {} failed: {}", record.getStage(), record.getLeadId(),
                            Topics.IDEMPOTENCY_KEYS, failure.toString());
                }
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<Void> readPast(SendResult<String, IdempotencyKeyUsed> written) {
        ReadPosition position;
        synchronized (positions) {
            position = positions.get(written.getRecordMetadata().partition());
        }
        if (position == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "Partition " + written.getRecordMetadata().partition() + " of " + Topics.IDEMPOTENCY_KEYS
                            + " is not read by this instance; restart it to read new partitions"));
        }
        return position.past(written.getRecordMetadata().offset());
    }

    private void apply(IdempotencyKeyUsed record) {
        switch (record.getStage()) {
            case CLAIMED -> ledger.claimed(record.getKeyDigest(), record.getLeadId(), record.getClaimedAt());
            case ANSWERED -> ledger.answered(record.getKeyDigest(), record.getLeadId(), answer(record));
            case RELEASED -> ledger.released(record.getKeyDigest(), record.getLeadId());
            default -> { }
        }
    }

    private static IntakeAnswer.Answered answer(IdempotencyKeyUsed record) {
        AnswerOutcome outcome = AnswerOutcome.valueOf(record.getAnswerOutcome().toUpperCase(Locale.ROOT));
        Map<String, Object> appended = record.getAnswerAppended().isEmpty() ? null
                : DynamicValues.fromAvroMap(record.getAnswerAppended());
        return new IntakeAnswer.Answered(outcome == AnswerOutcome.PENDING ? IntakeAnswer.Status.PENDING
                : IntakeAnswer.Status.FINAL, outcome, record.getAnswerReason(), record.getLeadId(),
                record.getAnswerPrice(), appended, null, null);
    }

    @Override
    public synchronized void start() {
        registerSchema();
        Map<String, Object> settings = kafkaProperties.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "intake-idempotency-keys-reader");
        AvroDeserializer<IdempotencyKeyUsed> values = new AvroDeserializer<>(IdempotencyKeyUsed.class);
        values.configure(settings, false);
        consumer = new KafkaConsumer<>(settings, new StringDeserializer(), values);
        Map<TopicPartition, Long> ends;
        try {
            ends = startOneWindowBack();
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
        CountDownLatch caughtUp = new CountDownLatch(1);
        running = true;
        reader = new Thread(() -> readUntilStopped(ends, caughtUp), "intake-idempotency-keys-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            if (!caughtUp.await(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Could not read " + Topics.IDEMPOTENCY_KEYS + " up to its end within "
                        + STARTUP_TIMEOUT.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading " + Topics.IDEMPOTENCY_KEYS, e);
        }
        log.info("Read {} held Idempotency-Keys from {}", ledger.size(), Topics.IDEMPOTENCY_KEYS);
    }

    /** Seeks every partition to the first record of the last 25 h; returns the ends to read up to before serving. */
    private Map<TopicPartition, Long> startOneWindowBack() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.IDEMPOTENCY_KEYS, STARTUP_TIMEOUT).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        long since = clock.instant().minus(IdempotencyLedger.WINDOW).minus(FORGET_MARGIN).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, since));
        Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times, STARTUP_TIMEOUT);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, STARTUP_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp start = starts.get(partition);
            consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            synchronized (positions) {
                positions.put(partition.partition(), new ReadPosition());
            }
        }
        return ends;
    }

    private void readUntilStopped(Map<TopicPartition, Long> ends, CountDownLatch caughtUp) {
        Instant lastForgotten = clock.instant();
        try {
            while (running) {
                try {
                    for (ConsumerRecord<String, IdempotencyKeyUsed> record : consumer.poll(POLL)) {
                        if (record.value() != null) {
                            apply(record.value());
                        }
                    }
                    boolean atEnds = true;
                    for (TopicPartition partition : consumer.assignment()) {
                        long position = consumer.position(partition);
                        positionOf(partition).advanceTo(position);
                        atEnds &= position >= ends.getOrDefault(partition, 0L);
                    }
                    if (atEnds) {
                        caughtUp.countDown();
                    }
                    if (Duration.between(lastForgotten, clock.instant()).compareTo(FORGET_EVERY) > 0) {
                        lastForgotten = clock.instant();
                        ledger.forgetBefore(lastForgotten.minus(FORGET_MARGIN));
                    }
                } catch (WakeupException stopping) {
                    return;
                } catch (RuntimeException e) {
                    log.warn("Reading {} failed; reading on: {}", Topics.IDEMPOTENCY_KEYS, e.toString());
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private ReadPosition positionOf(TopicPartition partition) {
        synchronized (positions) {
            return positions.get(partition.partition());
        }
    }

    private void registerSchema() {
        KafkaSchemaRegistry registry =
                KafkaSchemaRegistry.acquire(kafka.getProducerFactory().getConfigurationProperties());
        try {
            registry.register(IdempotencyKeyUsed.getClassSchema());
        } finally {
            registry.release();
        }
        kafka.partitionsFor(Topics.IDEMPOTENCY_KEYS);
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

    private static String digest(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** How far this instance has read one partition, and who waits for it to get past an offset. */
    private static final class ReadPosition {

        private record Waiter(long offset, CompletableFuture<Void> done) {
        }

        private final PriorityQueue<Waiter> waiters = new PriorityQueue<>((a, b) -> Long.compare(a.offset, b.offset));
        private long position;

        synchronized CompletableFuture<Void> past(long offset) {
            if (offset < position) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            waiters.add(new Waiter(offset, done));
            return done;
        }

        void advanceTo(long next) {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            synchronized (this) {
                position = Math.max(position, next);
                while (!waiters.isEmpty() && waiters.peek().offset < position) {
                    ready.add(waiters.poll().done);
                }
            }
            // What runs next is the rest of a submission: not on the reader's thread, which must read on.
            ready.forEach(done -> done.completeAsync(() -> null));
        }
    }
}
