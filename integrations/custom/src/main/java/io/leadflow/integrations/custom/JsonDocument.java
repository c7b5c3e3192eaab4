package io.leadflow.integrations.custom;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A JSON object body (a root array becomes {@code {array: [...]}}); also a form-urlencoded body read into an object.
 * The search path is a lodash path, selectors are dot-wild paths, and the whole object is appended.
 */
record JsonDocument(Map<String, Object> root) implements ResponseDocument {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** The body as JSON: an object or array document, a string as text, other scalars as nothing; empty if not JSON. */
    static Optional<ResponseDocument> parse(String body) {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (node == null || node.isMissingNode()) {
            return Optional.empty();
        }
        Object value = plain(node);
        if (value instanceof Map<?, ?>) {
            @SuppressWarnings("unchecked")
            Map<String, Object> object = (Map<String, Object>) value;
            return Optional.of(new JsonDocument(object));
        }
        if (value instanceof List<?>) {
            Map<String, Object> wrapped = new LinkedHashMap<>();
            wrapped.put("array", value);
            return Optional.of(new JsonDocument(wrapped));
        }
        if (value instanceof String text) {
            return Optional.of(new TextDocument(text));
        }
        return Optional.of(new ScalarDocument());
    }

    @Override
    public List<String> searchScope(String path) {
        Object found = DotPath.get(root, path);
        Collection<?> items = found instanceof List<?> list ? list : found == null ? List.of() : List.of(found);
        List<String> scope = new ArrayList<>();
        items.forEach(item -> scope.add(JsValues.text(item)));
        return scope;
    }

    @Override
    public Object select(String selector) {
        return DotPath.wildGet(root, selector);
    }

    @Override
    public Map<String, Object> appended(Map<String, String> captures) {
        return quoteNumericKeys(root);
    }

    /**
     * Keys that JavaScript's {@code parseInt} reads as a number ({@code 42}, {@code 7up}) become {@code '42'}, in
     * objects nested in objects (not in arrays), so that flattening to dot paths cannot turn them into array indexes.
     */
    private static Map<String, Object> quoteNumericKeys(Map<String, Object> object) {
        Map<String, Object> quoted = new LinkedHashMap<>();
        object.forEach((key, value) -> {
            @SuppressWarnings("unchecked")
            Object child = value instanceof Map<?, ?> map ? quoteNumericKeys((Map<String, Object>) map) : value;
            quoted.put(startsLikeNumber(key) ? "'" + key + "'" : key, child);
        });
        return quoted;
    }

    private static boolean startsLikeNumber(String key) {
        int i = 0;
        while (i < key.length() && JsValues.isWhitespace(key.charAt(i))) {
            i++;
        }
        if (i < key.length() && (key.charAt(i) == '+' || key.charAt(i) == '-')) {
            i++;
        }
        return i < key.length() && key.charAt(i) >= '0' && key.charAt(i) <= '9';
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> object = new LinkedHashMap<>();
            node.properties().forEach(entry -> object.put(entry.getKey(), plain(entry.getValue())));
            return JsValues.inPropertyOrder(object);
        }
        if (node.isArray()) {
            List<Object> array = new ArrayList<>();
            node.values().forEach(item -> array.add(plain(item)));
            return array;
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isNumber()) {
            return JsValues.jsNumber(node.numberValue());
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
