package io.leadflow.delivery.inbound;

import io.leadflow.delivery.domain.NotRecordedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries in flight: at most {@code maxInFlight} tasks run at once, whatever partitions they come from; the
 * tasks of one lead run one after the other, in the order read; a task whose record is finished is reported to the
 * offset tracker, so only finished records are committed. A task whose journal entry the broker did not take runs
 * again after a backoff (same Idempotency-Key); one that fails unexpectedly is parked as a dead letter instead.
 */
final class InFlight {

    private static final Logger log = LoggerFactory.getLogger(InFlight.class);
    private static final Duration FIRST_RERUN = Duration.ofMillis(500);
    private static final Duration LONGEST_RERUN = Duration.ofSeconds(15);

    /** One record's work: its lead, where it came from, what to do, and how to park it if doing it fails. */
    static final class Task {
        final TopicPartition partition;
        final long offset;
        final String leadId;
        final Instant dueAt;
        private Supplier<CompletableFuture<Void>> work;
        private final Function<Throwable, CompletableFuture<Void>> park;
        private int reruns;

        Task(TopicPartition partition, long offset, String leadId, Instant dueAt,
             Supplier<CompletableFuture<Void>> work, Function<Throwable, CompletableFuture<Void>> park) {
            this.partition = partition;
            this.offset = offset;
            this.leadId = leadId;
            this.dueAt = dueAt;
            this.work = work;
            this.park = park;
        }
    }

    private final int maxInFlight;
    private final OffsetTracker offsets;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    /** Leads with a task running or waiting for a slot, and the tasks queued behind it. */
    private final Map<String, ArrayDeque<Task>> lanes = new HashMap<>();
    private final Map<String, Task> running = new HashMap<>();
    private final ArrayDeque<Task> ready = new ArrayDeque<>();
    private final Set<Integer> closing = new HashSet<>();

    InFlight(int maxInFlight, OffsetTracker offsets, ScheduledExecutorService timer, Clock clock) {
        this.maxInFlight = maxInFlight;
        this.offsets = offsets;
        this.timer = timer;
        this.clock = clock;
    }

    /** Runs the task when its lead is free and a slot is, else queues it. */
    void submit(Task task) {
        Task start = null;
        synchronized (this) {
            if (closing.contains(task.partition.partition())) {
                return;
            }
            ArrayDeque<Task> lane = lanes.get(task.leadId);
            if (lane != null) {
                lane.add(task);
            } else {
                lanes.put(task.leadId, new ArrayDeque<>());
                if (running.size() < maxInFlight) {
                    running.put(task.leadId, task);
                    start = task;
                } else {
                    ready.add(task);
                }
            }
        }
        if (start != null) {
            start(start);
        }
    }

    synchronized int running() {
        return running.size();
    }

    synchronized int queued() {
        return ready.size() + lanes.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    /** How long the oldest retry that is due has waited for a slot; zero when none waits. */
    synchronized Duration retryBacklogAge() {
        Instant now = clock.instant();
        List<Task> waiting = new ArrayList<>(ready);
        lanes.values().forEach(waiting::addAll);
        return waiting.stream().filter(task -> task.dueAt != null && task.dueAt.isBefore(now))
                .map(task -> Duration.between(task.dueAt, now)).max(Duration::compareTo).orElse(Duration.ZERO);
    }

    /**
     * Stops starting tasks of these partition numbers, drops those queued, and waits up to {@code grace} for those
     * running; returns how many still run (their entries will not be recorded).
     */
    int close(Collection<Integer> partitions, Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (this) {
            closing.addAll(partitions);
            ready.removeIf(task -> partitions.contains(task.partition.partition()));
            lanes.entrySet().removeIf(lane -> {
                lane.getValue().removeIf(task -> partitions.contains(task.partition.partition()));
                return lane.getValue().isEmpty() && !running.containsKey(lane.getKey());
            });
            while (true) {
                int left = (int) running.values().stream()
                        .filter(task -> partitions.contains(task.partition.partition())).count();
                long wait = deadline - System.nanoTime();
                if (left == 0 || wait <= 0) {
                    return left;
                }
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
            }
        }
    }

    /** These partition numbers are owned (again): their tasks may start. */
    synchronized void open(Collection<Integer> partitions) {
        closing.removeAll(partitions);
    }

    private void start(Task task) {
        CompletableFuture<Void> done;
        try {
            done = task.work.get();
        } catch (RuntimeException e) {
            done = CompletableFuture.failedFuture(e);
        }
        done.whenComplete((ignored, failure) -> finished(task, unwrap(failure)));
    }

    private void finished(Task task, Throwable failure) {
        if (failure instanceof NotRecordedException notRecorded && !notRecorded.partitionLost()) {
            Duration backoff = rerunBackoff(task.reruns++);
            log.debug("Lead {} will be delivered again in {} ms: {}", task.leadId, backoff.toMillis(),
                    failure.getMessage());
            timer.schedule(() -> rerun(task), backoff.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        if (failure != null && !(failure instanceof NotRecordedException)) {
            Throwable cause = failure;
            task.work = () -> task.park.apply(cause);
            start(task);
            return;
        }
        release(task, failure == null);
    }

    /** The task's slot goes to the next task of its lead, else to the next one waiting. */
    private void release(Task task, boolean recordFinished) {
        Task next;
        synchronized (this) {
            if (recordFinished) {
                offsets.finished(task.partition, task.offset);
            }
            running.remove(task.leadId);
            ArrayDeque<Task> lane = lanes.get(task.leadId);
            next = lane == null ? null : lane.poll();
            if (next == null) {
                lanes.remove(task.leadId);
                next = ready.poll();
            }
            if (next != null) {
                running.put(next.leadId, next);
            }
            notifyAll();
        }
        if (next != null) {
            start(next);
        }
    }

    private void rerun(Task task) {
        boolean closed;
        synchronized (this) {
            closed = closing.contains(task.partition.partition());
        }
        if (closed) {
            release(task, false);
        } else {
            start(task);
        }
    }

    private static Duration rerunBackoff(int reruns) {
        long millis = FIRST_RERUN.toMillis() << Math.min(reruns, 10);
        return Duration.ofMillis(Math.min(millis, LONGEST_RERUN.toMillis()));
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
