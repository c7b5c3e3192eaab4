package io.leadflow.feedback.inbound;

import io.leadflow.feedback.domain.FeedbackAnswer;
import io.leadflow.feedback.domain.FeedbackRequest;
import io.leadflow.feedback.domain.InvalidField;
import io.leadflow.feedback.domain.FeedbackResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** The JSON answers of {@code POST /feedback}. */
final class FeedbackResponses {

    private FeedbackResponses() {
    }

    static ResponseEntity<Map<String, Object>> decided(FeedbackAnswer answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (answer.result() == FeedbackResult.MATCHED) {
            body.put("outcome", "success");
            body.put("feedback", Map.of("id", answer.feedbackId(), "type", answer.type().label()));
            body.put("lead", Map.of("id", answer.leadId()));
            body.put("entity", answer.entity());
            return ResponseEntity.status(HttpStatus.CREATED).body(body);
        }
        return failure(status(answer.result()), answer.message(), answer.leadId());
    }

    static ResponseEntity<Map<String, Object>> pending(String feedbackId, FeedbackRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "pending");
        body.put("reason", "The feedback was received but not decided in time; it will still be decided");
        body.put("feedback", Map.of("id", feedbackId, "type", request.type().label()));
        body.put("lead", Map.of("id", request.leadId()));
        return ResponseEntity.status(HttpStatus.GATEWAY_TIMEOUT).body(body);
    }

    static ResponseEntity<Map<String, Object>> invalid(InvalidField invalid) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "failure");
        body.put("reason", invalid.message());
        body.put("field", invalid.field());
        return ResponseEntity.badRequest().body(body);
    }

    static ResponseEntity<Map<String, Object>> failure(HttpStatus status, String reason, String leadId) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", "failure");
        body.put("reason", reason);
        body.put("lead", Map.of("id", leadId));
        return ResponseEntity.status(status).body(body);
    }

    private static HttpStatus status(FeedbackResult result) {
        return switch (result) {
            case UNKNOWN_LEAD -> HttpStatus.NOT_FOUND;
            case FEEDBACK_KEY_REQUIRED -> HttpStatus.UNAUTHORIZED;
            case FEEDBACK_KEY_NOT_VALID -> HttpStatus.FORBIDDEN;
            case NOT_DELIVERED -> HttpStatus.UNPROCESSABLE_CONTENT;
            case DUPLICATE_RETURN -> HttpStatus.CONFLICT;
            case MATCHED -> HttpStatus.CREATED;
        };
    }
}
