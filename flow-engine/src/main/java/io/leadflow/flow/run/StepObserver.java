package io.leadflow.flow.run;

import io.leadflow.flow.Flow;
import io.leadflow.flow.StepResult;

/** Told about every step that finished, for metrics. Must be cheap and must not throw. */
public interface StepObserver {

    void stepFinished(Flow flow, StepResult result);
}
