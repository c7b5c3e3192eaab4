package io.leadflow.feedback.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.leadflow.feedback.domain.FeedbackAnswer;
import io.leadflow.feedback.domain.FeedbackResult;
import io.leadflow.feedback.domain.FeedbackType;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PendingDecisionsTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);
    private static final FeedbackAnswer MATCHED =
            new FeedbackAnswer("f1", "lead-1", FeedbackType.RETURN, FeedbackResult.MATCHED, null, "Buyer ABC");

    private final PendingDecisions pending = new PendingDecisions();

    @Test
    void seesADecisionThatArrivesWhilePublishing() {
        Optional<FeedbackAnswer> answer = pending.publishAndAwait("f1",
                () -> Mono.fromRunnable(() -> pending.answer(MATCHED)), TIMEOUT).block();

        assertThat(answer).contains(MATCHED);
    }

    @Test
    void answersEmptyWhenNoDecisionComesInTime() {
        Optional<FeedbackAnswer> answer = pending.publishAndAwait("f1", Mono::empty, TIMEOUT).block();

        assertThat(answer).isEmpty();
    }

    @Test
    void ignoresDecisionsNobodyWaitsFor() {
        pending.answer(MATCHED);

        assertThat(pending.publishAndAwait("f1", Mono::empty, TIMEOUT).block()).isEmpty();
    }

    @Test
    void failsWhenThePublishFails() {
        Mono<Optional<FeedbackAnswer>> answer = pending.publishAndAwait("f1",
                () -> Mono.error(new IllegalStateException("broker down")), TIMEOUT);

        assertThatThrownBy(answer::block).hasMessage("broker down");
    }

    @Test
    void failsWhenThePublishIsNotAcknowledgedInTime() {
        Mono<Optional<FeedbackAnswer>> answer = pending.publishAndAwait("f1", Mono::never, TIMEOUT);

        assertThatThrownBy(answer::block).hasMessageContaining("Kafka did not acknowledge within PT0.3S");
    }
}
