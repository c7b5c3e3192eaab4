package io.leadflow.delivery.config;

import io.leadflow.delivery.domain.Workbench;
import io.leadflow.integration.IntegrationCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The integration workbench over the catalog of installed integrations. */
@Configuration(proxyBeanMethods = false)
class WorkbenchConfiguration {

    @Bean
    Workbench workbench(IntegrationCatalog integrations) {
        return new Workbench(integrations);
    }
}
