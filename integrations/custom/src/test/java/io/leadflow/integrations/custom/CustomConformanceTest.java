package io.leadflow.integrations.custom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.testing.JsonFixtures;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * LeadConduit's own behaviour as examples: {@code custom.jsonl} (copied from the shared conformance set) and
 * {@code custom-executed.jsonl} (edge cases run through leadconduit-custom 2.23.8). Each input gives exactly its
 * expected request, headers, validation message or event, except where Leadflow deliberately differs.
 */
class CustomConformanceTest {

    /** Where Leadflow deliberately differs from LeadConduit, by example, and why; these are reported as skipped. */
    private static final Map<String, String> DELIBERATE_DIFFERENCES = Map.of(
            "custom.request.json json header override lower",
            "a header.* named like a default in another case replaces it; LeadConduit sends both spellings",
            "custom.request.form form encode true",
            "LeadConduit reads encode_form_fields (sic), so any value of encode_form_field_names leaves names raw",
            "custom.request.xml xml null value",
            "LeadConduit's xmlbuilder throws 'Missing element text'; Leadflow sends an empty element",
            "custom.response invalid regex null body",
            "LeadConduit's text.match(null) finds the word null; an invalid regex never matches (reference 2.4.3)",
            "custom.response form body",
            "LeadConduit's dot-wild cannot read querystring's prototype-less object, so its paths find nothing there",
            "custom.response xml doctype",
            "LeadConduit's xml2js rejects DTD-declared entities and appends nothing; Leadflow expands internal ones",
            "custom.response xml two roots",
            "LeadConduit's lenient xmldom keeps the first root; a second root is not XML, so the body is text here",
            "custom.response sel input:disabled @value",
            "jsoup has no :disabled pseudo-class",
            "custom.response inner html bool attr",
            "jsoup writes a boolean attribute bare (disabled) where cheerio writes disabled=\"\"");

    private static final List<JsonNode> EXAMPLES =
            load("/conformance/custom.jsonl", "/conformance/custom-executed.jsonl");
    private static final Map<String, IntegrationModule> MODULES = new CustomPackage()
            .modules(IntegrationSettings.defaults()).stream()
            .collect(Collectors.toMap(IntegrationModule::id, Function.identity()));

    static Stream<Arguments> requestExamples() {
        return examples(area -> area.startsWith("custom.request."));
    }

    static Stream<Arguments> headerExamples() {
        return examples(area -> area.equals("custom.headers"));
    }

    static Stream<Arguments> validateExamples() {
        return examples(area -> area.startsWith("custom.validate."));
    }

    static Stream<Arguments> responseExamples() {
        return examples(area -> area.equals("custom.response"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requestExamples")
    void buildsTheRequestLeadConduitBuilds(String example, JsonNode input, JsonNode expected) {
        skipDeliberateDifference(example);

        HttpOutbound module = (HttpOutbound) MODULES.get(input.get("integration").asString());

        OutboundRequest request = module.request(JsonFixtures.vars(input.get("vars")));

        assertThat(request).as(example).isEqualTo(expectedRequest(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headerExamples")
    void sendsTheHeadersLeadConduitSends(String example, JsonNode input, JsonNode expected) {
        Map<String, String> headers = RequestHeaders.custom(JsonFixtures.vars(input));

        assertThat(headers).as(example).isEqualTo(textMap(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validateExamples")
    void validatesAsLeadConduitDoes(String example, JsonNode input, JsonNode expected) {
        skipDeliberateDifference(example);

        IntegrationModule module = MODULES.get(input.get("integration").asString());

        Optional<String> message = module.validate(JsonFixtures.vars(input.get("vars")));

        assertThat(message).as(example).isEqualTo(Optional.ofNullable(expected.get("error")).map(JsonNode::asString));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responseExamples")
    void readsTheResponseAsLeadConduitDoes(String example, JsonNode input, JsonNode expected) {
        skipDeliberateDifference(example);

        ResponseParser parser = new ResponseParser();

        Map<String, Object> event = parser.parse(JsonFixtures.vars(input.get("vars")), JsonFixtures.response(input.get("res")))
                .toFlatMap();

        assertThat(JsonFixtures.json(event)).as(example).isEqualTo(expected);
    }

    private static OutboundRequest expectedRequest(JsonNode expected) {
        return new OutboundRequest(
                expected.get("method").asString(),
                expected.has("url") ? expected.get("url").asString() : null,
                textMap(expected.get("headers")),
                expected.has("body") ? expected.get("body").asString() : null,
                expected.get("followAllRedirects").asBoolean());
    }

    private static Map<String, String> textMap(JsonNode object) {
        Map<String, String> map = new LinkedHashMap<>();
        object.properties().forEach(entry -> map.put(entry.getKey(), entry.getValue().asString()));
        return map;
    }

    private static Stream<Arguments> examples(Predicate<String> area) {
        return EXAMPLES.stream()
                .filter(example -> area.test(example.get("area").asString()))
                .map(example -> Arguments.of(example.get("area").asString() + " " + example.get("name").asString(),
                        example.get("input"), example.get("expected")));
    }

    private static void skipDeliberateDifference(String example) {
        assumeFalse(DELIBERATE_DIFFERENCES.containsKey(example), () -> DELIBERATE_DIFFERENCES.get(example));
    }

    private static List<JsonNode> load(String... resources) {
        List<JsonNode> examples = new ArrayList<>();
        for (String resource : resources) {
            try (InputStream in = CustomConformanceTest.class.getResourceAsStream(resource)) {
                String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                text.lines().filter(line -> !line.isBlank()).map(JsonFixtures::json).forEach(examples::add);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the conformance examples " + resource, e);
            }
        }
        return examples;
    }
}
