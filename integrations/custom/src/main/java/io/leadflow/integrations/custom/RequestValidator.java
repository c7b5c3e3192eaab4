package io.leadflow.integrations.custom;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.TargetUrl;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * LeadConduit's checks on a custom integration's variables, each giving its exact message: URL present, valid and
 * public (only an http(s):// base checked where private networks are allowed), HTTP method, outcome, headers.
 */
public final class RequestValidator {

    static final VariableSpec URL = VariableSpec.required("url", "string", "Server URL");

    private static final List<String> OUTCOMES = List.of("success", "failure", "error");
    private static final List<String> FORBIDDEN_HEADERS = List.of("Content-Length", "Accept");

    private final boolean allowPrivateNetworks;

    public RequestValidator(IntegrationSettings settings) {
        this.allowPrivateNetworks = settings.allowPrivateNetworks();
    }

    /** {@code URL is required}, {@code URL must be valid}, {@code URL must be public}. */
    Optional<String> url(Vars vars) {
        String url = JsValues.string(vars.get(URL.name()));
        if (!JsValues.truthy(url)) {
            return Optional.of("URL is required");
        }
        url = JsValues.trim(url);
        if (TargetUrl.base(url).isEmpty()) {
            return Optional.of("URL must be valid");
        }
        if (allowPrivateNetworks) {
            return Optional.empty();
        }
        Optional<TargetUrl> target = TargetUrl.parse(url);
        if (target.isEmpty()) {
            return Optional.of("URL must be valid");
        }
        return target.get().isPublic() ? Optional.empty() : Optional.of("URL must be public");
    }

    /** The method variable, upper-cased, must be one of {@code allowed} when set. */
    Optional<String> method(Vars vars, VariableSpec variable, List<String> allowed) {
        String method = JsValues.string(vars.get(variable.name()));
        if (!JsValues.truthy(method) || allowed.contains(method.toUpperCase(Locale.ROOT))) {
            return Optional.empty();
        }
        return Optional.of("Unsupported HTTP method - use " + String.join(", ", allowed));
    }

    /** {@code outcome_on_match}, when set, must be exactly success, failure or error. */
    Optional<String> outcome(Vars vars) {
        String outcome = JsValues.string(vars.get(ResponseParser.OUTCOME_ON_MATCH.name()));
        if (!JsValues.truthy(outcome) || OUTCOMES.contains(outcome)) {
            return Optional.empty();
        }
        return Optional.of("Outcome on match must be 'success', 'failure', or 'error'");
    }

    /**
     * {@code header.*} may not set Content-Length or Accept, and a Content-Type must match {@code contentTypeFamily}
     * (a regex, in any case) so that it stays in the module's family.
     */
    Optional<String> headers(Vars vars, String contentTypeFamily) {
        Map<String, Object> headers = new LinkedHashMap<>();
        vars.group(MappingTree.groupName(RequestHeaders.HEADER))
                .forEach((name, value) -> headers.put(name.toLowerCase(Locale.ROOT), value));
        for (String forbidden : FORBIDDEN_HEADERS) {
            if (JsValues.truthy(headers.get(forbidden.toLowerCase(Locale.ROOT)))) {
                return Optional.of(forbidden + " header is not allowed");
            }
        }
        if (headers.get("content-type") != null) {
            String contentType = JsValues.text(headers.get("content-type"));
            if (!Pattern.compile(contentTypeFamily, Pattern.CASE_INSENSITIVE).matcher(contentType).find()) {
                return Optional.of("Invalid Content-Type header value");
            }
        }
        return Optional.empty();
    }
}
