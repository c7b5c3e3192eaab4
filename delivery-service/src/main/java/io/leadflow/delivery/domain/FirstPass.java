package io.leadflow.delivery.domain;

import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.StepResult;
import java.util.List;

/**
 * A lead to run through its flow's delivery steps: the LeadEnhanced it came with ({@code enhancedEventId}), the
 * enhancement steps that ran and the stop they ended with (null when it may go on); {@code replayOf} names the dead
 * letter when this is a replay.
 */
public record FirstPass(String enhancedEventId, Lead lead, List<StepResult> enhancementSteps, LeadStop stop,
                        String replayOf, Origin origin) {
}
