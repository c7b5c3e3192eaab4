package io.leadflow.flow.run;

import io.leadflow.flow.Flow;
import io.leadflow.flow.StepResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Step outcomes and latency as the timer {@code leadflow.<service>.step.duration} (a histogram), tagged with flow,
 * step, integration and outcome; its count is the number of steps with that outcome.
 */
public final class StepMetrics implements StepObserver {

    private final MeterRegistry registry;
    private final String name;

    public StepMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.name = "leadflow." + service + ".step.duration";
    }

    @Override
    public void stepFinished(Flow flow, StepResult result) {
        Timer.builder(name)
                .description("Duration of flow steps, by outcome")
                .tag("flow", flow.id())
                .tag("step", result.stepId())
                .tag("integration", result.integration() == null ? "none" : result.integration())
                .tag("outcome", result.outcome().wireName())
                .publishPercentileHistogram()
                .register(registry)
                .record(result.duration());
    }
}
