package io.leadflow.delivery.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RetryAfterCaptureTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);

    record Case(String header, Optional<Duration> expected) {
    }

    static Stream<Case> headers() {
        return Stream.of(
                new Case("120", Optional.of(Duration.ofSeconds(120))),
                new Case(" 0 ", Optional.of(Duration.ZERO)),
                new Case("Sat, 28 Nov 2026 10:05:00 GMT", Optional.of(Duration.ofMinutes(5))),
                new Case("Sat, 28 Nov 2026 09:00:00 GMT", Optional.of(Duration.ZERO)),
                new Case("999999999", Optional.of(Duration.ofDays(1))),
                new Case("soon", Optional.empty()),
                new Case("-5", Optional.empty()),
                new Case(null, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("headers")
    void keepsTheRecipientsRetryAfterInSecondsOrAsADateCappedAtADay(Case given) {
        RetryAfterCapture capture = new RetryAfterCapture((request, timeout) -> CompletableFuture.completedFuture(
                new OutboundResponse(429, given.header() == null ? Map.of()
                        : Map.of("Retry-After", List.of(given.header())), "")), CLOCK);

        capture.send(request("lead-1:buyer"), Duration.ofSeconds(1)).join();

        assertThat(capture.take("lead-1:buyer")).isEqualTo(given.expected());
    }

    @Test
    void handsEachRetryAfterOutOnceAndOnlyForItsIdempotencyKey() {
        RetryAfterCapture capture = new RetryAfterCapture((request, timeout) -> CompletableFuture.completedFuture(
                new OutboundResponse(503, Map.of("Retry-After", List.of("30")), "")), CLOCK);

        capture.send(request("lead-1:buyer"), Duration.ofSeconds(1)).join();

        assertThat(capture.take("lead-2:buyer")).isEmpty();
        assertThat(capture.take("lead-1:buyer")).contains(Duration.ofSeconds(30));
        assertThat(capture.take("lead-1:buyer")).isEmpty();
    }

    @Test
    void tellsEveryLeadOfABulkRequestItsRetryAfter() {
        RetryAfterCapture capture = new RetryAfterCapture((request, timeout) -> CompletableFuture.completedFuture(
                new OutboundResponse(429, Map.of("Retry-After", List.of("60")), "")), CLOCK);

        capture.send(request("lead-1:bulk, lead-2:bulk"), Duration.ofSeconds(1)).join();

        assertThat(List.of(capture.take("lead-1:bulk"), capture.take("lead-2:bulk")))
                .containsExactly(Optional.of(Duration.ofMinutes(1)), Optional.of(Duration.ofMinutes(1)));
    }

    private static OutboundRequest request(String idempotencyKey) {
        return new OutboundRequest("POST", "http://127.0.0.1/leads", Map.of("Idempotency-Key", idempotencyKey), "{}",
                false);
    }
}
