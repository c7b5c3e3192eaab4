package io.leadflow.intake.inbound;

import static io.leadflow.intake.inbound.InboundExamples.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every inbound example of LeadConduit's behaviour holds for intake's default inbound: the request read into lead
 * fields or refused with the same status, headers and words; the answer with the same status, headers and body.
 */
class InboundConformanceTest {

    private final DefaultInbound inbound = new DefaultInbound();
    private final InboundAnswers answers = new InboundAnswers();

    static Stream<Arguments> requests() {
        return InboundExamples.of("inbound.request");
    }

    static Stream<Arguments> responses() {
        return Stream.concat(InboundExamples.of("inbound.response"), InboundExamples.of("standard.verbose.response"));
    }

    static Stream<Arguments> validations() {
        return InboundExamples.of("framework.validateRequest");
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("requests")
    void readsRequestsAsLeadConduit(JsonNode example) {
        JsonNode expected = example.get("expected");

        DefaultInbound.Read read = inbound.read(InboundExamples.request(example.get("input").get("req")), Set.of());

        if (expected.has("lead")) {
            assertThat(read).isInstanceOf(DefaultInbound.Submitted.class);
            JsonNode lead = JSON.valueToTree(((DefaultInbound.Submitted) read).values());
            assertThat(lead).isEqualTo(expected.get("lead"));
        } else {
            assertRefusal(((DefaultInbound.Refused) read).answer(), expected.get("http_error"));
        }
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("responses")
    void answersAsLeadConduit(JsonNode example) {
        JsonNode input = example.get("input");
        AnswerFormat format = AnswerFormat.of(InboundExamples.request(input.get("req"))).format();
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = JSON.treeToValue(input.get("vars"), Map.class);
        List<String> fields = example.get("area").asString().startsWith("standard.verbose")
                ? InboundAnswers.verboseFields(asMap(vars.get("appended"))) : fieldIds(input.get("fieldIds"));

        HttpAnswer answer = answers.render(format, vars, fields, 201);

        assertThat(InboundExamples.answer(answer, null)).isEqualTo(InboundExamples.answer(example.get("expected")));
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("validations")
    void validatesRequestsAsLeadConduit(JsonNode example) {
        JsonNode input = example.get("input");
        List<String> mimeTypes = new ArrayList<>();
        input.get("mimeTypes").values().forEach(type -> mimeTypes.add(type.asString()));

        HttpAnswer refusal = RequestValidation.validate(InboundExamples.request(input.get("req")), mimeTypes,
                List.of("POST")).orElseThrow();

        assertRefusal(refusal, example.get("expected"));
    }

    private static void assertRefusal(HttpAnswer answer, JsonNode expected) {
        String prefix = expected.has("body_prefix") ? expected.get("body_prefix").asString() : null;
        assertThat(InboundExamples.answer(answer, prefix)).isEqualTo(InboundExamples.answer(expected));
        if (prefix != null) {
            assertThat(answer.body()).startsWith(prefix).hasSizeGreaterThan(prefix.length());
        }
    }

    private static List<String> fieldIds(JsonNode ids) {
        if (ids == null || ids.isNull()) {
            return null;
        }
        List<String> fields = new ArrayList<>();
        ids.values().forEach(id -> fields.add(id.asString()));
        return fields;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }
}
