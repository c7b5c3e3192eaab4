package io.leadflow.enhancement.config;

import io.leadflow.enhancement.domain.Enhancer;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.References;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.flow.run.StepCache;
import io.leadflow.flow.run.StepMetrics;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.integration.IntegrationCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the domain: the flow engine with the shared outbound HTTP client and the in-memory cache of enhancement
 * answers, reporting steps and cache lookups as enhancement metrics.
 */
@Configuration(proxyBeanMethods = false)
class EnhancementConfiguration {

    @Bean
    Enhancer enhancer(FlowCatalog flows, IntegrationCatalog integrations, OutboundHttp http, References references,
                      Clock clock, MeterRegistry registry) {
        StepMetrics metrics = new StepMetrics(registry, "enhancement");
        StepRunner steps = new StepRunner(integrations, http, references, clock,
                new StepCache(clock, StepCache.DEFAULT_MAXIMUM_ENTRIES, metrics));
        return new Enhancer(flows, new FlowRunner(steps, metrics, clock), clock);
    }
}
