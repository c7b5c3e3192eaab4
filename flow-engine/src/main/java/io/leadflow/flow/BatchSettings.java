package io.leadflow.flow;

import java.time.Duration;

/**
 * A recipient step's batching: leads go to a bulk endpoint {@code maxLeads} at a time, or fewer once the first of
 * them has waited {@code maxWait}.
 */
public record BatchSettings(int maxLeads, Duration maxWait) {
}
