package io.leadflow.integrations.defaults;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TargetUrl;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code default.outbound.standard} ("LeadConduit Standard"): delivers the whole lead to another flow's submit URL,
 * in Leadflow or LeadConduit, as a form POST or a GET query, and reads the answer (JSON or XML) as the event.
 */
public final class StandardOutbound implements HttpOutbound {

    static final VariableSpec URL = VariableSpec.required("url", "string", "The other flow's submit URL");
    private static final VariableSpec METHOD = VariableSpec.optional("method", "string", "POST",
            "HTTP method: GET or POST");
    private static final VariableSpec DEFAULT_OUTCOME = VariableSpec.optional("default_outcome", "string", "error",
            "Outcome when the answer carries none: success, failure or error");
    private static final VariableSpec LEAD = VariableSpec.optional("lead.*", "wildcard",
            "The lead's fields (all of them unless mapped otherwise), sent by their dot names");
    private static final VariableSpec CUSTOM = VariableSpec.optional("default.custom.*", "wildcard",
            "More fields, sent over lead fields of the same name (empty values are not sent)");
    private static final VariableSpec PRICE = VariableSpec.optional("price", "number", "0", "The price of the lead");
    static final String ACCEPT = "application/json;q=0.9,text/xml;q=0.8,application/xml;q=0.7";
    private static final Pattern OUTCOME = Pattern.compile("success|failure|error");

    private final boolean allowPrivateNetworks;

    public StandardOutbound(IntegrationSettings settings) {
        this.allowPrivateNetworks = settings.allowPrivateNetworks();
    }

    @Override
    public String id() {
        return "default.outbound.standard";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return List.of(URL, METHOD, DEFAULT_OUTCOME, LEAD, CUSTOM, PRICE);
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(
                VariableSpec.optional("outcome", "string", "The other flow's outcome"),
                VariableSpec.optional("reason", "string", "Its reason"),
                VariableSpec.optional("price", "number", "The price it paid"),
                VariableSpec.optional("*", "wildcard", "Everything else its answer carried (lead.id, ...)"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        String defaultOutcome = text(vars.get(DEFAULT_OUTCOME.name()));
        if (defaultOutcome != null && !OUTCOME.matcher(defaultOutcome).find()) {
            return Optional.of("default outcome must be \"success\", \"failure\" or \"error\"");
        }
        String url = text(vars.get(URL.name()));
        if (url == null) {
            return Optional.of("URL is required");
        }
        Optional<TargetUrl> target = TargetUrl.parse(url);
        if (target.isEmpty()) {
            return Optional.of("URL must be valid");
        }
        if (!allowPrivateNetworks && !target.get().isPublic()) {
            return Optional.of("URL must be public");
        }
        String method = method(vars);
        if (!method.equals("GET") && !method.equals("POST")) {
            return Optional.of("Unsupported HTTP method - use GET or POST");
        }
        return Optional.empty();
    }

    @Override
    public OutboundRequest request(Vars vars) {
        Map<String, String> data = new LinkedHashMap<>();
        vars.group("lead").forEach((name, value) -> data.put(name, value == null ? "" : FormText.of(outbound(value))));
        vars.group("default.custom").forEach((name, value) -> {
            Object plain = outbound(value);
            if (FormText.truthy(plain)) {
                data.put(name, FormText.of(plain));
            }
        });
        Object price = outbound(vars.get(PRICE.name()));
        data.put("price", FormText.truthy(price) ? FormText.of(price) : "0");

        String url = text(vars.get(URL.name()));
        Map<String, String> headers = new LinkedHashMap<>();
        if (method(vars).equals("GET")) {
            headers.put("Accept", ACCEPT);
            return new OutboundRequest("GET", FormText.withQuery(url, data), headers, null, false);
        }
        String body = FormText.encode(data);
        headers.put("Content-Type", "application/x-www-form-urlencoded");
        headers.put("Content-Length", String.valueOf(body.length()));
        headers.put("Accept", ACCEPT);
        return new OutboundRequest("POST", url, headers, body, false);
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        String contentType = response.header("Content-Type");
        if (contentType == null) {
            return IntegrationEvent.of(Outcome.ERROR, "No Content-Type specified in server response");
        }
        Optional<String> mimeType = AnswerDocument.supportedMimeType(contentType);
        if (mimeType.isEmpty()) {
            return IntegrationEvent.of(Outcome.ERROR, "Unsupported Content-Type specified in server response");
        }
        Map<String, Object> answer = AnswerDocument.parse(response.body(), mimeType.get());
        Object outcome = answer.get("outcome");
        if (outcome == null) {
            String defaultOutcome = text(vars.get(DEFAULT_OUTCOME.name()));
            Object reason = FormText.truthy(answer.get("reason")) ? answer.get("reason")
                    : FormText.truthy(answer.get("message")) ? answer.get("message") : "Unrecognized response";
            return IntegrationEvent.of(outcome(defaultOutcome == null ? "error" : defaultOutcome),
                    FormText.of(reason));
        }
        Map<String, Object> appended = new LinkedHashMap<>(answer);
        appended.keySet().removeAll(List.of("outcome", "reason", "price", "reference"));
        Object reason = answer.get("reason");
        return new IntegrationEvent(outcome(FormText.of(outcome)), reason == null ? null : FormText.of(reason),
                answer.get("price"), answer.get("reference"), appended);
    }

    /** An outcome as the other flow wrote it; anything unknown is an error (the event keeps the reason). */
    private static Outcome outcome(String text) {
        Outcome outcome = Outcome.fromWireName(text);
        return outcome == null || outcome == Outcome.SKIP ? Outcome.ERROR : outcome;
    }

    private static String method(Vars vars) {
        String method = text(vars.get(METHOD.name()));
        return method == null ? "POST" : method.toUpperCase(Locale.ROOT);
    }

    /** A typed value's normal form when valid, else what the source sent. */
    private static Object outbound(Object value) {
        return value instanceof TypedValue typed ? typed.outboundValue() : value;
    }

    private static String text(Object value) {
        Object plain = outbound(value);
        return plain == null || plain instanceof Map ? null : FormText.of(plain);
    }
}
