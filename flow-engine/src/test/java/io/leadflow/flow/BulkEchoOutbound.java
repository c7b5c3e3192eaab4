package io.leadflow.flow;

import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.IntegrationModule;
import io.leadflow.integration.IntegrationPackage;
import io.leadflow.integration.IntegrationSettings;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.VariableSpec;
import io.leadflow.integration.Vars;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A test integration, {@code test.outbound.bulk}: {@code test.outbound.echo} that also takes batches, the leads'
 * bodies joined by {@value #SEPARATOR} and the answer split by it (one part per lead, else no split).
 */
public final class BulkEchoOutbound implements BulkHttpOutbound {

    public static final String SEPARATOR = "\n---\n";

    private final EchoOutbound echo = new EchoOutbound();

    /** Both test integrations. */
    public static IntegrationCatalog catalog() {
        return new IntegrationCatalog(List.of(new IntegrationPackage() {
            @Override
            public String name() {
                return "test";
            }

            @Override
            public List<IntegrationModule> modules(IntegrationSettings settings) {
                return List.of(new EchoOutbound(), new BulkEchoOutbound());
            }
        }), IntegrationSettings.defaults());
    }

    @Override
    public String id() {
        return "test.outbound.bulk";
    }

    @Override
    public List<VariableSpec> requestVariables() {
        return echo.requestVariables();
    }

    @Override
    public List<VariableSpec> responseVariables() {
        return echo.responseVariables();
    }

    @Override
    public Optional<String> validate(Vars vars) {
        return echo.validate(vars);
    }

    @Override
    public OutboundRequest request(Vars vars) {
        return echo.request(vars);
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return echo.response(vars, request, response);
    }

    @Override
    public Optional<OutboundRequest> bulkRequest(List<OutboundRequest> requests) {
        OutboundRequest first = requests.get(0);
        return Optional.of(new OutboundRequest(first.method(), first.url(), first.headers(),
                requests.stream().map(OutboundRequest::body).collect(Collectors.joining(SEPARATOR)), false));
    }

    @Override
    public Optional<List<OutboundResponse>> split(OutboundResponse bulk, int leads) {
        String[] parts = bulk.body().split(SEPARATOR, -1);
        return parts.length != leads ? Optional.empty() : Optional.of(Arrays.stream(parts)
                .map(part -> new OutboundResponse(bulk.status(), bulk.headers(), part)).toList());
    }
}
