package io.leadflow.servicekit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class PendingRepliesTest {

    private static final Duration TIMEOUT = Duration.ofMillis(300);

    private final PendingReplies<String> pending = new PendingReplies<>();

    @Test
    void seesAReplyThatArrivesWhilePublishing() {
        Optional<String> reply = pending.publishAndAwait("r1",
                () -> Mono.fromRunnable(() -> pending.answer("r1", "found")), TIMEOUT).block();

        assertThat(reply).contains("found");
    }

    @Test
    void answersOnlyTheCallWaitingForThatId() {
        Optional<String> reply = pending.publishAndAwait("r1",
                () -> Mono.fromRunnable(() -> pending.answer("r2", "other")), TIMEOUT).block();

        assertThat(reply).isEmpty();
    }

    @Test
    void ignoresRepliesNobodyWaitsFor() {
        pending.answer("r1", "late");

        assertThat(pending.publishAndAwait("r1", Mono::empty, TIMEOUT).block()).isEmpty();
    }

    @Test
    void failsWhenThePublishFails() {
        Mono<Optional<String>> reply = pending.publishAndAwait("r1",
                () -> Mono.error(new IllegalStateException("broker down")), TIMEOUT);

        assertThatThrownBy(reply::block).hasMessage("broker down");
    }

    @Test
    void failsWhenThePublishIsNotAcknowledgedInTime() {
        Mono<Optional<String>> reply = pending.publishAndAwait("r1", Mono::never, TIMEOUT);

        assertThatThrownBy(reply::block).hasMessageContaining("Kafka did not acknowledge within PT0.3S");
    }
}
