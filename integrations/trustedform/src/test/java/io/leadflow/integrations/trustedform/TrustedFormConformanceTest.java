package io.leadflow.integrations.trustedform;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.Vars;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code trustedform.*} example of the shared conformance set ({@code conformance/trustedform.jsonl}). The v4
 * examples run with LeadConduit's lead links ({@link Fixtures#LEADCONDUIT_V4}); none needs the certificate-id secret of
 * LeadConduit's type tests (that secret only decides certificate age and type, which no module here checks).
 */
class TrustedFormConformanceTest {

    private static final InsightsOutbound INSIGHTS = new InsightsOutbound(IntegrationSettings.defaults());

    static Stream<Arguments> examples() throws IOException {
        return Fixtures.lines("/conformance/trustedform.jsonl").stream().map(Fixtures::json)
                .map(example -> Arguments.of(example.get("area").asString() + ": " + example.get("name").asString(),
                        example.get("area").asString(), example.get("input"), example.get("expected")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void behavesAsLeadConduitsExamples(String example, String area, JsonNode input, JsonNode expected) {
        Object actual = switch (area) {
            case "trustedform.v4.request" -> Fixtures.asMap(Fixtures.LEADCONDUIT_V4.request(
                    Fixtures.vars(input.get("vars"), Fixtures.LEADCONDUIT_V4.requestVariables())));
            case "trustedform.v4.validate" -> error(Fixtures.LEADCONDUIT_V4.validate(
                    Fixtures.vars(input.get("vars"), Fixtures.LEADCONDUIT_V4.requestVariables())));
            case "trustedform.insights.response" -> INSIGHTS.response(Vars.empty(), null, Fixtures.response(
                    input.get("res").get("status").asInt(), input.get("res").get("body").asString())).toFlatMap();
            case "trustedform.helpers.validate" -> error(CertificateUrl.validate(
                    Fixtures.vars(Fixtures.json(Map.of("lead", AnswerJson.plain(input.get("lead")))), List.of())));
            case "trustedform.helpers.fingerprint" -> Fingerprints.evaluate(lead(input.get("lead")),
                    texts(input.get("fingerprints").get("matching")), texts(input.get("fingerprints").get("non_matching")));
            default -> throw new IllegalArgumentException("No runner for " + area);
        };
        assertThat(Fixtures.json(actual)).as(example).isEqualTo(expected);
    }

    private static Map<String, Object> error(Optional<String> message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("error", message.orElse(null));
        return error;
    }

    private static Map<String, String> lead(JsonNode lead) {
        Map<String, String> fields = new LinkedHashMap<>();
        lead.properties().forEach(field -> fields.put(field.getKey(), field.getValue().asString()));
        return fields;
    }

    private static List<String> texts(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.values().forEach(value -> texts.add(value.asString()));
        return texts;
    }
}
