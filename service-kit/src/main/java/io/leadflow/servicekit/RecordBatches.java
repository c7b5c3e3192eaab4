package io.leadflow.servicekit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Processes the records of one poll together: every record's work runs concurrently (each lead is one record, so a
 * lead's own steps stay in order), then every result is published from the listener thread (so no send ever waits for
 * metadata on a producer or event-loop thread), and the batch returns once every output was acknowledged; the
 * container then commits the batch's offsets at once. A record that could not be decoded, or whose work or publishing
 * failed, is reported to the error handler with its index: the records before it are committed, it is retried or
 * parked on the dead-letter topic, and the ones after it are polled again (their repeated outputs carry the same
 * event ids).
 */
public final class RecordBatches {

    private static final LogAccessor LOG = new LogAccessor(RecordBatches.class);

    private RecordBatches() {
    }

    /**
     * Runs {@code work} on the value of every record, then {@code publish} on each result; the future
     * {@code publish} returns completes when the record's output is acknowledged.
     */
    public static <V, R> void process(List<ConsumerRecord<String, V>> records, Function<V, CompletableFuture<R>> work,
                                      Function<R, CompletableFuture<?>> publish) {
        int decodable = firstUndecodable(records);
        List<CompletableFuture<R>> results = new ArrayList<>(decodable);
        for (int index = 0; index < decodable; index++) {
            V value = records.get(index).value();
            results.add(attempt(() -> work.apply(value)));
        }
        awaitAll(results);
        List<CompletableFuture<?>> published = new ArrayList<>(decodable);
        for (CompletableFuture<R> result : results) {
            published.add(result.isCompletedExceptionally() ? result : attempt(() -> publish.apply(result.join())));
        }
        awaitAll(published);
        for (int index = 0; index < published.size(); index++) {
            if (published.get(index).isCompletedExceptionally()) {
                throw new BatchListenerFailedException("Processing failed", causeOf(published.get(index)), index);
            }
        }
        if (decodable < records.size()) {
            ConsumerRecord<String, V> record = records.get(decodable);
            Exception cause = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
            throw new BatchListenerFailedException("Record could not be decoded", cause, decodable);
        }
    }

    /** The future the step returns, or a failed one when the step throws instead. */
    private static <F> CompletableFuture<F> attempt(Supplier<? extends CompletableFuture<F>> step) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static void awaitAll(List<? extends CompletableFuture<?>> futures) {
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).handle((done, failure) -> null).join();
    }

    private static <V> int firstUndecodable(List<ConsumerRecord<String, V>> records) {
        for (int index = 0; index < records.size(); index++) {
            if (records.get(index).value() == null) {
                return index;
            }
        }
        return records.size();
    }

    private static Throwable causeOf(CompletableFuture<?> failed) {
        Throwable failure = failed.handle((value, error) -> error).join();
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
