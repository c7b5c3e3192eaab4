package io.leadflow.intake.inbound;

import io.leadflow.intake.domain.IntakeAnswer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes intake's answers as LeadConduit's default inbound does: JSON {@code outcome, reason, lead.id, price} (then
 * {@code appended} for verbose sources), null values left out; refusals as one line of text/plain.
 */
public final class IntakeResponses {

    private final JsonMapper json = JsonMapper.builder().build();

    public ResponseEntity<String> render(IntakeAnswer answer) {
        if (answer instanceof IntakeAnswer.Refused refused) {
            return text(statusOf(refused), refused.message());
        }
        IntakeAnswer.Answered answered = (IntakeAnswer.Answered) answer;
        return ResponseEntity.status(statusOf(answered))
                .contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body(answered)));
    }

    public static ResponseEntity<String> text(HttpStatus status, String message) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_PLAIN).body(message);
    }

    private static Map<String, Object> body(IntakeAnswer.Answered answer) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("outcome", answer.outcome().wireName());
        if (answer.reason() != null) {
            body.put("reason", answer.reason());
        }
        if (answer.leadId() != null) {
            body.put("lead", Map.of("id", answer.leadId()));
        }
        body.put("price", number(answer.price()));
        if (answer.appended() != null) {
            body.put("appended", answer.appended());
        }
        return body;
    }

    /** Whole prices print without a fraction ({@code 0}, {@code 12}), as LeadConduit's do. */
    private static Number number(double price) {
        return price == Math.rint(price) && Math.abs(price) < 1e15 ? (Number) (long) price : (Number) price;
    }

    private static HttpStatus statusOf(IntakeAnswer.Refused refused) {
        return switch (refused.refusal()) {
            case UNKNOWN_FLOW, UNKNOWN_SOURCE -> HttpStatus.NOT_FOUND;
            case SOURCE_DISABLED -> HttpStatus.FORBIDDEN;
            case MALFORMED_BODY -> HttpStatus.BAD_REQUEST;
            case UNSUPPORTED_CONTENT_TYPE -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
            case BODY_TOO_LARGE -> HttpStatus.CONTENT_TOO_LARGE;
        };
    }

    private static HttpStatus statusOf(IntakeAnswer.Answered answered) {
        return switch (answered.status()) {
            case FINAL -> HttpStatus.CREATED;
            case PENDING -> HttpStatus.ACCEPTED;
            case NOT_STORED -> HttpStatus.SERVICE_UNAVAILABLE;
        };
    }
}
