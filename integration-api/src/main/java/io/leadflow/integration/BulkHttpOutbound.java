package io.leadflow.integration;

import java.util.List;
import java.util.Optional;

/**
 * An {@link HttpOutbound} whose recipients also take several leads in one request (a recipient step's
 * {@code batch}): the platform builds each lead's request as usual, asks the module to join those that go to the same
 * method and URL into one bulk request, sends it, and asks the module to split the bulk response into one response
 * per lead, which {@link #response} then reads as that lead's own answer.
 *
 * <p>Both methods are pure functions of their arguments and must not do I/O; like the others, they throw only for
 * bugs. Error contract: when the requests cannot go as one ({@link #bulkRequest} empty) the platform sends them one
 * by one; when the bulk response does not hold one result per lead ({@link #split} empty) the platform passes the
 * whole response to {@link #response} for each lead if its status is not 2xx (a 5xx is then each lead's
 * {@code error}), and makes each lead's outcome {@code error} if it is.
 */
public interface BulkHttpOutbound extends HttpOutbound {

    /** One request carrying these leads' requests (same method and URL, in this order), or empty if they cannot. */
    Optional<OutboundRequest> bulkRequest(List<OutboundRequest> requests);

    /** The response to a bulk request of {@code leads} leads as one response per lead, in request order. */
    Optional<List<OutboundResponse>> split(OutboundResponse bulk, int leads);
}
