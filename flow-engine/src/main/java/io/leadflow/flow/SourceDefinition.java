package io.leadflow.flow;

import java.time.Duration;
import java.util.List;

/**
 * A source allowed to submit leads to a flow. A disabled source is refused; {@code responseTimeout} bounds how long
 * a {@code sync} answer waits for the lead's completion; {@code verbose} answers also carry the appended data.
 * {@code auth} (null: none) and {@code allowedIps} (empty: any address) guard it; {@code acceptance} is checked
 * after the flow's own criteria.
 */
public record SourceDefinition(String id, String name, boolean enabled, ResponseMode response,
                               Duration responseTimeout, boolean verbose, SourceAuth auth, List<IpRange> allowedIps,
                               Acceptance.Criteria acceptance) {

    public SourceDefinition {
        allowedIps = List.copyOf(allowedIps);
        acceptance = acceptance == null ? Acceptance.Criteria.NONE : acceptance;
    }

    /** An open source: no auth, any address, no acceptance criteria of its own. */
    public SourceDefinition(String id, String name, boolean enabled, ResponseMode response, Duration responseTimeout,
                            boolean verbose) {
        this(id, name, enabled, response, responseTimeout, verbose, null, List.of(), Acceptance.Criteria.NONE);
    }
}
