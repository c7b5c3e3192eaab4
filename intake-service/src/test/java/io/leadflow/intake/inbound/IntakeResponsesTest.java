package io.leadflow.intake.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.intake.domain.AnswerOutcome;
import io.leadflow.intake.domain.IntakeAnswer;
import io.leadflow.intake.domain.IntakeAnswer.Status;
import io.leadflow.intake.domain.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

class IntakeResponsesTest {

    private static final String LEAD = "5f5e100012345678abcdef01";

    static Stream<Arguments> answers() {
        Map<String, Object> phoneCheck = new LinkedHashMap<>();
        phoneCheck.put("line_type", "mobile");
        phoneCheck.put("outcome", "success");
        Map<String, Object> appended = Map.of("phone_check", phoneCheck);
        return Stream.of(
                json(answered(Status.FINAL, AnswerOutcome.SUCCESS, null, LEAD, 0, null), 201,
                        "{\"outcome\":\"success\",\"lead\":{\"id\":\"" + LEAD + "\"},\"price\":0}"),
                json(answered(Status.FINAL, AnswerOutcome.FAILURE, "email is required", LEAD, 0, null), 201,
                        "{\"outcome\":\"failure\",\"reason\":\"email is required\",\"lead\":{\"id\":\"" + LEAD
                                + "\"},\"price\":0}"),
                json(answered(Status.FINAL, AnswerOutcome.SUCCESS, "accepted", LEAD, 1.5, appended), 201,
                        "{\"outcome\":\"success\",\"reason\":\"accepted\",\"lead\":{\"id\":\"" + LEAD + "\"},"
                                + "\"price\":1.5,\"appended\":{\"phone_check\":{\"line_type\":\"mobile\","
                                + "\"outcome\":\"success\"}}}"),
                json(answered(Status.FINAL, AnswerOutcome.SUCCESS, null, LEAD, 12, null), 201,
                        "{\"outcome\":\"success\",\"lead\":{\"id\":\"" + LEAD + "\"},\"price\":12}"),
                json(answered(Status.PENDING, AnswerOutcome.PENDING, null, LEAD, 0, null), 202,
                        "{\"outcome\":\"pending\",\"lead\":{\"id\":\"" + LEAD + "\"},\"price\":0}"),
                json(answered(Status.FINAL, AnswerOutcome.ERROR, "Flow is disabled", null, 0, null), 201,
                        "{\"outcome\":\"error\",\"reason\":\"Flow is disabled\",\"price\":0}"),
                json(answered(Status.NOT_STORED, AnswerOutcome.ERROR, "Lead could not be stored; please retry", null,
                        0, null), 503,
                        "{\"outcome\":\"error\",\"reason\":\"Lead could not be stored; please retry\",\"price\":0}"),
                text(Refusal.UNKNOWN_FLOW, "Flow nope not found", 404),
                text(Refusal.UNKNOWN_SOURCE, "Source nope not found in flow shop", 404),
                text(Refusal.SOURCE_DISABLED, "Source is disabled", 403),
                text(Refusal.MALFORMED_BODY, "Unable to parse JSON -- oops", 400),
                text(Refusal.UNSUPPORTED_CONTENT_TYPE, "Content-Type header is required", 415),
                text(Refusal.BODY_TOO_LARGE, "Request body is larger than 10 bytes", 413));
    }

    @ParameterizedTest(name = "{1} {3}")
    @MethodSource("answers")
    void writesAnswersAsLeadConduitDoes(IntakeAnswer answer, int status, MediaType type, String body) {
        ResponseEntity<String> response = new IntakeResponses().render(answer);

        assertThat(List.of(response.getStatusCode().value(), response.getHeaders().getContentType(),
                response.getBody())).isEqualTo(List.of(status, type, body));
    }

    private static IntakeAnswer answered(Status status, AnswerOutcome outcome, String reason, String leadId,
                                         double price, Map<String, Object> appended) {
        return new IntakeAnswer.Answered(status, outcome, reason, leadId, price, appended, "shop", "web");
    }

    private static Arguments json(IntakeAnswer answer, int status, String body) {
        return Arguments.of(answer, status, MediaType.APPLICATION_JSON, body);
    }

    private static Arguments text(Refusal refusal, String message, int status) {
        return Arguments.of(new IntakeAnswer.Refused(refusal, message, null, null), status, MediaType.TEXT_PLAIN,
                message);
    }
}
