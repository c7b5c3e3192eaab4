package io.leadflow.flow.run;

import io.leadflow.flow.LeadStop;
import io.leadflow.integration.Outcome;

/**
 * How a lead ends its flow's first pass, as the source is told: the outcome and reason of whatever stopped it, else
 * success. Recipients' own outcomes do not change it (a filter after a recipient can); the price paid to the source
 * is 0 until pricing exists.
 */
public record LeadCompletion(Outcome outcome, String reason, double price) {

    public static LeadCompletion after(LeadStop stop) {
        return stop == null ? new LeadCompletion(Outcome.SUCCESS, null, 0.0)
                : new LeadCompletion(stop.outcome(), stop.reason(), 0.0);
    }
}
