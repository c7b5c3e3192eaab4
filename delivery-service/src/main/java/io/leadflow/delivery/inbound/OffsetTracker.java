package io.leadflow.delivery.inbound;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The records read and not finished yet, per partition, with when each was read. What may be committed is each
 * partition's finished prefix; the commit's metadata says from when a new owner must read the progress topic back
 * ({@code restoreFrom=<epoch millis>}: when the oldest unfinished record was read, less a margin for clocks).
 */
final class OffsetTracker {

    static final String RESTORE_FROM = "restoreFrom=";
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(10);

    private final Map<TopicPartition, TreeMap<Long, Long>> unfinished = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    synchronized void read(TopicPartition partition, long offset, Instant at) {
        unfinished.computeIfAbsent(partition, any -> new TreeMap<>()).put(offset, at.toEpochMilli());
        next.merge(partition, offset + 1, Math::max);
    }

    synchronized void finished(TopicPartition partition, long offset) {
        TreeMap<Long, Long> offsets = unfinished.get(partition);
        if (offsets != null) {
            offsets.remove(offset);
        }
    }

    /** The records of this topic read and not finished. */
    synchronized int unfinished(String topic) {
        return unfinished.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic))
                .mapToInt(entry -> entry.getValue().size()).sum();
    }

    /** What to commit: each partition's finished prefix that moved since the last call (or all of them). */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable(Instant now, boolean all) {
        Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        next.forEach((partition, nextOffset) -> {
            TreeMap<Long, Long> offsets = unfinished.getOrDefault(partition, new TreeMap<>());
            long offset = offsets.isEmpty() ? nextOffset : offsets.firstKey();
            long readAt = offsets.isEmpty() ? now.toEpochMilli() : offsets.firstEntry().getValue();
            if (all || !Long.valueOf(offset).equals(committed.get(partition))) {
                commit.put(partition, new OffsetAndMetadata(offset,
                        RESTORE_FROM + (readAt - CLOCK_MARGIN.toMillis())));
            }
        });
        return commit;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((partition, offset) -> committed.put(partition, offset.offset()));
    }

    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(partition -> {
            unfinished.remove(partition);
            next.remove(partition);
            committed.remove(partition);
        });
    }

    /** The time a committed offset's metadata says to read progress back from; null when it says nothing. */
    static Instant restoreFrom(OffsetAndMetadata offset) {
        if (offset == null || offset.metadata() == null || !offset.metadata().startsWith(RESTORE_FROM)) {
            return null;
        }
        try {
            return Instant.ofEpochMilli(Long.parseLong(offset.metadata().substring(RESTORE_FROM.length())));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
