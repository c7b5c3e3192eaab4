package io.leadflow.localstack.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the stack's consumers are behind: the records the active consumer groups have not committed yet. The
 * benchmark waits for it to reach zero before a round, so no round starts while the stack still works off the last.
 */
final class ConsumerBacklog implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final long REQUEST_TIMEOUT_SECONDS = 10;

    private final Admin admin;

    /** What a wait found: whether the backlog reached zero, what was left otherwise, and how long it took. */
    record Drained(boolean drained, long remaining, Duration waited) {
    }

    ConsumerBacklog(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Waits until the backlog is zero; gives up when it has not shrunk for {@code stallLimit} (a stuck consumer) or
     * after {@code timeout}.
     */
    Drained awaitDrained(Duration stallLimit, Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        long smallest = Long.MAX_VALUE;
        Instant lastShrunk = start;
        while (true) {
            long backlog = records();
            Instant now = Instant.now();
            if (backlog == 0) {
                return new Drained(true, 0, Duration.between(start, now));
            }
            if (backlog < smallest) {
                smallest = backlog;
                lastShrunk = now;
            }
            if (now.isAfter(deadline) || Duration.between(lastShrunk, now).compareTo(stallLimit) > 0) {
                return new Drained(false, backlog, Duration.between(start, now));
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
    }

    /** Records on all partitions that active (stable) consumer groups read but have not committed yet. */
    private long records() throws InterruptedException {
        try {
            Collection<GroupListing> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()
                    .inGroupStates(Set.of(GroupState.STABLE))).all().get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            Map<TopicPartition, Long> committed = new HashMap<>();
            for (GroupListing group : groups) {
                Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                offsets.forEach((partition, offset) -> {
                    if (offset != null) {
                        committed.merge(partition, offset.offset(), Math::min);
                    }
                });
            }
            if (committed.isEmpty()) {
                return 0;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            // The services read committed records only: the end they can reach is the last stable offset.
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest,
                            new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return committed.entrySet().stream()
                    .mapToLong(entry -> Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue()))
                    .sum();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the consumer groups' offsets: " + e, e);
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
