package io.leadflow.integrations.custom;

import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The headers of a custom request: the module's defaults, basic authentication, then {@code header.*} over them. */
final class RequestHeaders {

    static final VariableSpec HEADER = VariableSpec.optional("header.*", "wildcard",
            "HTTP header to send in the request (Accept and Content-Length cannot be set)");
    private static final VariableSpec BASIC_USERNAME = VariableSpec.optional("basic_username", "string",
            "HTTP Basic Authentication user name");
    private static final VariableSpec BASIC_PASSWORD = VariableSpec.optional("basic_password", "string",
            "HTTP Basic Authentication password");
    static final List<VariableSpec> BASIC_AUTH = List.of(BASIC_USERNAME, BASIC_PASSWORD);

    /** Every custom request accepts these, most preferred first; users cannot change it. */
    static final String ACCEPT =
            "application/json;q=0.9,text/xml;q=0.8,application/xml;q=0.7,text/html;q=0.6,text/plain;q=0.5";

    private RequestHeaders() {
    }

    /** {@code Basic base64(user:pass)} when both {@code basic_username} and {@code basic_password} are set. */
    static Optional<String> basicAuthorization(Vars vars) {
        Object user = vars.get(BASIC_USERNAME.name());
        Object password = vars.get(BASIC_PASSWORD.name());
        if (!JsValues.truthy(JsValues.string(user)) || !JsValues.truthy(JsValues.string(password))) {
            return Optional.empty();
        }
        return Optional.of(basic(JsValues.string(user), JsValues.string(password)));
    }

    static String basic(String user, String password) {
        String pair = user + ":" + password;
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The defaults with {@code header.*} merged over them: a user header replaces the default of the same name in
     * any case (keeping the default's place and spelling), other user headers follow in their order.
     */
    static Map<String, String> merge(Map<String, String> defaults, Vars vars) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        custom(vars).forEach((name, value) -> {
            String existing = merged.keySet().stream().filter(name::equalsIgnoreCase).findFirst().orElse(name);
            merged.put(existing, value);
        });
        return merged;
    }

    /**
     * {@code header.*} as sent: values normalised like mapped values, lists joined with {@code ", "}, nested objects
     * (dotted names) and blank values dropped.
     */
    static Map<String, String> custom(Vars vars) {
        Map<String, String> headers = new LinkedHashMap<>();
        MappingTree.normalize(vars, HEADER, false).forEach((name, value) -> {
            String text = headerValue(value);
            if (text != null && !JsValues.trim(text).isEmpty() && !JsValues.trim(name).isEmpty()) {
                headers.put(name, text);
            }
        });
        return headers;
    }

    private static String headerValue(Object value) {
        if (value instanceof MappingTree.SparseArray array) {
            return array.items().values().stream().map(JsValues::text).collect(Collectors.joining(", "));
        }
        if (value instanceof Map) {
            return "";
        }
        return value == null ? null : JsValues.text(value);
    }
}
