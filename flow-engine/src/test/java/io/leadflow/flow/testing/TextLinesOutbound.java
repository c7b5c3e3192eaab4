package io.leadflow.flow.testing;

import io.leadflow.integration.HttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.TypedValue;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the test integrations share: they POST {@code field.*} as {@code name=value} lines to {@code url} and append the
 * answer's body as {@code answer}; those that take batches add {@link SeparatedBatches}.
 */
public abstract class TextLinesOutbound implements HttpOutbound {

    /** A catalog of one package, {@code test}, that offers these modules. */
    public static IntegrationCatalog catalogOf(IntegrationModule... modules) {
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
}
