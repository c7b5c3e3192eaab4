package io.leadflow.integration;

import java.util.concurrent.CompletableFuture;

/**
 * The platform's HTTP client as a {@link HandleOutbound} module sees it: sends one request with the step's credential,
 * timeout, SSRF guard and response size limit. Completes with any response (any status), or exceptionally when none
 * arrived; never blocks.
 */
public interface OutboundTransport {

    CompletableFuture<OutboundResponse> send(OutboundRequest request);
}
