package io.leadflow.delivery.outbound;

import io.leadflow.delivery.domain.Journal;
import io.leadflow.delivery.domain.JournalEntry;
import io.leadflow.delivery.domain.NotRecordedException;
import io.leadflow.delivery.domain.Origin;
import io.leadflow.schemas.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only writer of delivery's topics: every journal entry (events, retries, dead letters and the progress that
 * accounts for them) goes out in a Kafka transaction, all or nothing, to the partition of its lead. Entries that
 * arrive together share a transaction (group commit), so hundreds of leads in flight cost a few transactions per
 * second. An entry is written only while its partition is still owned by this process. What waits on an entry
 * (the next step, the next delivery taking the slot) runs on the journal's workers, never on its writer thread, so
 * writing never waits for deliveries to start.
 */
public final class DeliveryJournal implements Journal, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryJournal.class);
    private static final int MAX_ENTRIES_PER_TRANSACTION = 2_000;
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration RECREATE_BACKOFF = Duration.ofSeconds(1);

    private record Pending(List<ProducerRecord<String, SpecificRecord>> records, Origin origin, Runnable onRecorded,
                           CompletableFuture<Void> done) {
    }

    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Supplier<Producer<String, SpecificRecord>> producers;
    private final Predicate<Origin> owned;
    private final ProgressStore progress;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final Thread writer;
    /** Completes the entries' futures, so that what depends on them runs off the writer thread. */
    private final ExecutorService workers;
    private final Object transactionLock = new Object();
    private volatile boolean running = true;
    private Producer<String, SpecificRecord> producer;

    /**
     * @param producers transactional producers with this instance's transactional id ({@code initTransactions} is
     *                  called here; a new one fences and aborts what an earlier one left open)
     * @param owned     whether work from this origin may still be written
     */
    public DeliveryJournal(Supplier<Producer<String, SpecificRecord>> producers, Predicate<Origin> owned,
                           ProgressStore progress, DeliveryMetrics metrics, Clock clock) {
        this.producers = producers;
        this.owned = owned;
        this.progress = progress;
        this.metrics = metrics;
        this.clock = clock;
        this.producer = newProducer();
        AtomicInteger workerNumber = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
                runnable -> {
                    Thread worker = new Thread(runnable, "delivery-worker-" + workerNumber.incrementAndGet());
                    worker.setDaemon(true);
                    return worker;
                });
        this.writer = new Thread(this::writeUntilClosed, "delivery-journal");
        this.writer.start();
    }

    @Override
    public CompletableFuture<Void> record(JournalEntry entry) {
        if (entry.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return enqueue(records(entry), entry.origin(), () -> {
            progress.apply(entry);
            metrics.recorded(entry);
        });
    }

    /** Writes records in one transaction whatever partitions this process owns (dead-letter replays). */
    public CompletableFuture<Void> writeAtomically(List<ProducerRecord<String, SpecificRecord>> records) {
        return enqueue(records, null, () -> { });
    }

    /** Returns once every entry handed in before is written or failed. */
    public void flush() throws InterruptedException {
        CompletableFuture<Void> marker = enqueue(List.of(), null, () -> { });
        try {
            marker.get(1, TimeUnit.MINUTES);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            log.warn("Journal flush did not finish: {}", e.toString());
        }
    }

    private CompletableFuture<Void> enqueue(List<ProducerRecord<String, SpecificRecord>> records, Origin origin,
                                            Runnable onRecorded) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (!running) {
            done.completeExceptionally(new NotRecordedException("The journal is closed", false, null));
            return done;
        }
        queue.add(new Pending(records, origin, onRecorded, done));
        return done;
    }

    private List<ProducerRecord<String, SpecificRecord>> records(JournalEntry entry) {
        Instant now = clock.instant();
        int partition = entry.origin().partition();
        List<ProducerRecord<String, SpecificRecord>> records = new ArrayList<>();
        entry.attempts().forEach(attempt -> records.add(new ProducerRecord<>(Topics.DELIVERY_ATTEMPTED, partition,
                attempt.lead().id(), DeliveryRecords.toAvro(attempt))));
        if (entry.completion() != null) {
            records.add(new ProducerRecord<>(Topics.LEAD_COMPLETED, partition, entry.completion().lead().id(),
                    DeliveryRecords.toAvro(entry.completion())));
        }
        entry.retries().forEach(retry -> records.add(new ProducerRecord<>(Topics.RETRY_SCHEDULED, partition,
                retry.lead().id(), DeliveryRecords.toAvro(retry))));
        entry.deadLetters().forEach(deadLetter -> records.add(new ProducerRecord<>(Topics.DELIVERY_DEAD_LETTER,
                partition, deadLetter.leadId(), DeliveryRecords.toAvro(deadLetter))));
        if (entry.firstPass() != null) {
            records.add(new ProducerRecord<>(Topics.LEAD_PROGRESS, partition,
                    DeliveryRecords.progressKey(entry.firstPass().leadId(), null),
                    DeliveryRecords.toAvro(entry.firstPass(), now)));
        }
        entry.stepProgress().forEach(step -> records.add(new ProducerRecord<>(Topics.LEAD_PROGRESS, partition,
                DeliveryRecords.progressKey(step.leadId(), step.stepId()), DeliveryRecords.toAvro(step, now))));
        return records;
    }

    private void writeUntilClosed() {
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Pending> batch = new ArrayList<>();
                batch.add(first);
                queue.drainTo(batch, MAX_ENTRIES_PER_TRANSACTION - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("Delivery journal writer failed", e);
            }
        }
    }

    private void write(List<Pending> batch) throws InterruptedException {
        List<Pending> owned = new ArrayList<>();
        for (Pending pending : batch) {
            if (pending.origin() == null || this.owned.test(pending.origin())) {
                owned.add(pending);
            } else {
                failLater(pending, new NotRecordedException(
                        "Partition " + pending.origin().partition() + " is no longer owned", true, null));
            }
        }
        if (owned.stream().allMatch(pending -> pending.records().isEmpty())) {
            owned.forEach(this::completeLater);
            return;
        }
        synchronized (transactionLock) {
            try {
                producer.beginTransaction();
                for (Pending pending : owned) {
                    pending.records().forEach(producer::send);
                }
                commit();
            } catch (ProducerFencedException e) {
                fail(owned, "this instance's transactional id is used by another instance", e);
                recreateProducer();
                return;
            } catch (KafkaException e) {
                fail(owned, e.toString(), e);
                abortOrRecreate();
                return;
            }
        }
        for (Pending pending : owned) {
            pending.onRecorded().run();
            completeLater(pending);
        }
    }

    private void completeLater(Pending pending) {
        workers.execute(() -> pending.done().complete(null));
    }

    private void failLater(Pending pending, NotRecordedException failure) {
        workers.execute(() -> pending.done().completeExceptionally(failure));
    }

    /** A commit that timed out may still complete: it is retried until it does or fails for another reason. */
    private void commit() throws InterruptedException {
        while (true) {
            try {
                producer.commitTransaction();
                return;
            } catch (TimeoutException e) {
                if (!running) {
                    throw e;
                }
                log.warn("Committing a delivery transaction timed out; trying again");
                Thread.sleep(RECREATE_BACKOFF.toMillis());
            }
        }
    }

    private void fail(List<Pending> batch, String why, Exception cause) {
        log.warn("A delivery transaction of {} entries was not written: {}", batch.size(), why);
        batch.forEach(pending -> failLater(pending, new NotRecordedException("Not written: " + why, false, cause)));
    }

    private void abortOrRecreate() throws InterruptedException {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            recreateProducer();
        }
    }

    private void recreateProducer() throws InterruptedException {
        try {
            producer.close(Duration.ZERO);
        } catch (KafkaException ignored) {
            // The producer is replaced either way.
        }
        producer = null;
        while (running && producer == null) {
            try {
                producer = newProducer();
            } catch (KafkaException e) {
                log.warn("Cannot start a transactional producer yet: {}", e.toString());
                Thread.sleep(RECREATE_BACKOFF.toMillis());
            }
        }
    }

    private Producer<String, SpecificRecord> newProducer() {
        Producer<String, SpecificRecord> created = producers.get();
        try {
            created.initTransactions();
            return created;
        } catch (KafkaException e) {
            created.close(Duration.ZERO);
            throw e;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        writer.join(Duration.ofSeconds(30).toMillis());
        queue.forEach(pending -> pending.done().completeExceptionally(
                new NotRecordedException("The journal is closed", false, null)));
        synchronized (transactionLock) {
            if (producer != null) {
                producer.close(Duration.ofSeconds(5));
            }
        }
        workers.shutdown();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
