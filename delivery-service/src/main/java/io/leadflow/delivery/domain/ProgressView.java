package io.leadflow.delivery.domain;

import java.util.Optional;

/** The recorded progress of the leads in the partitions this process owns. */
public interface ProgressView {

    Optional<FirstPassProgress> firstPass(String leadId);

    Optional<StepProgress> step(String leadId, String stepId);
}
