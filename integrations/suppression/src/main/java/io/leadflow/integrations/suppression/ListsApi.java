package io.leadflow.integrations.suppression;

import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.TargetUrl;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where and how the modules call a lists API: the step's {@code url} (checked like every user-given URL), else the
 * deployment's own lists (enhancement-service), to which alone the configured admin token is sent.
 */
final class ListsApi {

    static final VariableSpec URL = VariableSpec.optional("url", "url",
            "Base URL of a Leadflow lists API; default: this deployment's own lists (LEADFLOW_LISTS_URL)");
    /** LeadConduit's four names for the lists, read in this order; one is required (checked by validation). */
    static final List<VariableSpec> LIST_NAMES = List.of(
            VariableSpec.optional("list_names", "string",
                    "List names, comma separated, slugged (\"My List\" is my_list); this or list_name, list_ids, list_id"),
            VariableSpec.optional("list_name", "string", "As list_names"),
            VariableSpec.optional("list_ids", "string", "As list_names"),
            VariableSpec.optional("list_id", "string", "As list_names"));
    /** LeadConduit's two names for the values; one is required (checked by validation). */
    static final List<VariableSpec> VALUES = List.of(
            VariableSpec.optional("values", "string",
                    "Values, comma separated: an email, a phone number, any text; this or value"),
            VariableSpec.optional("value", "string", "As values"));

    /** The lists, the values and the URL: every module's request variables. */
    static List<VariableSpec> requestVariables() {
        List<VariableSpec> variables = new java.util.ArrayList<>(LIST_NAMES);
        variables.addAll(VALUES);
        variables.add(URL);
        return List.copyOf(variables);
    }
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final IntegrationSettings settings;

    ListsApi(IntegrationSettings settings) {
        this.settings = settings;
    }

    Optional<String> validate(Vars vars) {
        Optional<String> url = text(vars.get(URL.name()));
        if (url.isEmpty()) {
            return settings.listsUrl() == null ? Optional.of("URL is required (no lists API is configured)")
                    : Optional.empty();
        }
        Optional<TargetUrl> target = TargetUrl.parse(url.get());
        if (target.isEmpty()) {
            return Optional.of("URL must be valid");
        }
        if (!settings.allowPrivateNetworks() && !target.get().isPublic()) {
            return Optional.of("URL must be public");
        }
        return Optional.empty();
    }

    OutboundRequest get(Vars vars, String path) {
        return new OutboundRequest("GET", base(vars) + path, headers(vars, false), null, false);
    }

    OutboundRequest send(Vars vars, String method, String path, Map<String, Object> body) {
        return new OutboundRequest(method, base(vars) + path, headers(vars, true), JSON.writeValueAsString(body), false);
    }

    /** A path segment: percent-encoded, spaces as {@code %20}. */
    static String segment(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Several lists in one path segment, as LeadConduit joins them: {@code a|b}, encoded. */
    static String lists(List<String> names) {
        return segment(String.join("|", names));
    }

    private String base(Vars vars) {
        String base = text(vars.get(URL.name())).orElse(settings.listsUrl());
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private Map<String, String> headers(Vars vars, boolean body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (body) {
            headers.put("Content-Type", "application/json");
        }
        boolean ownLists = text(vars.get(URL.name())).isEmpty();
        if (ownLists && settings.listsToken() != null && !settings.listsToken().isBlank()) {
            headers.put("Authorization", "Bearer " + settings.listsToken());
        }
        return headers;
    }

    private static Optional<String> text(Object value) {
        if (value instanceof TypedValue typed) {
            value = typed.outboundValue();
        }
        return value == null || value.toString().isBlank() ? Optional.empty() : Optional.of(value.toString().trim());
    }
}
