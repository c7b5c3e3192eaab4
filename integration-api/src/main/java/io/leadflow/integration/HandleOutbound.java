package io.leadflow.integration;

import java.util.concurrent.CompletableFuture;

/**
 * A module that does its own I/O instead of building one request: SOAP (fetch a WSDL, then call an operation), a
 * token-authenticated API (fetch a token, call, refresh and call again), a local lookup.
 *
 * <p>Lifecycle: as every {@link IntegrationModule}, created once per process, thread-safe and stateless; for each step
 * run the platform renders the variables, calls {@link #validate} (a message skips the step) and then {@link #handle}
 * once. The platform applies the step's credential, the SSRF guard, the step's timeout and the response size limit to
 * every request sent through the {@link OutboundTransport}; a module reaches the network only through it.
 *
 * <p>Error contract: the future completes with an event for every answer a recipient gave, whatever its content
 * (business rejection is an event with outcome {@code failure}). It completes exceptionally when no event can be made:
 * with an {@link IntegrationException} whose message is the step's reason (safe to show: no secrets, no lead data), or
 * with whatever the transport failed with (connection refused, timeout: the platform words those). The platform turns
 * either into outcome {@code error}, which is retried. {@code handle} itself must not block and must not throw; an
 * exception thrown anyway is treated as a bug and reported as {@code error} without its message.
 */
public interface HandleOutbound extends IntegrationModule {

    /** Runs the module for these (validated) variables, sending whatever it needs through {@code transport}. */
    CompletableFuture<IntegrationEvent> handle(Vars vars, OutboundTransport transport);
}
