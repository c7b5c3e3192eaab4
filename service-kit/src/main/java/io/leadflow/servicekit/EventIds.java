package io.leadflow.servicekit;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Event ids derived from what caused the event, so processing the same input twice yields the same ids and
 * downstream consumers can drop the repeat.
 */
public final class EventIds {

    private EventIds() {
    }

    /** A name-based UUID of the parts, e.g. {@code derived("lead-enhanced", causationId)}. */
    public static String derived(String... parts) {
        return UUID.nameUUIDFromBytes(String.join("|", parts).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
