package io.leadflow.flow.testing;

import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Vars;

/** A test integration, {@code test.outbound.bulk}: {@code test.outbound.echo} that also takes batches. */
public final class BulkEchoOutbound extends TextLinesOutbound implements SeparatedBatches {

    private final EchoOutbound echo = new EchoOutbound();

    /** The {@code test} package with both echo integrations. */
    public static IntegrationCatalog catalog() {
        return catalogOf(new EchoOutbound(), new BulkEchoOutbound());
    }

    @Override
    public String id() {
        return "test.outbound.bulk";
    }

    @Override
    public IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response) {
        return echo.response(vars, request, response);
    }
}
