package io.leadflow.intake.config;

import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.IpRange;
import io.leadflow.flow.References;
import io.leadflow.flow.SealedFields;
import io.leadflow.intake.domain.CompletionWaits;
import io.leadflow.intake.domain.IdempotencyKeys;
import io.leadflow.intake.domain.LeadIds;
import io.leadflow.intake.domain.LeadIntake;
import io.leadflow.intake.domain.LeadPublisher;
import io.leadflow.intake.domain.SourceGuard;
import io.leadflow.intake.inbound.DefaultInbound;
import io.leadflow.intake.inbound.InboundAnswers;
import io.leadflow.schemas.Topics;
import io.leadflow.servicekit.LeadflowProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/** Wires intake's plain-Java domain to the flows, the clock, the Kafka publisher and the Idempotency-Key log. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IntakeProperties.class)
public class IntakeConfiguration {

    /** The Idempotency-Key log keeps a day of claims and an hour more, in hourly segments so old ones go soon. */
    private static final Duration IDEMPOTENCY_RETENTION = Duration.ofHours(25);

    @Bean
    CompletionWaits completionWaits() {
        return new CompletionWaits();
    }

    @Bean
    SourceGuard sourceGuard(FlowCatalog flows, References references, IntakeProperties properties) {
        List<IpRange> proxies = properties.trustedProxies().stream()
                .map(proxy -> IpRange.parse(proxy).orElseThrow(() -> new IllegalArgumentException(
                        "LEADFLOW_INTAKE_TRUSTED_PROXIES: '" + proxy + "' is not an IP address or CIDR range")))
                .toList();
        return new SourceGuard(flows, references, proxies);
    }

    @Bean
    LeadIntake leadIntake(FlowCatalog flows, SourceGuard guard, LeadPublisher publisher, CompletionWaits completions,
                          IdempotencyKeys idempotencyKeys, Clock clock, IntakeProperties properties) {
        return new LeadIntake(flows, guard, new LeadIds(clock, new PerThreadSecureRandom()), publisher, completions,
                idempotencyKeys, clock, properties.publishTimeout());
    }

    @Bean
    SealedFields sealedFields(References references) {
        return new SealedFields(references);
    }

    @Bean
    DefaultInbound defaultInbound() {
        return new DefaultInbound();
    }

    @Bean
    InboundAnswers inboundAnswers() {
        return new InboundAnswers();
    }

    @Bean
    NewTopic idempotencyKeysTopic(LeadflowProperties leadflow) {
        return TopicBuilder.name(Topics.IDEMPOTENCY_KEYS)
                .partitions(leadflow.kafka().partitions())
                .replicas(leadflow.kafka().replicationFactor())
                .configs(Map.of(
                        TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                        TopicConfig.RETENTION_MS_CONFIG, String.valueOf(IDEMPOTENCY_RETENTION.toMillis()),
                        TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(Duration.ofHours(1).toMillis())))
                .build();
    }
}
