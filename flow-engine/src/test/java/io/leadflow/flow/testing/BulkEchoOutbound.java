package io.leadflow.flow.testing;

import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationEvent;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import io.leadflow.integration.Vars;
import java.util.List;
import java.util.Optional;

/** A test integration, {@code test.outbound.bulk}: {@code test.outbound.echo} that also takes batches. */
public final class BulkEchoOutbound extends TextLinesOutbound implements BulkHttpOutbound {

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

    @Override
    public Optional<OutboundRequest> bulkRequest(List<OutboundRequest> requests) {
        return joinedBodies(requests);
    }

    @Override
    public Optional<List<OutboundResponse>> split(OutboundResponse bulk, int leads) {
        return splitAnswer(bulk, leads);
    }
}
