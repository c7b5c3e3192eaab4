package io.leadflow.integration.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.argumentSet;

import io.leadflow.integration.TypedValue;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code types.*} example of LeadConduit's behaviour ({@code conformance/types.jsonl}, copied from the shared
 * conformance set) holds for Leadflow's field types: the whole parsed value, normal, raw, valid and every component.
 *
 * <p>Where Leadflow's representation differs from JavaScript's, the expected value is translated by a rule below that
 * first checks the example says what the rule assumes: raw is always text, an invalid number's normal form is its raw
 * text instead of NaN, and a date serialises as {@code YYYY-MM-DD} instead of a midnight timestamp.
 */
class FieldTypesConformanceTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> VALUE_KEYS = Set.of("normal", "string", "json", "raw", "valid", "primitive_string");
    private static final Set<String> DATE_TYPES = Set.of("date", "dob");

    static Stream<Arguments> examples() throws IOException {
        List<Arguments> examples = new ArrayList<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(
                FieldTypesConformanceTest.class.getResourceAsStream("/conformance/types.jsonl"), StandardCharsets.UTF_8))) {
            lines.lines().filter(line -> !line.isBlank()).map(JSON::readTree).forEach(example ->
                    examples.add(argumentSet(example.get("area").asString() + " " + example.get("name").asString(), example)));
        }
        return examples.stream();
    }

    @ParameterizedTest(name = "{argumentSetName}")
    @MethodSource("examples")
    void behavesAsLeadConduit(JsonNode example) {
        JsonNode input = example.get("input");
        JsonNode expected = example.get("expected");
        if (input.path("op").asString("").equals("mask")) {
            assertMasked(input, expected);
        } else {
            FieldType type = type(input.get("type").asString(), input);
            TypedValue parsed = type.parse(java(input.get("value")));
            if (input.path("reparse").asBoolean(false)) {
                parsed = type.parse(parsed);
            }
            assertThat(view(parsed, expected)).isEqualTo(expectedView(parsed.type(), expected));
        }
    }

    private static void assertMasked(JsonNode input, JsonNode expected) {
        JsonNode value = input.get("value");
        if (value.has("$type")) {
            TypedValue masked = Masking.mask(type(value.get("$type").asString(), input).parse(value.get("raw").asString()));
            assertThat(view(masked, expected)).isEqualTo(expectedView(masked.type(), expected));
        } else {
            assertThat(Masking.mask(java(value))).isEqualTo(java(expected));
        }
    }

    /** The named type; a dob measured against the example's {@code now} when it has one. */
    private static FieldType type(String name, JsonNode input) {
        if (name.equals("dob") && input.has("now")) {
            return new DobType(Clock.fixed(Instant.parse(input.get("now").asString()), ZoneOffset.UTC));
        }
        return FieldTypes.find(name).orElseThrow();
    }

    /** The parsed value in the shape of an example: normal, raw (absent when none), valid, components, json. */
    private static Map<String, Object> view(TypedValue value, JsonNode expected) {
        Map<String, Object> view = new LinkedHashMap<>(value.components());
        view.put("normal", value.normal());
        if (value.raw() != null) {
            view.put("raw", value.raw());
        }
        view.put("valid", value.valid());
        if (expected.has("json")) {
            view.put("json", JSON.writeValueAsString(value.normal()));
        }
        return view;
    }

    /** The example's expectation, translated to Leadflow's representation by the rules of the class comment. */
    private static Map<String, Object> expectedView(String type, JsonNode expected) {
        Map<String, Object> view = new LinkedHashMap<>();
        expected.properties().forEach(property -> {
            if (!VALUE_KEYS.contains(property.getKey())) {
                view.put(property.getKey(), java(property.getValue()));
            }
        });
        Object normal = java(expected.has("normal") ? expected.get("normal") : expected.get("string"));
        String raw = expected.has("raw") ? rawText(expected.get("raw")) : null;
        String json = expected.has("json") ? expected.get("json").asString() : null;
        boolean primitiveString = expected.path("primitive_string").asBoolean(false);
        boolean valid = primitiveString || expected.get("valid").asBoolean();
        if (type.equals("number") && "NaN".equals(normal)) {
            assertThat(json).as("JSON of NaN").isIn("null", null);
            normal = raw;
            json = json == null ? null : JSON.writeValueAsString(normal);
        }
        if (DATE_TYPES.contains(type) && valid && json != null) {
            assertThat(json).as("JSON of a date").isEqualTo("\"" + normal + "T00:00:00.000Z\"");
            json = JSON.writeValueAsString(normal);
        }
        view.put("normal", normal);
        if (raw != null || primitiveString) {
            view.put("raw", raw != null ? raw : normal);
        }
        view.put("valid", valid);
        if (json != null) {
            view.put("json", json);
        }
        return view;
    }

    /** Raw is always text in Leadflow: a number or boolean reads as itself, an object as JavaScript's String() of it. */
    private static String rawText(JsonNode raw) {
        if (raw.isObject()) {
            return "[object Object]";
        }
        return raw.asString();
    }

    /** A JSON value as a Java value: integral numbers as Long, others as Double, objects as maps, arrays as lists. */
    private static Object java(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(property -> map.put(property.getKey(), java(property.getValue())));
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.values().forEach(item -> list.add(java(item)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }
}
