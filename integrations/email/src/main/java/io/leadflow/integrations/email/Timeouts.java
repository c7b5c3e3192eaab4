package io.leadflow.integrations.email;

import io.leadflow.integration.TypedValue;
import io.leadflow.integration.Vars;
import java.time.Duration;

/** The {@code timeout_seconds} variable (the platform gives the step's timeout) as a duration; 10 s when absent. */
final class Timeouts {

    static final Duration DEFAULT = Duration.ofSeconds(10);

    private Timeouts() {
    }

    /** The duration, {@link Duration#ZERO} when the variable is not a number (validation refuses that). */
    static Duration of(Vars vars, String name) {
        Object value = vars.get(name);
        if (value instanceof TypedValue typed) {
            value = typed.outboundValue();
        }
        if (value == null) {
            return DEFAULT;
        }
        try {
            double seconds = value instanceof Number number ? number.doubleValue() : Double.parseDouble(value.toString());
            return Double.isFinite(seconds) ? Duration.ofMillis(Math.round(seconds * 1000)) : Duration.ZERO;
        } catch (NumberFormatException e) {
            return Duration.ZERO;
        }
    }
}
