package io.leadflow.flow.testing;

import io.leadflow.integration.BulkHttpOutbound;
import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Batches of a test integration: one request with the first lead's method, URL and headers and the leads' bodies
 * joined by {@value #SEPARATOR}; the answer split by it, one part per lead (else no split).
 */
public interface SeparatedBatches extends BulkHttpOutbound {

    /** Between the leads' bodies of a batch, and between their answers. */
    String SEPARATOR = "\n---\n";

    @Override
    default Optional<OutboundRequest> bulkRequest(List<OutboundRequest> requests) {
        OutboundRequest first = requests.get(0);
        return Optional.of(new OutboundRequest(first.method(), first.url(), first.headers(),
                requests.stream().map(OutboundRequest::body).collect(Collectors.joining(SEPARATOR)), false));
    }

    @Override
    default Optional<List<OutboundResponse>> split(OutboundResponse bulk, int leads) {
        List<String> parts = List.of(bulk.body().split(SEPARATOR, -1));
        return parts.size() != leads ? Optional.empty() : Optional.of(parts.stream()
                .map(part -> new OutboundResponse(bulk.status(), bulk.headers(), part)).toList());
    }
}
