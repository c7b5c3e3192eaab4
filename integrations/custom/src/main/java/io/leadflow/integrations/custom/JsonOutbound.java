package io.leadflow.integrations.custom;

import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code custom.outbound.json}: posts {@code json_property.*} as a JSON document (or stuffed into a form parameter)
 * and reads the response with the custom response rules. In batches, the documents go as one JSON array and the
 * answer is an array of one result per lead, in the same order.
 */
public final class JsonOutbound implements BulkHttpOutbound {

    private static final VariableSpec CREDENTIAL_ID = VariableSpec.optional("credential_id", "credential",
            "A user credential whose username and password are sent as HTTP Basic authentication");
    private static final VariableSpec METHOD = VariableSpec.optional("method", "string", "POST",
            "HTTP method: POST, PUT, DELETE or PATCH");
    private static final VariableSpec JSON_PROPERTY = VariableSpec.optional("json_property.*", "wildcard",
            "JSON property in dot notation (numeric segments build arrays; all-numeric top keys a root array)");
    private static final VariableSpec JSON_PARAMETER = VariableSpec.optional("json_parameter", "string",
            "Send form-encoded instead, with the JSON document in this parameter");
    private static final VariableSpec NESTED_EXTRA_PARAMETER = VariableSpec.optional("nested_extra_parameter.*",
            "wildcard", "With json_parameter: each top-level name sent as its own JSON-encoded parameter");
    private static final VariableSpec EXTRA_PARAMETER = VariableSpec.optional("extra_parameter.*", "wildcard",
            "With json_parameter: more form parameters, sent after the JSON");
    private static final VariableSpec FOLLOW_REDIRECTS = VariableSpec.optional("follow_redirects", "boolean", "false",
            "Follow redirects");
    private static final List<String> METHODS = List.of("POST", "PUT", "DELETE", "PATCH");
    private static final String CONTENT_TYPE = "application/json; charset=utf-8";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    private final RequestValidator validator;
    private final ResponseParser responseParser;

    public JsonOutbound(RequestValidator validator, ResponseParser responseParser) {
        this.validator = validator;
        this.responseParser = responseParser;
    }

    @Override
    public String id() {
        return "custom.outbound.json";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return Stream.of(
                        List.of(CREDENTIAL_ID, RequestValidator.URL, METHOD),
                        RequestHeaders.BASIC_AUTH,
                        List.of(JSON_PROPERTY, JSON_PARAMETER, NESTED_EXTRA_PARAMETER, EXTRA_PARAMETER,
                                FOLLOW_REDIRECTS, MappingTree.SEND_ASCII, RequestHeaders.HEADER),
                        ResponseParser.VARIABLES)
                .flatMap(List::stream)
                .toList();
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return ResponseParser.RESPONSE_VARIABLES;
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return validator.url(vars)
                .or(() -> validator.method(vars, METHOD, METHODS))
                .or(() -> validator.outcome(vars))
                .or(() -> validator.headers(vars, "json"));
    }

    @Override
    public OutboundRequest request(Vars vars) {
        String json = JsonText.stringify(document(vars));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", CONTENT_TYPE);
        headers.put("Accept", RequestHeaders.ACCEPT);
        authorization(vars).ifPresent(value -> headers.put("Authorization", value));

        String body = json;
        String parameter = JsValues.string(vars.get(JSON_PARAMETER.name()));
        if (JsValues.truthy(parameter)) {
            body = FormParameters.stuffed(parameter, isEmptyDocument(json) ? null : json,
                    nestedParameters(vars), extraParameters(vars));
            headers.put("Content-Type", FormParameters.CONTENT_TYPE);
        }
        String method = JsValues.string(vars.get(METHOD.name()));
        return new OutboundRequest(JsValues.truthy(method) ? method.toUpperCase(Locale.ROOT) : "POST",
                JsValues.string(vars.get(RequestValidator.URL.name())),
                RequestHeaders.merge(headers, vars), body, vars.flag(FOLLOW_REDIRECTS.name(), false));
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return responseParser.parse(vars, response);
    }

    /** JSON documents to the same method, URL and headers (Idempotency-Key aside) go as one array of them. */
    @Override
    public Optional<OutboundRequest> bulkRequest(List<OutboundRequest> requests) {
        OutboundRequest first = requests.get(0);
        boolean joinable = requests.stream().allMatch(request -> request.body() != null
                && CONTENT_TYPE.equals(request.headers().get("Content-Type"))
                && request.method().equals(first.method()) && request.url().equals(first.url())
                && withoutKey(request.headers()).equals(withoutKey(first.headers())));
        if (!joinable) {
            return Optional.empty();
        }
        String body = requests.stream().map(OutboundRequest::body).collect(Collectors.joining(",", "[", "]"));
        return Optional.of(new OutboundRequest(first.method(), first.url(), withoutKey(first.headers()), body,
                first.followRedirects()));
    }

    /** A JSON array of exactly one item per lead: each item is that lead's answer, with the bulk's status. */
    @Override
    public Optional<List<OutboundResponse>> split(OutboundResponse bulk, int leads) {
        JsonNode items;
        try {
            items = JSON.readTree(bulk.body());
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (items == null || !items.isArray() || items.size() != leads) {
            return Optional.empty();
        }
        return Optional.of(items.valueStream()
                .map(item -> new OutboundResponse(bulk.status(), bulk.headers(), JSON.writeValueAsString(item)))
                .toList());
    }

    private static Map<String, String> withoutKey(Map<String, String> headers) {
        Map<String, String> rest = new LinkedHashMap<>(headers);
        rest.keySet().removeIf(name -> name.equalsIgnoreCase(IDEMPOTENCY_KEY));
        return rest;
    }

    /** {@code json_property.*} nested; when every top-level key is all digits the document is an array. */
    private static Object document(Vars vars) {
        Map<String, Object> object = MappingTree.normalize(vars, JSON_PROPERTY, MappingTree.sendAscii(vars));
        if (object.keySet().stream().allMatch(key -> DIGITS.matcher(key).matches())) {
            MappingTree.SparseArray array = new MappingTree.SparseArray();
            object.forEach((key, value) -> {
                if (JsValues.isArrayIndex(key)) {
                    array.items().put(Long.parseLong(key), value);
                }
            });
            return MappingTree.compact(array);
        }
        return MappingTree.compact(object);
    }

    /** The user credential that credential_id names (the platform resolves it) wins over basic_username/password. */
    private static Optional<String> authorization(Vars vars) {
        if ("user".equals(JsValues.string(vars.get("credential.type")))) {
            return Optional.of(RequestHeaders.basic(JsValues.string(vars.get("credential.username")),
                    JsValues.string(vars.get("credential.password"))));
        }
        return RequestHeaders.basicAuthorization(vars);
    }

    private static boolean isEmptyDocument(String json) {
        return json.equals("{}") || json.equals("[]");
    }

    /** Each top-level {@code nested_extra_parameter} name with its value as JSON. */
    private static Map<String, Object> nestedParameters(Vars vars) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        MappingTree.normalize(vars, NESTED_EXTRA_PARAMETER, false)
                .forEach((name, value) -> parameters.put(name, JsonText.stringify(MappingTree.compact(value))));
        return parameters;
    }

    private static Map<String, Object> extraParameters(Vars vars) {
        return FormParameters.fields(vars, EXTRA_PARAMETER, false);
    }
}
