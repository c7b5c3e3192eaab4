package io.leadflow.integration.testing;

import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Vars;
import io.leadflow.integration.types.FieldTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Test inputs written as JSON, as the conformance examples are; {@code {"$type": "phone", "raw": "…"}} is typed.
 * Shared with the integration packages' tests through integration-api's test-jar.
 */
public final class JsonFixtures {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonFixtures() {
    }

    public static Vars vars(String json) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) plain(JSON.readTree(json));
        return Vars.of(tree);
    }

    /** Variables from a JSON object; absent or null reads as no variables. */
    public static Vars vars(JsonNode node) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = node == null || node.isNull() ? Map.of() : (Map<String, Object>) plain(node);
        return Vars.of(tree);
    }

    /** A response from {@code {"status": …, "headers": {name: value or [values]}, "body": …}}. */
    public static OutboundResponse response(JsonNode node) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        JsonNode headerNode = node.get("headers");
        if (headerNode != null) {
            headerNode.properties().forEach(header -> {
                List<String> values = new ArrayList<>();
                if (header.getValue().isArray()) {
                    header.getValue().values().forEach(value -> values.add(value.asString()));
                } else {
                    values.add(header.getValue().asString());
                }
                headers.put(header.getKey(), values);
            });
        }
        JsonNode body = node.get("body");
        return new OutboundResponse(node.get("status").asInt(), headers, body == null ? null : body.asString());
    }

    public static OutboundResponse response(int status, String contentType, String body) {
        Map<String, List<String>> headers =
                contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
        return new OutboundResponse(status, headers, body);
    }

    /** A value as JSON, numbers compared by value the way JSON text writes them. */
    public static JsonNode json(Object value) {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    public static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    /** A JSON value as a plain Java value: Long, Double, Boolean, String, List, Map, null, or a typed value. */
    public static Object plain(JsonNode node) {
        if (node.isObject()) {
            if (node.has("$type")) {
                return FieldTypes.parse(node.get("$type").asString(), node.get("raw").asString());
            }
            Map<String, Object> object = new LinkedHashMap<>();
            node.properties().forEach(entry -> object.put(entry.getKey(), plain(entry.getValue())));
            return object;
        }
        if (node.isArray()) {
            List<Object> array = new ArrayList<>();
            node.values().forEach(item -> array.add(plain(item)));
            return array;
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
        return node.isNull() ? null : node.asString();
    }
}
