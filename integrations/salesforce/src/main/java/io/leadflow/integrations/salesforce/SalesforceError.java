package io.leadflow.integrations.salesforce;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Salesforce's REST error answer, {@code [{"message", "errorCode", "fields"}, …]}: the first error's code and fields,
 * and every distinct message joined with "; ".
 */
record SalesforceError(String code, List<String> messages, List<String> fields) {

    /** The error of an answer (an array, or one object); empty when the answer is none of those. */
    static SalesforceError of(JsonNode answer) {
        List<JsonNode> errors = new ArrayList<>();
        if (answer != null && answer.isArray()) {
            answer.values().forEach(errors::add);
        } else if (answer != null && answer.isObject()) {
            errors.add(answer);
        }
        Set<String> messages = new LinkedHashSet<>();
        errors.forEach(error -> {
            if (error.path("message").isString() && !error.path("message").asString().isBlank()) {
                messages.add(error.path("message").asString());
            }
        });
        JsonNode first = errors.isEmpty() ? null : errors.get(0);
        String code = first != null && first.path("errorCode").isString() ? first.path("errorCode").asString() : null;
        List<String> fields = new ArrayList<>();
        if (first != null) {
            first.path("fields").values().forEach(field -> fields.add(field.asString()));
        }
        return new SalesforceError(code, List.copyOf(messages), List.copyOf(fields));
    }

    /** An org or API request limit: retry later, never the record's fault. */
    boolean isLimit() {
        return "REQUEST_LIMIT_EXCEEDED".equals(code) || "TOO_MANY_REQUESTS".equals(code);
    }

    /** Salesforce's messages with its code, {@code Use one of these records? (DUPLICATES_DETECTED)}; else the fallback. */
    String message(String fallback) {
        if (messages.isEmpty()) {
            return code == null ? fallback : fallback + ": " + code;
        }
        return String.join("; ", messages) + (code == null ? "" : " (" + code + ")");
    }
}
