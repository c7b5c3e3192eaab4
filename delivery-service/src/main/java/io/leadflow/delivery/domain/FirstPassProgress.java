package io.leadflow.delivery.domain;

import io.leadflow.flow.StepResult;
import java.util.List;

/**
 * How far a lead's first pass got: the delivery steps done so far in flow order, whether its completion is published
 * and whether every delivery step ran. Recorded with the events it accounts for, so a repeat resumes after them.
 */
public record FirstPassProgress(String leadId, List<StepResult> steps, boolean completed, boolean delivered) {

    public static FirstPassProgress none(String leadId) {
        return new FirstPassProgress(leadId, List.of(), false, false);
    }

    /** The pass is over: the steps are no longer needed, only that nothing is left to do. */
    public static FirstPassProgress done(String leadId) {
        return new FirstPassProgress(leadId, List.of(), true, true);
    }

    public boolean isDone() {
        return completed && delivered;
    }
}
