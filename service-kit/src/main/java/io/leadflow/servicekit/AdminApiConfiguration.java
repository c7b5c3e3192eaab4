package io.leadflow.servicekit;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** One admin-token guard for the admin APIs of every service ({@link AdminTokenFilter}). */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(LeadflowProperties.class)
public class AdminApiConfiguration {

    @Bean
    AdminTokenFilter adminTokenFilter(LeadflowProperties properties) {
        return new AdminTokenFilter(properties.adminToken());
    }
}
