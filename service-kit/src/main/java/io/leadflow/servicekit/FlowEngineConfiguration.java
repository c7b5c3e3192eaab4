package io.leadflow.servicekit;

import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.FlowLoader;
import io.leadflow.flow.References;
import io.leadflow.flow.http.ReactorOutboundHttp;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.integration.IntegrationSettings;
import java.time.Clock;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/** The flows, the integration catalog and the outbound HTTP client, as beans every service shares. */
@AutoConfiguration
@EnableConfigurationProperties(LeadflowProperties.class)
public class FlowEngineConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FlowEngineConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** {@code ${env:NAME}} reads the Spring environment (OS environment, system properties, ...), so tests can set it. */
    @Bean
    References references(LeadflowProperties properties, Environment environment) {
        return new References(environment::getProperty, properties.secretsDir());
    }

    @Bean
    IntegrationCatalog integrationCatalog(LeadflowProperties properties) {
        String listsUrl = properties.listsUrl() == null || properties.listsUrl().isBlank() ? null : properties.listsUrl();
        return IntegrationCatalog.load(new IntegrationSettings(properties.outbound().allowPrivateNetworks(), listsUrl,
                properties.adminToken()));
    }

    /** Loads and validates every flow at start; a bad flow stops the service with a message naming file and problem. */
    @Bean
    FlowCatalog flowCatalog(LeadflowProperties properties, IntegrationCatalog integrations, References references) {
        FlowCatalog flows = new FlowLoader(integrations, references).loadDirectory(properties.flowsDir());
        flows.all().forEach(flow -> log.info("Loaded flow {} revision {} ({} sources, {} steps)", flow.id(),
                flow.revision(), flow.sources().size(), flow.steps().size()));
        return flows;
    }

    /** The lists API the deployment configured is reached even on a private address; flows' URLs stay guarded. */
    @Bean(destroyMethod = "close")
    OutboundHttp outboundHttp(LeadflowProperties properties) {
        Set<String> trusted = properties.listsUrl() == null || properties.listsUrl().isBlank() ? Set.of()
                : Set.of(properties.listsUrl());
        return new ReactorOutboundHttp(properties.outbound().allowPrivateNetworks(),
                properties.outbound().maxConnections(), trusted);
    }
}
