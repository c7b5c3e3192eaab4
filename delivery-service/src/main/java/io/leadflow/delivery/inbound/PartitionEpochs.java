package io.leadflow.delivery.inbound;

import io.leadflow.delivery.domain.Origin;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which partition numbers this process owns, each with the epoch of its current ownership: work read during an
 * earlier ownership of a partition may no longer be recorded, because another instance may have taken it over since.
 */
public final class PartitionEpochs {

    private final Map<Integer, Long> owned = new ConcurrentHashMap<>();
    private final AtomicLong epochs = new AtomicLong();

    void assign(Collection<Integer> partitions) {
        partitions.forEach(partition -> owned.put(partition, epochs.incrementAndGet()));
    }

    void revoke(Collection<Integer> partitions) {
        partitions.forEach(owned::remove);
    }

    /** The epoch of the partition's current ownership, or -1 when it is not owned. */
    long epoch(int partition) {
        return owned.getOrDefault(partition, -1L);
    }

    /** Whether the work from this origin was read during the current ownership of its partition. */
    public boolean isCurrent(Origin origin) {
        return epoch(origin.partition()) == origin.epoch();
    }
}
