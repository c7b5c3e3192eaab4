package io.leadflow.flow.run;

import io.leadflow.flow.Flow;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;

/** Told about every step that finished and every cache lookup, for metrics. Must be cheap and must not throw. */
public interface StepObserver {

    void stepFinished(Flow flow, StepResult result);

    /** A step with a {@code cache_ttl} looked for a kept answer: {@code hit} when it found one. */
    default void cacheLookedUp(Flow flow, StepDefinition step, boolean hit) {
    }
}
