package io.leadflow.flow;

import io.leadflow.integration.HttpOutbound;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A test integration, {@code test.outbound.echo}: POSTs {@code field.*} as {@code name=value} lines; the answer's
 * body decides: "accepted" is success, anything else failure with the body as reason; 5xx is error. It appends
 * {@code answer} (the body) and {@code echo.<name>} of every sent field.
 */
public final class EchoOutbound implements HttpOutbound {

    public static IntegrationCatalog catalog() {
        return new IntegrationCatalog(List.of(new IntegrationPackage() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<IntegrationModule> modules(IntegrationSettings settings) {
                return List.of(new EchoOutbound());
            }
        }), IntegrationSettings.defaults());
    }

    @Override
    public String id() {
        return "test.outbound.echo";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return List.of(VariableSpec.required("url", "url", "Where to send"),
                VariableSpec.optional("field.*", "wildcard", "Fields to send"));
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return List.of(VariableSpec.optional("answer", "string", "The body"));
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return vars.text("url").isPresent() ? Optional.empty() : Optional.of("URL is required");
    }

    @Override
    public OutboundRequest request(Vars vars) {
        String body = vars.group("field").entrySet().stream()
                .map(entry -> entry.getKey() + "=" + sent(entry.getValue()))
                .collect(Collectors.joining("\n"));
        return new OutboundRequest("POST", vars.text("url").orElseThrow(), Map.of("Content-Type", "text/plain"), body,
                false);
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        if (response.status() >= 500) {
            return IntegrationEvent.of(Outcome.ERROR, "Server error");
        }
        Map<String, Object> appended = new LinkedHashMap<>();
        appended.put("answer", response.body());
        Map<String, Object> echo = new LinkedHashMap<>();
        vars.group("field").forEach((name, value) -> echo.put(name, sent(value)));
        appended.put("echo", echo);
        boolean accepted = response.body().equals("accepted");
        return new IntegrationEvent(accepted ? Outcome.SUCCESS : Outcome.FAILURE, accepted ? null : response.body(),
                accepted ? "7.5" : null, accepted ? "ref-1" : null, appended);
    }

    private static String sent(Object value) {
        return value instanceof TypedValue typed ? String.valueOf(typed.outboundValue()) : String.valueOf(value);
    }
}
