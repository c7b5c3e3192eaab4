package io.leadflow.enhancement.config;

import io.leadflow.enhancement.domain.Enhancer;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.References;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.flow.run.StepMetrics;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.integration.IntegrationCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the domain: the flow engine with the shared outbound HTTP client, reporting steps as enhancement metrics. */
@Configuration(proxyBeanMethods = false)
class EnhancementConfiguration {

    @Bean
    Enhancer enhancer(FlowCatalog flows, IntegrationCatalog integrations, OutboundHttp http, References references,
                      Clock clock, MeterRegistry registry) {
        StepRunner steps = new StepRunner(integrations, http, references, clock);
        return new Enhancer(flows, new FlowRunner(steps, new StepMetrics(registry, "enhancement"), clock), clock);
    }
}
