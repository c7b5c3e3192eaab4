package io.leadflow.feedback.inbound;

import io.leadflow.feedback.config.FeedbackProperties;
import io.leadflow.feedback.domain.FeedbackAnswer;
import io.leadflow.feedback.domain.FeedbackKeyring;
import io.leadflow.feedback.domain.FeedbackRequest;
import io.leadflow.feedback.domain.FeedbackResult;
import io.leadflow.feedback.domain.InvalidField;
import io.leadflow.feedback.domain.ParsedFeedback;
import io.leadflow.feedback.domain.Recipient;
import io.leadflow.feedback.outbound.FeedbackReceivedPublisher;
import io.leadflow.servicekit.PendingReplies;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * {@code POST /feedback}: a buyer's return or conversion, as JSON or a form, with its feedback key in
 * {@code X-Feedback-Key}. Answers once the lead's stream processing has decided it, or 504 after the decision timeout.
 */
@RestController
public class FeedbackController {

    static final String KEY_HEADER = "X-Feedback-Key";
    private static final Logger log = LoggerFactory.getLogger(FeedbackController.class);

    private final FeedbackKeyring keyring;
    private final FeedbackReceivedPublisher publisher;
    private final PendingReplies<FeedbackAnswer> pending;
    private final FeedbackMetrics metrics;
    private final FeedbackProperties properties;

    public FeedbackController(FeedbackKeyring keyring, FeedbackReceivedPublisher publisher,
                              PendingReplies<FeedbackAnswer> pending, FeedbackMetrics metrics,
                              FeedbackProperties properties) {
        this.keyring = keyring;
        this.publisher = publisher;
        this.pending = pending;
        this.metrics = metrics;
        this.properties = properties;
    }

    @PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> submitJson(@RequestBody Map<String, Object> body,
                                                         @RequestHeader(name = KEY_HEADER, required = false) String key) {
        return submit(body, key);
    }

    @PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Mono<ResponseEntity<Map<String, Object>>> submitForm(ServerWebExchange exchange,
                                                         @RequestHeader(name = KEY_HEADER, required = false) String key) {
        return exchange.getFormData().flatMap(form -> submit(form.toSingleValueMap(), key));
    }

    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<Map<String, Object>> unreadableBody(ServerWebInputException e) {
        metrics.count(FeedbackMetrics.UNKNOWN_TYPE, "invalid");
        return FeedbackResponses.invalid(new InvalidField("body", "The body must be a JSON object"));
    }

    private Mono<ResponseEntity<Map<String, Object>>> submit(Map<String, ?> input, String key) {
        ParsedFeedback parsed = FeedbackRequest.parse(input);
        if (parsed instanceof InvalidField invalid) {
            metrics.count(FeedbackMetrics.UNKNOWN_TYPE, "invalid");
            return Mono.just(FeedbackResponses.invalid(invalid));
        }
        FeedbackRequest request = (FeedbackRequest) parsed;
        return keyring.authenticate(key).map(keyRecipients -> decide(request, keyRecipients)).orElseGet(() -> {
            metrics.count(request.type().label(), FeedbackResult.FEEDBACK_KEY_NOT_VALID.label());
            return Mono.just(FeedbackResponses.failure(HttpStatus.FORBIDDEN, "The feedback key is not valid",
                    request.leadId()));
        });
    }

    /** Publishes the feedback and answers with its decision, or 504 when none came in time. */
    private Mono<ResponseEntity<Map<String, Object>>> decide(FeedbackRequest request, List<Recipient> keyRecipients) {
        String feedbackId = UUID.randomUUID().toString();
        return pending.publishAndAwait(feedbackId, () -> publisher.publish(feedbackId, request, keyRecipients),
                        properties.decisionTimeout())
                .map(answer -> {
                    metrics.count(request.type().label(),
                            answer.map(decided -> decided.result().label()).orElse("timeout"));
                    return answer.map(FeedbackResponses::decided)
                            .orElseGet(() -> FeedbackResponses.pending(feedbackId, request));
                })
                .onErrorResume(notStored -> {
                    log.warn("Feedback {} for lead {} was not stored: {}", feedbackId, request.leadId(), notStored.toString());
                    metrics.count(request.type().label(), "not_stored");
                    return Mono.just(FeedbackResponses.failure(HttpStatus.SERVICE_UNAVAILABLE,
                            "Feedback could not be stored; please retry", request.leadId()));
                });
    }
}
