package io.leadflow.intake.config;

import io.leadflow.flow.FlowCatalog;
import io.leadflow.intake.domain.CompletionWaits;
import io.leadflow.intake.domain.LeadIds;
import io.leadflow.intake.domain.LeadIntake;
import io.leadflow.intake.domain.LeadPublisher;
import io.leadflow.intake.inbound.IntakeResponses;
import io.leadflow.intake.inbound.SubmissionParser;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires intake's plain-Java domain to the flows, the clock and the Kafka publisher. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
public class IntakeConfiguration {

    @Bean
    CompletionWaits completionWaits() {
        return new CompletionWaits();
    }

    @Bean
    LeadIntake leadIntake(FlowCatalog flows, LeadPublisher publisher, CompletionWaits completions, Clock clock) {
        return new LeadIntake(flows, new LeadIds(clock, new SecureRandom()), publisher, completions, clock);
    }

    @Bean
    SubmissionParser submissionParser() {
        return new SubmissionParser();
    }

    @Bean
    IntakeResponses intakeResponses() {
        return new IntakeResponses();
    }
}
