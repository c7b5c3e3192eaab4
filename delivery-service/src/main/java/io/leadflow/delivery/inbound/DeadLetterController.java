package io.leadflow.delivery.inbound;

import io.leadflow.delivery.domain.DeadLetter;
import io.leadflow.delivery.domain.DeadLetterFilter;
import io.leadflow.delivery.domain.DeadLetterReplays;
import io.leadflow.delivery.domain.DeadLetterStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The dead-letter admin API: {@code GET /api/dead-letters} lists them (filters: flow, step, entity, lead, reason,
 * from, to; {@code all=true} includes those replayed), {@code POST /api/dead-letters/replay} replays the ones a
 * filter selects ({@code dryRun: true} only counts them). Guarded by service-kit's {@code AdminTokenFilter}.
 */
@RestController
@RequestMapping("/api/dead-letters")
class DeadLetterController {

    private final DeadLetterReplays replays;

    DeadLetterController(DeadLetterReplays replays) {
        this.replays = replays;
    }

    @GetMapping
    Mono<ResponseEntity<Map<String, Object>>> list(
            @RequestParam Map<String, String> query) {
        return answer(query, () -> {
            List<DeadLetterStore.Parked> found = replays.list(filter(query), Boolean.parseBoolean(query.get("all")));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("count", found.size());
            body.put("deadLetters", found.stream().map(DeadLetterController::json).toList());
            return body;
        });
    }

    @PostMapping("/replay")
    Mono<ResponseEntity<Map<String, Object>>> replay(
            @RequestBody(required = false) Map<String, Object> request) {
        Map<String, String> criteria = new LinkedHashMap<>();
        if (request != null) {
            request.forEach((key, value) -> {
                if (value != null) {
                    criteria.put(key, String.valueOf(value));
                }
            });
        }
        return answer(criteria, () -> {
            DeadLetterReplays.Outcome outcome = replays.replay(filter(criteria),
                    Boolean.parseBoolean(criteria.get("dryRun")));
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("dryRun", outcome.dryRun());
            body.put("matched", outcome.matched());
            body.put(outcome.dryRun() ? "wouldReplay" : "replayed", outcome.replayed().size());
            body.put("alreadyReplayed", outcome.alreadyReplayed());
            body.put("notReplayable", outcome.notReplayable().size());
            body.put("ids", outcome.replayed());
            return body;
        });
    }

    private interface Work {
        Map<String, Object> run();
    }

    private Mono<ResponseEntity<Map<String, Object>>> answer(Map<String, String> criteria, Work work) {
        try {
            filter(criteria);
        } catch (IllegalArgumentException e) {
            return Mono.just(ResponseEntity.badRequest().body(Map.of("error", e.getMessage())));
        }
        // Reading the dead-letter topics blocks: off the event loop.
        return Mono.fromCallable(() -> ResponseEntity.ok(work.run())).subscribeOn(Schedulers.boundedElastic());
    }

    private static DeadLetterFilter filter(Map<String, String> query) {
        return new DeadLetterFilter(query.get("flow"), query.get("step"), query.get("entity"), query.get("lead"),
                query.get("reason"), instant(query, "from"), instant(query, "to"));
    }

    private static Instant instant(Map<String, String> query, String key) {
        String value = query.get(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 instant such as 2026-11-28T10:00:00Z, not '"
                    + value + "'");
        }
    }

    private static Map<String, Object> json(DeadLetterStore.Parked parked) {
        DeadLetter deadLetter = parked.deadLetter();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", deadLetter.id());
        json.put("lead", deadLetter.leadId());
        json.put("at", deadLetter.at().toString());
        json.put("category", deadLetter.category().name().toLowerCase(java.util.Locale.ROOT));
        json.put("reason", deadLetter.reason());
        json.put("flow", deadLetter.flowId());
        json.put("flowRevision", deadLetter.flowRevision());
        json.put("step", deadLetter.stepId());
        json.put("entity", deadLetter.entity());
        json.put("attempts", deadLetter.attempts());
        json.put("firstAttemptAt", deadLetter.firstAttemptAt() == null ? null : deadLetter.firstAttemptAt().toString());
        json.put("lastAttemptAt", deadLetter.lastAttemptAt() == null ? null : deadLetter.lastAttemptAt().toString());
        json.put("source", Map.of("topic", deadLetter.origin().topic(), "partition", deadLetter.origin().partition(),
                "offset", deadLetter.origin().offset()));
        json.put("replayed", parked.replayed());
        return json;
    }
}
