package io.leadflow.delivery.outbound;

import io.leadflow.delivery.domain.FirstPassProgress;
import io.leadflow.delivery.domain.JournalEntry;
import io.leadflow.delivery.domain.ProgressView;
import io.leadflow.delivery.domain.StepProgress;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.LeadProgress;
import io.leadflow.servicekit.Contracts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The progress of the leads in the partitions this process owns, in memory: read back from
 * {@code delivery.lead-progress} when a partition is assigned (from the oldest time its unfinished records were read,
 * and at least the dedup window back), kept current as journal entries are recorded, and forgotten for leads whose
 * work is over once they are older than the dedup window.
 */
public final class ProgressStore implements ProgressView {

    private static final Logger log = LoggerFactory.getLogger(ProgressStore.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private record Known(int partition, Instant updatedAt, FirstPassProgress firstPass, StepProgress step) {

        boolean isOver() {
            return firstPass != null ? firstPass.isDone() : step.finished();
        }
    }

    private final Map<String, Known> progress = new ConcurrentHashMap<>();
    private final Supplier<Consumer<String, LeadProgress>> consumers;
    private final Supplier<Admin> admins;
    private final Duration dedupWindow;
    private final Duration openTransactionPatience;
    private final Clock clock;

    /**
     * @param consumers               read_committed consumers of the progress topic (no group)
     * @param dedupWindow             how long the progress of a finished lead is kept, so a repeat of it is dropped
     * @param openTransactionPatience how long a restore waits for an earlier owner's open transaction to end
     */
    public ProgressStore(Supplier<Consumer<String, LeadProgress>> consumers, Supplier<Admin> admins,
                         Duration dedupWindow, Duration openTransactionPatience, Clock clock) {
        this.consumers = consumers;
        this.admins = admins;
        this.dedupWindow = dedupWindow;
        this.openTransactionPatience = openTransactionPatience;
        this.clock = clock;
    }

    @Override
    public Optional<FirstPassProgress> firstPass(String leadId) {
        return Optional.ofNullable(progress.get(DeliveryRecords.progressKey(leadId, null))).map(Known::firstPass);
    }

    @Override
    public Optional<StepProgress> step(String leadId, String stepId) {
        return Optional.ofNullable(progress.get(DeliveryRecords.progressKey(leadId, stepId))).map(Known::step);
    }

    /** What a recorded entry changed. */
    void apply(JournalEntry entry) {
        Instant now = clock.instant();
        int partition = entry.origin().partition();
        if (entry.firstPass() != null) {
            FirstPassProgress firstPass = entry.firstPass();
            progress.put(DeliveryRecords.progressKey(firstPass.leadId(), null),
                    new Known(partition, now, firstPass, null));
        }
        entry.stepProgress().forEach(step -> progress.put(DeliveryRecords.progressKey(step.leadId(), step.stepId()),
                new Known(partition, now, null, step)));
    }

    /**
     * Reads the progress of these partitions, each from the time given (or the dedup window back, whichever is
     * earlier), up to what is committed; first waits, up to the patience given, for any transaction an earlier owner
     * left open to end, so nothing it committed is missed.
     */
    public void restore(Map<Integer, Instant> partitionsFrom) throws InterruptedException {
        if (partitionsFrom.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        Instant windowStart = clock.instant().minus(dedupWindow);
        Map<TopicPartition, Long> ends = committedEnds(partitionsFrom.keySet());
        int restored = 0;
        try (Consumer<String, LeadProgress> consumer = consumers.get()) {
            List<TopicPartition> partitions = ends.keySet().stream().toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> times = new HashMap<>();
            partitionsFrom.forEach((partition, from) -> times.put(new TopicPartition(Topics.LEAD_PROGRESS, partition),
                    (from.isBefore(windowStart) ? from : windowStart).toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp start = starts.get(partition);
                consumer.seek(partition, start == null ? ends.get(partition) : start.offset());
            }
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, LeadProgress> record : consumer.poll(POLL)) {
                    if (record.value() != null) {
                        remember(record.partition(), record.value());
                        restored++;
                    }
                }
            }
        }
        log.info("Read {} progress records of partitions {} in {} ms", restored, partitionsFrom.keySet(),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Forgets the leads of partitions this process no longer owns. */
    public void forget(Collection<Integer> partitions) {
        progress.values().removeIf(known -> partitions.contains(known.partition()));
    }

    /** Forgets leads whose work is over and that are older than the dedup window. */
    public void evictOld() {
        Instant horizon = clock.instant().minus(dedupWindow);
        progress.values().removeIf(known -> known.isOver() && known.updatedAt().isBefore(horizon));
    }

    public int size() {
        return progress.size();
    }

    private void remember(int partition, LeadProgress record) {
        Instant updatedAt = record.getUpdatedAt();
        if (record.getStepId() == null) {
            progress.put(DeliveryRecords.progressKey(record.getLeadId(), null), new Known(partition, updatedAt,
                    new FirstPassProgress(record.getLeadId(), Contracts.steps(record.getSteps()),
                            record.getCompleted(), record.getDelivered()), null));
        } else {
            progress.put(DeliveryRecords.progressKey(record.getLeadId(), record.getStepId()), new Known(partition,
                    updatedAt, null, new StepProgress(record.getLeadId(), record.getStepId(), record.getAttempts(),
                    record.getFinished())));
        }
    }

    /**
     * The last stable offset of each partition once it has caught up with the high watermark (no open transaction),
     * or after the patience ran out.
     */
    private Map<TopicPartition, Long> committedEnds(Collection<Integer> partitionNumbers) throws InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitionNumbers.forEach(partition ->
                latest.put(new TopicPartition(Topics.LEAD_PROGRESS, partition), OffsetSpec.latest()));
        long deadline = System.nanoTime() + openTransactionPatience.toNanos();
        try (Admin admin = admins.get()) {
            while (true) {
                Map<TopicPartition, Long> stable = offsets(admin, latest, IsolationLevel.READ_COMMITTED);
                Map<TopicPartition, Long> high = offsets(admin, latest, IsolationLevel.READ_UNCOMMITTED);
                if (stable.equals(high) || System.nanoTime() > deadline) {
                    if (!stable.equals(high)) {
                        log.warn("Progress partitions {} still have an open transaction after {} s; reading what is"
                                + " committed", partitionNumbers, openTransactionPatience.toSeconds());
                    }
                    return stable;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Map<TopicPartition, OffsetSpec> latest,
                                                     IsolationLevel isolation) throws InterruptedException {
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> found =
                    admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            found.forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Cannot read the offsets of " + Topics.LEAD_PROGRESS + ": " + e.getCause(), e);
        }
    }
}
