package io.leadflow.integration;

/**
 * A module that builds one HTTP request and reads its response; the platform sends the request and handles
 * transport, authentication, timeouts, the SSRF guard, masking and metrics.
 *
 * <p>Both methods are pure functions of their arguments and must not do I/O. A transport problem (connection
 * refused, timeout) never reaches {@link #response}: the platform reports it as outcome {@code error} itself.
 */
public interface HttpOutbound extends IntegrationModule {

    /** The request for these (validated) variables. */
    OutboundRequest request(Vars vars);

    /** The event for the response the recipient gave to {@code request}; any HTTP status reaches here. */
    IntegrationEvent response(Vars vars, OutboundRequest request, OutboundResponse response);
}
