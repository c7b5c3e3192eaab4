package io.leadflow.feedback.inbound;

import io.leadflow.feedback.outbound.LeadRecordJson;
import io.leadflow.feedback.outbound.LeadRecordQuery;
import io.leadflow.feedback.outbound.LeadTimelineForwarder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /leads/{id}}: the lead's timeline from the Kafka Streams store; asked of the instance that owns the
 * lead's partition when that is another one, and 503 with {@code Retry-After} while the store cannot answer.
 */
@RestController
public class LeadTimelineController {

    private static final Logger log = LoggerFactory.getLogger(LeadTimelineController.class);
    private static final String RETRY_AFTER_SECONDS = "1";

    private final LeadRecordQuery query;
    private final LeadTimelineForwarder forwarder;
    private final LeadRecordJson json;
    private final JsonMapper answers = JsonMapper.builder().build();

    public LeadTimelineController(LeadRecordQuery query, LeadTimelineForwarder forwarder, LeadRecordJson json) {
        this.query = query;
        this.forwarder = forwarder;
        this.json = json;
    }

    @GetMapping(path = "/leads/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<String>> timeline(@PathVariable String id,
            @RequestHeader(name = LeadTimelineForwarder.FORWARDED_HEADER, required = false) String forwarded) {
        return Mono.fromCallable(() -> query.find(id, forwarded == null))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(lookup -> {
                    if (lookup instanceof LeadRecordQuery.Found found) {
                        return Mono.just(answer(HttpStatus.OK, json.writeAsString(found.record())));
                    }
                    if (lookup instanceof LeadRecordQuery.Elsewhere elsewhere) {
                        return forwarder.timeline(elsewhere.owner(), id).onErrorResume(e -> {
                            log.warn("Could not ask {} for the timeline of lead {}: {}", elsewhere.owner(), id,
                                    e.toString());
                            return Mono.just(unavailable(id));
                        });
                    }
                    return Mono.just(lookup instanceof LeadRecordQuery.Missing
                            ? answer(HttpStatus.NOT_FOUND, failure("Lead " + id + " not found", id))
                            : unavailable(id));
                });
    }

    private ResponseEntity<String> unavailable(String leadId) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(MediaType.APPLICATION_JSON)
                .body(failure("Lead timelines are not available right now; retry shortly", leadId));
    }

    private String failure(String reason, String leadId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "failure");
        body.put("reason", reason);
        body.put("lead", Map.of("id", leadId));
        return answers.writeValueAsString(body);
    }

    private static ResponseEntity<String> answer(HttpStatus status, String body) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
