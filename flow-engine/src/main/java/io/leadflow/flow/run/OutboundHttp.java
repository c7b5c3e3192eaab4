package io.leadflow.flow.run;

import io.leadflow.integration.OutboundRequest;
import io.leadflow.integration.OutboundResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Sends the HTTP requests integration modules build. Completes with any response the recipient gave (any status),
 * or exceptionally with an {@link OutboundCallException} when no response arrived (refused, timed out, private
 * address refused, response too large). Non-blocking.
 */
public interface OutboundHttp {

    CompletableFuture<OutboundResponse> send(OutboundRequest request, Duration timeout);
}
