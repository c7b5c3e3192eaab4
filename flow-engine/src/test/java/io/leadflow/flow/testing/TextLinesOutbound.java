package io.leadflow.flow.testing;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the test integrations share: they POST {@code field.*} as {@code name=value} lines to {@code url}, append the
 * answer's body as {@code answer}, and in batches join the leads' bodies, and split the answer, by {@value #SEPARATOR}.
 */
public abstract class TextLinesOutbound implements HttpOutbound {

    /** Between the leads' bodies of a batch, and between their answers. */
    public static final String SEPARATOR = "\n---\n";

    /** A catalog of one package, {@code test}, that offers these modules. */
    static IntegrationCatalog catalogOf(IntegrationModule... modules) {
        return new IntegrationCatalog(List.of(new IntegrationPackage() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<IntegrationModule> modules(IntegrationSettings settings) {
                return List.of(modules);
            }
        }), IntegrationSettings.defaults());
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
        String body = sentFields(vars).entrySet().stream()
                .map(field -> field.getKey() + "=" + sent(field.getValue()))
                .collect(Collectors.joining("\n"));
        return new OutboundRequest("POST", vars.text("url").orElseThrow(), Map.of("Content-Type", "text/plain"), body,
                false);
    }

    /** The fields to send, in the order of their lines: as the flow lists them. */
    protected Map<String, Object> sentFields(Vars vars) {
        return vars.group("field");
    }

    /** A field's value as sent: a typed value's outbound form. */
    protected static String sent(Object value) {
        return value instanceof TypedValue typed ? String.valueOf(typed.outboundValue()) : String.valueOf(value);
    }

    /** One request for a batch: the first lead's method, URL and headers, the bodies joined by the separator. */
    protected static Optional<OutboundRequest> joinedBodies(List<OutboundRequest> requests) {
        OutboundRequest first = requests.get(0);
        return Optional.of(new OutboundRequest(first.method(), first.url(), first.headers(),
                requests.stream().map(OutboundRequest::body).collect(Collectors.joining(SEPARATOR)), false));
    }

    /** The batch's answer split by the separator, one part per lead; empty when the parts do not match the leads. */
    protected static Optional<List<OutboundResponse>> splitAnswer(OutboundResponse bulk, int leads) {
        List<String> parts = List.of(bulk.body().split(SEPARATOR, -1));
        return parts.size() != leads ? Optional.empty() : Optional.of(parts.stream()
                .map(part -> new OutboundResponse(bulk.status(), bulk.headers(), part)).toList());
    }
}
