package io.leadflow.delivery.inbound;

import io.leadflow.delivery.domain.Deliverer;
import io.leadflow.delivery.domain.FirstPass;
import io.leadflow.delivery.domain.Origin;
import io.leadflow.delivery.domain.ScheduledRetry;
import io.leadflow.delivery.outbound.DeliveryJournal;
import io.leadflow.delivery.outbound.DeliveryRecords;
import io.leadflow.delivery.outbound.ProgressStore;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.RetryScheduled;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.servicekit.Contracts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads enhanced leads and scheduled retries (one consumer, one thread) and hands each record to {@link InFlight}:
 * many deliveries in flight whatever the partitions, each lead's in order, offsets committed only for finished
 * records. A retry not yet due waits on a timer, never on a consumer thread; too many unfinished leads, or too many
 * retries waiting, pause reading that topic. On assignment the progress of the partitions is read back before the
 * first record; on revocation the running deliveries get a grace period, their records are committed, and what
 * could not finish is left to the next owner.
 */
public final class DeliveryConsumer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DeliveryConsumer.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    private static final Duration EVICT_INTERVAL = Duration.ofMinutes(1);
    private static final List<String> TOPICS = List.of(Topics.LEAD_ENHANCED, Topics.RETRY_SCHEDULED);

    /** How many deliveries may be in flight and waiting, and how long revoked ones get to finish. */
    public record Limits(int maxInFlight, int maxQueued, Duration revokeGrace) {
    }

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Deserializer<SpecificRecord> values;
    private final Deliverer deliverer;
    private final DeliveryJournal journal;
    private final ProgressStore progress;
    private final PartitionEpochs epochs;
    private final Limits limits;
    private final Clock clock;
    private final OffsetTracker offsets = new OffsetTracker();
    private final ScheduledExecutorService timer;
    private final InFlight inFlight;
    private final AtomicInteger waitingRetries = new AtomicInteger();
    private volatile boolean running;
    private Thread thread;
    private Consumer<String, byte[]> consumer;

    public DeliveryConsumer(Supplier<Consumer<String, byte[]>> consumers, Deserializer<SpecificRecord> values,
                            Deliverer deliverer, DeliveryJournal journal, ProgressStore progress,
                            PartitionEpochs epochs, Limits limits, MeterRegistry registry, Clock clock) {
        this.consumers = consumers;
        this.values = values;
        this.deliverer = deliverer;
        this.journal = journal;
        this.progress = progress;
        this.epochs = epochs;
        this.limits = limits;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread timerThread = new Thread(runnable, "delivery-timer");
            timerThread.setDaemon(true);
            return timerThread;
        });
        this.inFlight = new InFlight(limits.maxInFlight(), offsets, timer, clock);
        Gauge.builder("leadflow.delivery.in.flight", inFlight, InFlight::running)
                .description("Deliveries running now (recipient calls and their recording)").register(registry);
        Gauge.builder("leadflow.delivery.queued", inFlight, InFlight::queued)
                .description("Deliveries read and waiting for a slot or for their lead's earlier work")
                .register(registry);
        Gauge.builder("leadflow.delivery.retries.waiting", waitingRetries, AtomicInteger::get)
                .description("Retries read and waiting for the time they are due").register(registry);
        Gauge.builder("leadflow.delivery.retry.backlog.age", inFlight,
                        flight -> flight.retryBacklogAge().toMillis() / 1000.0)
                .description("Seconds the oldest due retry has waited for a slot").baseUnit("seconds")
                .register(registry);
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::consume, "delivery-consumer");
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Consumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            thread.join(limits.revokeGrace().plusSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void consume() {
        consumer = consumers.get();
        try {
            consumer.subscribe(TOPICS, new Rebalance());
            Instant lastCommit = clock.instant();
            Instant lastEviction = clock.instant();
            while (running) {
                pauseOrResume();
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                        read(record);
                    }
                } catch (WakeupException e) {
                    break;
                }
                Instant now = clock.instant();
                if (Duration.between(lastCommit, now).compareTo(COMMIT_INTERVAL) >= 0) {
                    commit(false);
                    lastCommit = now;
                }
                if (Duration.between(lastEviction, now).compareTo(EVICT_INTERVAL) >= 0) {
                    progress.evictOld();
                    lastEviction = now;
                }
            }
            handOver(consumer.assignment(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("The delivery consumer stopped", e);
        } finally {
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        Instant now = clock.instant();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        Origin origin = new Origin(record.topic(), record.partition(), record.offset(),
                epochs.epoch(record.partition()));
        String leadId = record.key() == null ? "" : record.key();
        offsets.read(partition, record.offset(), now);
        SpecificRecord value;
        try {
            value = values.deserialize(record.topic(), record.value());
        } catch (KafkaException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            inFlight.submit(new InFlight.Task(partition, record.offset(), leadId, null,
                    () -> deliverer.parkUndecodable(origin, leadId, reason, record.value()),
                    failure -> deliverer.parkUndecodable(origin, leadId, reason, record.value())));
            return;
        }
        if (value instanceof LeadEnhanced enhanced) {
            FirstPass pass = new FirstPass(enhanced.getMetadata().getEventId(), Contracts.lead(enhanced),
                    Contracts.steps(enhanced.getSteps()), Contracts.fromAvro(enhanced.getStop()), null, origin);
            inFlight.submit(new InFlight.Task(partition, record.offset(), leadId, null,
                    () -> deliverer.firstPass(pass), failure -> deliverer.park(pass, failure)));
        } else if (value instanceof RetryScheduled scheduled) {
            ScheduledRetry retry = DeliveryRecords.fromAvro(scheduled);
            InFlight.Task task = new InFlight.Task(partition, record.offset(), leadId, retry.dueAt(),
                    () -> deliverer.retry(retry, origin), failure -> deliverer.park(retry, origin, failure));
            long wait = Duration.between(now, retry.dueAt()).toMillis();
            if (wait <= 0) {
                inFlight.submit(task);
            } else {
                waitingRetries.incrementAndGet();
                timer.schedule(() -> {
                    waitingRetries.decrementAndGet();
                    inFlight.submit(task);
                }, wait, TimeUnit.MILLISECONDS);
            }
        } else {
            String reason = "Not a record delivery reads: " + (value == null ? "null" : value.getSchema().getFullName());
            inFlight.submit(new InFlight.Task(partition, record.offset(), leadId, null,
                    () -> deliverer.parkUndecodable(origin, leadId, reason, record.value()),
                    failure -> deliverer.parkUndecodable(origin, leadId, reason, record.value())));
        }
    }

    /** Too many unfinished leads pause the enhanced leads; too many retries waiting pause the retries. */
    private void pauseOrResume() {
        Set<TopicPartition> assigned = consumer.assignment();
        pauseOrResume(assigned, Topics.LEAD_ENHANCED, offsets.unfinished(Topics.LEAD_ENHANCED) >= limits.maxQueued());
        pauseOrResume(assigned, Topics.RETRY_SCHEDULED, waitingRetries.get() >= limits.maxQueued());
    }

    private void pauseOrResume(Set<TopicPartition> assigned, String topic, boolean pause) {
        Set<TopicPartition> partitions = assigned.stream().filter(partition -> partition.topic().equals(topic))
                .collect(Collectors.toSet());
        if (pause) {
            consumer.pause(partitions);
        } else {
            consumer.resume(partitions);
        }
    }

    private void commit(boolean sync) {
        Map<TopicPartition, OffsetAndMetadata> commit = offsets.committable(clock.instant(), sync);
        commit.keySet().retainAll(consumer.assignment());
        if (commit.isEmpty()) {
            return;
        }
        if (sync) {
            try {
                consumer.commitSync(commit);
                offsets.committed(commit);
            } catch (KafkaException e) {
                log.warn("Committing offsets failed: {}", e.toString());
            }
        } else {
            consumer.commitAsync(commit, (committed, failure) -> {
                if (failure == null) {
                    offsets.committed(committed);
                } else {
                    log.debug("Committing offsets failed: {}", failure.toString());
                }
            });
        }
    }

    /**
     * Lets the deliveries of these partitions finish (up to the grace period), records and commits what finished,
     * and forgets them: the next owner starts where this one stopped.
     */
    private void handOver(Collection<TopicPartition> partitions, boolean commit) throws InterruptedException {
        Set<Integer> numbers = partitions.stream().map(TopicPartition::partition).collect(Collectors.toSet());
        if (numbers.isEmpty()) {
            return;
        }
        int unfinished = inFlight.close(numbers, limits.revokeGrace());
        if (unfinished > 0) {
            log.info("{} deliveries of partitions {} did not finish within {} s; their next owner repeats them",
                    unfinished, numbers, limits.revokeGrace().toSeconds());
        }
        epochs.revoke(numbers);
        journal.flush();
        if (commit) {
            commit(true);
        }
        offsets.forget(partitions);
        progress.forget(numbers);
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            try {
                handOver(partitions, true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            try {
                handOver(partitions, false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            Map<Integer, Instant> restoreFrom = new HashMap<>();
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.copyOf(partitions));
            for (TopicPartition partition : partitions) {
                Instant from = OffsetTracker.restoreFrom(committed.get(partition));
                Instant start = from == null ? Instant.EPOCH : from;
                restoreFrom.merge(partition.partition(), start, (a, b) -> a.isBefore(b) ? a : b);
            }
            try {
                progress.restore(restoreFrom);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            epochs.assign(restoreFrom.keySet());
            inFlight.open(restoreFrom.keySet());
            log.info("Delivering partitions {}", partitions);
        }
    }
}
