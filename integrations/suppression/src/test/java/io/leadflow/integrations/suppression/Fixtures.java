package io.leadflow.integrations.suppression;

import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Vars;
import io.leadflow.integration.types.FieldTypes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Inputs written as JSON, as the conformance examples are; {@code {"$type": "phone", "raw": "…"}} is typed. */
final class Fixtures {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    static Vars vars(String json) {
        return Vars.of((Map<String, Object>) plain(JSON.readTree(json)));
    }

    @SuppressWarnings("unchecked")
    static Vars vars(JsonNode node) {
        return Vars.of((Map<String, Object>) plain(node));
    }

    static OutboundResponse response(JsonNode node) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        node.path("headers").properties().forEach(header -> headers.put(header.getKey(), List.of(header.getValue().asString())));
        return new OutboundResponse(node.get("status").asInt(), headers, node.path("body").asString());
    }

    static JsonNode json(Object value) {
        return JSON.readTree(JSON.writeValueAsString(value));
    }

    static Object plain(JsonNode node) {
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
