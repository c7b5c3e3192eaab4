package io.leadflow.delivery.domain;

import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepResult;
import io.leadflow.servicekit.EventIds;
import java.time.Instant;
import java.util.List;

/**
 * A recipient step's next attempt, due at {@code dueAt}, with the lead as the first pass saw it before that step
 * ({@code priorSteps}); with {@code stepId} null, a whole first pass to run again (a dead-letter replay, {@code stop}
 * and {@code priorSteps} as the LeadEnhanced had them). {@code scheduleStart} is the attempt the current schedule began
 * with and {@code firstAttemptAt} when: max_attempts and max_age count from there.
 */
public record ScheduledRetry(String eventId, String causationId, Instant occurredAt, String enhancedEventId, Lead lead,
                             List<StepResult> priorSteps, LeadStop stop, String stepId, int attempt, int scheduleStart,
                             Instant firstAttemptAt, Instant dueAt, String reason, String replayOf) {

    /** The attempt after {@code attempt} of the step, due at {@code dueAt}; caused by {@code attempt}'s event. */
    static ScheduledRetry next(String causationId, Instant now, String enhancedEventId, Lead lead,
                               List<StepResult> priorSteps, String stepId, int attempt, int scheduleStart,
                               Instant firstAttemptAt, Instant dueAt, String reason) {
        String eventId = EventIds.derived("retry-scheduled", enhancedEventId, stepId, String.valueOf(attempt + 1));
        return new ScheduledRetry(eventId, causationId, now, enhancedEventId, lead, List.copyOf(priorSteps), null,
                stepId, attempt + 1, scheduleStart, firstAttemptAt, dueAt, reason, null);
    }

    /** This retry as a dead letter's replay: a fresh schedule from {@code now}, due at once. */
    public ScheduledRetry replayed(String deadLetterId, Instant now) {
        return new ScheduledRetry(EventIds.derived("retry-scheduled", deadLetterId, "replay"), deadLetterId, now,
                enhancedEventId, lead, priorSteps, stop, stepId, attempt, attempt, now, now, "Replay", deadLetterId);
    }

    public boolean isFirstPass() {
        return stepId == null;
    }
}
