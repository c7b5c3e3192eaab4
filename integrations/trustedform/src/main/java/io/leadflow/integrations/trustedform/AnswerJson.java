package io.leadflow.integrations.trustedform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** TrustedForm's JSON answers read as plain values, keeping JavaScript's difference between absent and null. */
final class AnswerJson {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private AnswerJson() {
    }

    /** The body parsed, or empty when it is not JSON. */
    static Optional<JsonNode> parse(String body) {
        try {
            return Optional.of(JSON.readTree(body == null ? "" : body)).filter(node -> !node.isMissingNode());
        } catch (JacksonException e) {
            return Optional.empty();
        }
    }

    /** Puts the node's plain value under {@code key}: absent nodes are left out, JSON null is kept as null. */
    static void put(Map<String, Object> target, String key, JsonNode node) {
        if (!node.isMissingNode()) {
            target.put(key, plain(node));
        }
    }

    /** The node as String, Long, Double, Boolean, List, Map or null. */
    static Object plain(JsonNode node) {
        if (node.isObject()) {
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
        return node.isNull() || node.isMissingNode() ? null : node.asString();
    }

    /** Whether JavaScript would take the value as true: present, not null, false, 0 or empty text. */
    static boolean truthy(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return false;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isNumber()) {
            return node.doubleValue() != 0;
        }
        return !node.isString() || !node.asString().isEmpty();
    }

    /** The text of a string node, else null. */
    static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }
}
