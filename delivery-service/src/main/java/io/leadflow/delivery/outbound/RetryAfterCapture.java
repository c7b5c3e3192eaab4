package io.leadflow.delivery.outbound;

import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends requests through another {@link OutboundHttp} and keeps the {@code Retry-After} a recipient answered with
 * (seconds or an HTTP date), by the request's Idempotency-Key, until {@link #take} collects it: the step result the
 * integration makes of the answer has no headers, and the retry schedule must honour it.
 */
public final class RetryAfterCapture implements OutboundHttp {

    private static final Duration LONGEST = Duration.ofDays(1);

    private final OutboundHttp http;
    private final Clock clock;
    private final Map<String, Duration> retryAfter = new ConcurrentHashMap<>();

    public RetryAfterCapture(OutboundHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    @Override
    public CompletableFuture<OutboundResponse> send(OutboundRequest request, Duration timeout) {
        String key = request.headers().get(StepRunner.IDEMPOTENCY_KEY_HEADER);
        return http.send(request, timeout).thenApply(response -> {
            if (key != null) {
                // A bulk request carries the keys of all its leads, comma-separated: each of them is told.
                parse(response.header("Retry-After")).ifPresent(wait -> Arrays.stream(key.split(","))
                        .map(String::trim).forEach(leadKey -> retryAfter.put(leadKey, wait)));
            }
            return response;
        });
    }

    /** The Retry-After of the last answer to the request with this Idempotency-Key, once. */
    public Optional<Duration> take(String idempotencyKey) {
        return Optional.ofNullable(retryAfter.remove(idempotencyKey));
    }

    Optional<Duration> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String text = value.trim();
        try {
            if (text.chars().allMatch(Character::isDigit)) {
                return Optional.of(min(Duration.ofSeconds(Long.parseLong(text))));
            }
            Duration until = Duration.between(clock.instant(),
                    ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return Optional.of(until.isNegative() ? Duration.ZERO : min(until));
        } catch (NumberFormatException | DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Duration min(Duration wait) {
        return wait.compareTo(LONGEST) > 0 ? LONGEST : wait;
    }
}
