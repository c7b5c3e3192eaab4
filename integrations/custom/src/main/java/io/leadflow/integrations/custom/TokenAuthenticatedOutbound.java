package io.leadflow.integrations.custom;

import io.leadflow.integration.HandleOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.OutboundTransport;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code custom.outbound.token_authenticated}: LeadConduit's token-authenticated JSON. Sends as
 * {@code custom.outbound.json}, with the names of the step's {@code token} credential attributes in {@code header.*}
 * values replaced by their values ({@code Bearer access_token}); on a 401 or 403 it fetches a new token from
 * {@code authentication_url}, keeps it under the last segment of {@code authentication_token_path}, and sends once more.
 * Fetched tokens are kept in memory per credential (losing them only costs one more refresh).
 */
public final class TokenAuthenticatedOutbound implements HandleOutbound {

    private static final VariableSpec AUTHENTICATION_URL = VariableSpec.required("authentication_url", "string",
            "URL to get the access token from");
    private static final VariableSpec AUTHENTICATION_METHOD = VariableSpec.optional("authentication_method", "string",
            "POST", "HTTP method of the authentication request");
    private static final VariableSpec AUTHENTICATION_PROPERTY = VariableSpec.optional("authentication_property.*",
            "wildcard", "JSON property in dot notation for the authentication request");
    private static final VariableSpec AUTHENTICATION_HEADER = VariableSpec.optional("authentication_header.*",
            "wildcard", "Header of the authentication request; credential attribute names in it are replaced by their values");
    private static final VariableSpec AUTHENTICATION_TOKEN_PATH = VariableSpec.optional("authentication_token_path",
            "string", "accessToken", "Dot path of the token in the authentication answer; its last segment names the "
                    + "credential attribute it replaces");
    /** Credential entries that are not token attributes. */
    private static final Set<String> NOT_ATTRIBUTES = Set.of("type", "name");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonOutbound json;
    private final Map<String, Map<String, String>> refreshed = new ConcurrentHashMap<>();

    public TokenAuthenticatedOutbound(JsonOutbound json) {
        this.json = json;
    }

    @Override
    public String id() {
        return "custom.outbound.token_authenticated";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        List<VariableSpec> variables = new ArrayList<>(List.of(AUTHENTICATION_URL, AUTHENTICATION_METHOD,
                AUTHENTICATION_PROPERTY, AUTHENTICATION_HEADER, AUTHENTICATION_TOKEN_PATH));
        variables.addAll(json.requestVariables());
        return List.copyOf(variables);
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return json.responseVariables();
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return json.validate(vars)
                .or(() -> "token".equals(JsValues.string(vars.get("credential.type"))) ? Optional.empty()
                        : Optional.of("ID of token credential is required"))
                .or(() -> JsValues.truthy(JsValues.string(vars.get(AUTHENTICATION_URL.name()))) ? Optional.empty()
                        : Optional.of("authentication URL is required"));
    }

    @Override
    public CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport) {
        return attempt(vars, transport, false);
    }

    private CompletableFuture<IntegrationEvent> attempt(Vars vars, OutboundTransport transport, boolean retried) {
        Map<String, String> credential = credential(vars);
        OutboundRequest request = json.request(withGroup(vars, "header", substituted(vars, "header", credential)));
        return transport.send(request).thenCompose(response -> {
            if (response.status() != 401 && response.status() != 403) {
                return CompletableFuture.completedFuture(json.response(vars, request, response));
            }
            if (retried) {
                return CompletableFuture.completedFuture(IntegrationEvent.of(Outcome.ERROR,
                        "Unable to authenticate after attempting to refresh token"));
            }
            return transport.send(authenticationRequest(vars, credential)).thenCompose(answer -> {
                Object token;
                try {
                    token = DotPath.get(JSON.readValue(answer.body(), Object.class), tokenPath(vars));
                } catch (JacksonException e) {
                    return CompletableFuture.completedFuture(IntegrationEvent.of(Outcome.ERROR,
                            "Error while parsing refresh token: the answer is not JSON"));
                }
                String path = tokenPath(vars);
                String attribute = path.substring(path.lastIndexOf('.') + 1);
                refreshed.computeIfAbsent(cacheKey(vars), key -> new ConcurrentHashMap<>())
                        .put(attribute, token == null ? "" : JsValues.text(token));
                return attempt(vars, transport, true);
            });
        });
    }

    private OutboundRequest authenticationRequest(Vars vars, Map<String, String> credential) {
        Map<String, Object> auth = new LinkedHashMap<>();
        auth.put("url", vars.get(AUTHENTICATION_URL.name()));
        String method = JsValues.string(vars.get(AUTHENTICATION_METHOD.name()));
        auth.put("method", JsValues.truthy(method) ? method : "POST");
        auth.put("header", substituted(vars, "authentication_header", credential));
        Object properties = vars.get(MappingTree.groupName(AUTHENTICATION_PROPERTY));
        if (properties != null) {
            auth.put("json_property", properties);
        }
        return json.request(Vars.of(auth));
    }

    /** The credential's attributes, with tokens fetched earlier for the same credential and URL over them. */
    private Map<String, String> credential(Vars vars) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (vars.get("credential") instanceof Map<?, ?> given) {
            given.forEach((name, value) -> {
                if (!NOT_ATTRIBUTES.contains(String.valueOf(name)) && value != null && !(value instanceof Map)) {
                    attributes.put(String.valueOf(name), JsValues.text(value));
                }
            });
        }
        attributes.putAll(refreshed.getOrDefault(cacheKey(vars), Map.of()));
        return attributes;
    }

    /** A header group with each attribute name (a whole word, any case) replaced once by its value. */
    private static Map<String, Object> substituted(Vars vars, String group, Map<String, String> credential) {
        Map<String, Object> headers = new LinkedHashMap<>();
        vars.group(group).forEach((name, value) -> {
            Object header = value;
            if (value != null && !(value instanceof Map) && !(value instanceof List)) {
                String text = JsValues.text(value);
                for (Map.Entry<String, String> attribute : credential.entrySet()) {
                    Matcher word = Pattern.compile("\\b" + Pattern.quote(attribute.getKey()) + "\\b",
                            Pattern.CASE_INSENSITIVE).matcher(text);
                    text = word.replaceFirst(Matcher.quoteReplacement(attribute.getValue()));
                }
                header = text;
            }
            headers.put(name, header);
        });
        return headers;
    }

    private static Vars withGroup(Vars vars, String group, Map<String, Object> values) {
        Map<String, Object> copy = new LinkedHashMap<>(vars.asMap());
        copy.put(group, values);
        return Vars.of(copy);
    }

    private static String tokenPath(Vars vars) {
        String path = JsValues.string(vars.get(AUTHENTICATION_TOKEN_PATH.name()));
        return JsValues.truthy(path) ? JsValues.trim(path) : "accessToken";
    }

    private static String cacheKey(Vars vars) {
        return JsValues.string(vars.get("credential.name")) + " " + JsValues.string(vars.get(AUTHENTICATION_URL.name()));
    }
}
