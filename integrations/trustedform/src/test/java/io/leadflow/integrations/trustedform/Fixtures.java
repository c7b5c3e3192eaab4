package io.leadflow.integrations.trustedform;

import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import io.leadflow.integration.types.FieldTypes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Inputs written as JSON, as the conformance examples are, typed as LeadConduit's test parser types them. */
final class Fixtures {

    private Fixtures() {
    }

    /** LeadConduit's own lead links, as its production sends them: {@code <app>/events/<lead id>}. */
    static final TrustedFormOutbound LEADCONDUIT_V4 = new TrustedFormOutbound(
            io.leadflow.integration.IntegrationSettings.defaults(), id -> "https://app.leadconduit.com/events/" + id);

    static JsonNode json(String text) {
        return AnswerJson.JSON.readTree(text);
    }

    static JsonNode json(Object value) {
        return AnswerJson.JSON.readTree(AnswerJson.JSON.writeValueAsString(value));
    }

    /** Variables from JSON, each declared variable of a field type (boolean, trustedform_url) parsed with it. */
    @SuppressWarnings("unchecked")
    static Vars vars(JsonNode node, List<VariableSpec> declared) {
        Map<String, Object> tree = (Map<String, Object>) AnswerJson.plain(node);
        Map<String, Object> paths = new LinkedHashMap<>();
        flatten(tree, "", paths);
        paths.replaceAll((path, value) -> declared.stream()
                .filter(spec -> spec.name().equals(path) && value != null && !spec.type().equals("string"))
                .filter(spec -> FieldTypes.find(spec.type()).isPresent())
                .findFirst().<Object>map(spec -> FieldTypes.parse(spec.type(), value)).orElse(value));
        return Vars.fromPaths(paths);
    }

    static Vars vars(String json, List<VariableSpec> declared) {
        return vars(json(json), declared);
    }

    private static void flatten(Map<?, ?> tree, String prefix, Map<String, Object> paths) {
        tree.forEach((key, value) -> {
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(child, prefix + key + ".", paths);
            } else {
                paths.put(prefix + key, value);
            }
        });
    }

    static OutboundResponse response(int status, String body) {
        return new OutboundResponse(status, Map.of("Content-Type", List.of("application/json")), body);
    }

    static Map<String, Object> asMap(OutboundRequest request) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("method", request.method());
        map.put("url", request.url());
        map.put("body", request.body());
        map.put("headers", request.headers());
        return map;
    }

    static List<String> lines(String resource) throws IOException {
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
        }
    }
}
