package io.leadflow.feedback.inbound;

import io.leadflow.feedback.domain.FeedbackAnswer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Feedback calls waiting for their decision, by feedback id; {@link FeedbackDecisionListener} answers them. */
@Component
public class PendingDecisions {

    private final Map<String, CompletableFuture<FeedbackAnswer>> waiting = new ConcurrentHashMap<>();

    /**
     * Registers the wait before {@code publish} runs, so a decision cannot arrive unseen; the answer, or empty when
     * none came within {@code timeout}. A publish that fails or is not acknowledged within {@code timeout} fails it.
     */
    public Mono<Optional<FeedbackAnswer>> publishAndAwait(String feedbackId, Supplier<Mono<Void>> publish,
                                                          Duration timeout) {
        return Mono.defer(() -> {
            CompletableFuture<FeedbackAnswer> answer = new CompletableFuture<>();
            waiting.put(feedbackId, answer);
            return publish.get()
                    .timeout(timeout, Mono.error(() -> new TimeoutException("Kafka did not acknowledge within " + timeout)))
                    .then(Mono.fromFuture(answer).map(Optional::of).timeout(timeout, Mono.just(Optional.empty())))
                    .doFinally(signal -> waiting.remove(feedbackId));
        });
    }

    /** Completes the call waiting for this feedback, if it waits on this instance. */
    void answer(FeedbackAnswer answer) {
        CompletableFuture<FeedbackAnswer> call = waiting.remove(answer.feedbackId());
        if (call != null) {
            call.complete(answer);
        }
    }
}
