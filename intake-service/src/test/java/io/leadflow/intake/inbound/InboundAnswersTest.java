package io.leadflow.intake.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.intake.domain.AnswerOutcome;
import io.leadflow.intake.domain.IntakeAnswer;
import io.leadflow.intake.domain.IntakeAnswer.Status;
import io.leadflow.intake.domain.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Intake's answers to sources beyond the conformance examples (reference §3.2). */
class InboundAnswersTest {

    private static final AnswerFormat JSON = new AnswerFormat("application/json", null, false);
    private static final String XML_ANSWER = """
            <?xml version="1.0"?>
            <result>
              <outcome>failure</outcome>
              <reason>Tom &amp; Jerry &lt;3</reason>
              <lead>
                <id>abc</id>
              </lead>
              <price>1.5</price>
            </result>""";
    private static final IntakeAnswer.Answered STORED = new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.SUCCESS,
            null, "6760f3a1c0ffee0123456789", 0, null, "shop", "web");

    private final InboundAnswers answers = new InboundAnswers();

    record Case(String name, AnswerFormat format, IntakeAnswer.Answered answer, boolean verbose, HttpAnswer expected) {

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Case> CASES = List.of(
            new Case("a stored lead", JSON, STORED, false, json(201,
                    "{\"outcome\":\"success\",\"lead\":{\"id\":\"6760f3a1c0ffee0123456789\"},\"price\":0}")),
            new Case("a sync answer with reason and a whole price", JSON, new IntakeAnswer.Answered(Status.FINAL,
                    AnswerOutcome.FAILURE, "Duplicate lead", "abc", 4.0, null, "shop", "web"), false, json(201,
                    "{\"outcome\":\"failure\",\"reason\":\"Duplicate lead\",\"lead\":{\"id\":\"abc\"},\"price\":4}")),
            new Case("a lead still running", JSON, new IntakeAnswer.Answered(Status.PENDING, AnswerOutcome.PENDING,
                    null, "abc", 0, null, "shop", "web"), false,
                    json(202, "{\"outcome\":\"pending\",\"lead\":{\"id\":\"abc\"},\"price\":0}")),
            new Case("a lead not stored is not redirected", new AnswerFormat("application/json", "https://x.example/",
                    false), new IntakeAnswer.Answered(Status.NOT_STORED, AnswerOutcome.ERROR,
                    "Lead could not be stored; please retry", null, 0, null, "shop", "web"), false, json(503,
                    "{\"outcome\":\"error\",\"reason\":\"Lead could not be stored; please retry\",\"price\":0}")),
            new Case("a redirect", new AnswerFormat("application/json", "https://x.example/thanks", false), STORED,
                    false, new HttpAnswer(303, headers("application/json", 72, "https://x.example/thanks"),
                    "{\"outcome\":\"success\",\"lead\":{\"id\":\"6760f3a1c0ffee0123456789\"},\"price\":0}")),
            new Case("XML", new AnswerFormat("text/xml", null, false), new IntakeAnswer.Answered(Status.FINAL,
                    AnswerOutcome.FAILURE, "Tom & Jerry <3", "abc", 1.5, null, "shop", "web"), false,
                    new HttpAnswer(201, headers("text/xml", XML_ANSWER.length(), null), XML_ANSWER)),
            new Case("a form Accept gets JSON labelled as asked, as LeadConduit does",
                    new AnswerFormat("application/x-www-form-urlencoded", null, false), STORED, false,
                    new HttpAnswer(201, headers("application/x-www-form-urlencoded", 72, null),
                            "{\"outcome\":\"success\",\"lead\":{\"id\":\"6760f3a1c0ffee0123456789\"},\"price\":0}")),
            new Case("a verbose source sees appended first", JSON, new IntakeAnswer.Answered(Status.FINAL,
                    AnswerOutcome.SUCCESS, null, "abc", 0, appended(), "shop", "web"), true, json(201,
                    "{\"appended\":{\"phone_check\":{\"line_type\":\"mobile\",\"outcome\":\"success\",\"price\":0,"
                            + "\"tags\":[\"a\",\"b\"]}},\"outcome\":\"success\",\"lead\":{\"id\":\"abc\"},\"price\":0}")),
            new Case("a source that is not verbose does not", JSON, new IntakeAnswer.Answered(Status.FINAL,
                    AnswerOutcome.SUCCESS, null, "abc", 0, appended(), "shop", "web"), false,
                    json(201, "{\"outcome\":\"success\",\"lead\":{\"id\":\"abc\"},\"price\":0}")),
            new Case("a ping without a price bids nothing", new AnswerFormat("application/json", null, true),
                    new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.SUCCESS, null, null, 0, null, "shop", "web"),
                    false, json(200, "{\"outcome\":\"failure\",\"reason\":\"no bid\",\"price\":0}")),
            new Case("a ping refused by the acceptance criteria keeps its reason",
                    new AnswerFormat("application/json", "https://x.example/", true), new IntakeAnswer.Answered(
                    Status.FINAL, AnswerOutcome.FAILURE, "email is required", null, 0, null, "shop", "web"), false,
                    json(200, "{\"outcome\":\"failure\",\"reason\":\"email is required\",\"price\":0}")),
            new Case("a ping with a price bids it", new AnswerFormat("application/json", null, true),
                    new IntakeAnswer.Answered(Status.FINAL, AnswerOutcome.SUCCESS, null, null, 2.25, null, "shop",
                            "web"), false, json(200, "{\"outcome\":\"success\",\"price\":2.25}")),
            new Case("a repeat of an Idempotency-Key is marked", JSON, STORED.replay(), false, json(201,
                    "{\"outcome\":\"success\",\"lead\":{\"id\":\"6760f3a1c0ffee0123456789\"},\"price\":0}")
                    .withHeader("Idempotent-Replayed", "true")));

    @ParameterizedTest(name = "{0}")
    @FieldSource("CASES")
    void answersAsLeadConduitDoes(Case example) {
        assertThat(answers.render(example.format(), example.answer(), example.verbose())).isEqualTo(example.expected());
    }

    @Test
    void refusalsArePlainTextWithTheirStatus() {
        assertThat(List.of(Refusal.UNKNOWN_FLOW, Refusal.SOURCE_DISABLED, Refusal.ADDRESS_NOT_ALLOWED,
                Refusal.API_KEY_REFUSED, Refusal.BASIC_AUTH_REFUSED, Refusal.IDEMPOTENCY_KEY_IN_USE).stream()
                .map(refusal -> InboundAnswers.refusal(new IntakeAnswer.Refused(refusal, "Why", "shop", "web")))
                .toList())
                .isEqualTo(List.of(HttpAnswer.text(404, "Why"), HttpAnswer.text(403, "Why"),
                        HttpAnswer.text(403, "Why"), HttpAnswer.text(401, "Why"), HttpAnswer.text(401, "Why")
                                .withHeader("WWW-Authenticate", "Basic realm=\"Leadflow\", charset=\"UTF-8\""),
                        HttpAnswer.text(409, "Why")));
    }

    private static Map<String, Object> appended() {
        Map<String, Object> phoneCheck = new LinkedHashMap<>();
        phoneCheck.put("line_type", "mobile");
        phoneCheck.put("outcome", "success");
        phoneCheck.put("reason", null);
        phoneCheck.put("price", 0.0);
        phoneCheck.put("tags", List.of("a", "b"));
        return Map.of("phone_check", phoneCheck);
    }

    private static HttpAnswer json(int status, String body) {
        return new HttpAnswer(status, headers("application/json", body.length(), null), body);
    }

    private static Map<String, String> headers(String type, int length, String location) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", type);
        headers.put("Content-Length", String.valueOf(length));
        if (location != null) {
            headers.put("Location", location);
        }
        return headers;
    }
}
