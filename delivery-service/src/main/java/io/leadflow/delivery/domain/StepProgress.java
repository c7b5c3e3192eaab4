package io.leadflow.delivery.domain;

/**
 * How many attempts of a lead's recipient step are published, and whether another one is scheduled
 * ({@code finished} when not). Recorded with the attempt, so a repeated retry finds it done.
 */
public record StepProgress(String leadId, String stepId, int attempts, boolean finished) {

    public static StepProgress none(String leadId, String stepId) {
        return new StepProgress(leadId, stepId, 0, false);
    }
}
