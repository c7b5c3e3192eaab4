package io.leadflow.delivery.domain;

import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Outcome;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A test integration, {@code test.outbound.answer}: POSTs {@code field.*} as {@code name=value} lines, by name, to
 * {@code url}. A 5xx answer is error "Server error", a body starting with "rejected" is failure with the body as
 * reason, any other body is success with the body appended as {@code answer}. In batches the leads' bodies are joined,
 * and the answer split, by {@value #SEPARATOR}.
 */
final class AnswerOutbound implements BulkHttpOutbound {

    static final String SEPARATOR = "\n---\n";

    static IntegrationCatalog catalog() {
        return new IntegrationCatalog(List.of(new IntegrationPackage() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<IntegrationModule> modules(IntegrationSettings settings) {
                return List.of(new AnswerOutbound());
            }
        }), IntegrationSettings.defaults());
    }

    @Override
    public String id() {
        return "test.outbound.answer";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return List.of(VariableSpec.required("url", "url", "Where to send the lead"),
                VariableSpec.optional("field.*", "wildcard", "Fields to send"));
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(VariableSpec.optional("answer", "string", "The answer's body"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return vars.text("url").isPresent() ? Optional.empty() : Optional.of("URL is required");
    }

    @Override
    public OutboundRequest request(Vars vars) {
        String body = vars.group("field").entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(field -> field.getKey() + "=" + (field.getValue() instanceof TypedValue typed
                        ? typed.outboundValue() : field.getValue()))
                .collect(Collectors.joining("\n"));
        return new OutboundRequest("POST", vars.text("url").orElseThrow(), Map.of("Content-Type", "text/plain"), body,
                false);
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        if (response.status() >= 500) {
            return IntegrationEvent.of(Outcome.ERROR, "Server error");
        }
        if (response.body().startsWith("rejected")) {
            return IntegrationEvent.of(Outcome.FAILURE, response.body());
        }
        return new IntegrationEvent(Outcome.SUCCESS, null, null, null, Map.of("answer", response.body()));
    }

    @Override
    public Optional<OutboundRequest> bulkRequest(List<OutboundRequest> requests) {
        OutboundRequest first = requests.get(0);
        return Optional.of(new OutboundRequest(first.method(), first.url(), first.headers(),
                requests.stream().map(OutboundRequest::body).collect(Collectors.joining(SEPARATOR)), false));
    }

    @Override
    public Optional<List<OutboundResponse>> split(OutboundResponse bulk, int leads) {
        List<String> parts = List.of(bulk.body().split(SEPARATOR, -1));
        return parts.size() != leads ? Optional.empty() : Optional.of(parts.stream()
                .map(part -> new OutboundResponse(bulk.status(), bulk.headers(), part)).toList());
    }
}
