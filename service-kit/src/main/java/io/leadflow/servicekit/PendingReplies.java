package io.leadflow.servicekit;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * HTTP calls waiting for a decision a Kafka Streams processor publishes, by request id: the pattern of
 * feedback-service's decisions, for any reply type. A listener reading the decision topic calls {@link #answer}.
 */
public final class PendingReplies<T> {

    private final Map<String, CompletableFuture<T>> waiting = new ConcurrentHashMap<>();

    /**
     * Registers the wait before {@code publish} runs, so a reply cannot arrive unseen; the reply, or empty when none
     * came within {@code timeout}. A publish that fails or is not acknowledged within {@code timeout} fails it.
     */
    public Mono<Optional<T>> publishAndAwait(String requestId, Supplier<Mono<Void>> publish, Duration timeout) {
        return Mono.defer(() -> {
            CompletableFuture<T> reply = new CompletableFuture<>();
            waiting.put(requestId, reply);
            return publish.get()
                    .timeout(timeout, Mono.error(() -> new TimeoutException("Kafka did not acknowledge within " + timeout)))
                    .then(Mono.fromFuture(reply).map(Optional::of).timeout(timeout, Mono.just(Optional.empty())))
                    .doFinally(signal -> waiting.remove(requestId));
        });
    }

    /** Completes the call waiting for this request id, if it waits on this instance. */
    public void answer(String requestId, T reply) {
        CompletableFuture<T> call = waiting.remove(requestId);
        if (call != null) {
            call.complete(reply);
        }
    }
}
