package io.leadflow.flow;

import java.time.Duration;

/**
 * A source allowed to submit leads to a flow. A disabled source is refused; {@code responseTimeout} bounds how long
 * a {@code sync} answer waits for the lead's completion; {@code verbose} answers also carry the appended data.
 */
public record SourceDefinition(String id, String name, boolean enabled, ResponseMode response,
                               Duration responseTimeout, boolean verbose) {
}
