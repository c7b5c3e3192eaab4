package io.leadflow.flow.run;

import io.leadflow.flow.Flow;
import io.leadflow.flow.StepDefinition;
import io.leadflow.flow.StepResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Step outcomes and latency as the timer {@code leadflow.<service>.step.duration} (a histogram), tagged with flow,
 * step, integration and outcome; its count is the number of steps with that outcome. Cache lookups of steps with a
 * {@code cache_ttl} as the counter {@code leadflow.<service>.step.cache}, tagged flow, step, integration and result.
 */
public final class StepMetrics implements StepObserver {

    private final MeterRegistry registry;
    private final String name;
    private final String cacheName;

    public StepMetrics(MeterRegistry registry, String service) {
        this.registry = registry;
        this.name = "leadflow." + service + ".step.duration";
        this.cacheName = "leadflow." + service + ".step.cache";
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

    @Override
    public void cacheLookedUp(Flow flow, StepDefinition step, boolean hit) {
        Counter.builder(cacheName)
                .description("Cache lookups of enhancement steps with a cache_ttl: hit answered from the cache")
                .tag("flow", flow.id())
                .tag("step", step.id())
                .tag("integration", step.integration())
                .tag("result", hit ? "hit" : "miss")
                .register(registry)
                .increment();
    }
}
