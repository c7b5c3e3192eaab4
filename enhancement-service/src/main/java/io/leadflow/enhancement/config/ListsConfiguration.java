package io.leadflow.enhancement.config;

import io.leadflow.enhancement.domain.ListAnswer;
import io.leadflow.enhancement.domain.ListKeys;
import io.leadflow.enhancement.inbound.ListsTopology;
import io.leadflow.enhancement.outbound.ListCommands;
import io.leadflow.enhancement.outbound.ListDirectory;
import io.leadflow.enhancement.outbound.ListMetrics;
import io.leadflow.flow.References;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.lists.ListDecision;
import io.leadflow.servicekit.ConfiguredAvroSerdes;
import io.leadflow.servicekit.LeadflowProperties;
import io.leadflow.servicekit.PendingReplies;
import io.leadflow.servicekit.ReplyListener;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The suppression and duplicate lists: their topics, the Kafka Streams topology under Spring's lifecycle (Boot
 * builds the settings from {@code spring.kafka.streams.*}), the decision listener and the API's collaborators.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
@EnableConfigurationProperties(ListsProperties.class)
class ListsConfiguration {

    /** Definitions are compacted (the latest per list is the list); decisions are only needed for a few minutes. */
    @Bean
    KafkaAdmin.NewTopics listTopics(LeadflowProperties properties) {
        int partitions = properties.kafka().partitions();
        short replicas = properties.kafka().replicationFactor();
        return new KafkaAdmin.NewTopics(
                TopicBuilder.name(Topics.LIST_DEFINITIONS).partitions(partitions).replicas(replicas).compact().build(),
                TopicBuilder.name(Topics.LIST_COMMANDS).partitions(partitions).replicas(replicas).build(),
                TopicBuilder.name(Topics.LIST_DECISIONS).partitions(partitions).replicas(replicas)
                        .config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(3_600_000)).build());
    }

    @Bean(destroyMethod = "close")
    ConfiguredAvroSerdes listSerdes(
            @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME) KafkaStreamsConfiguration streams) {
        Map<String, Object> settings = new HashMap<>();
        streams.asProperties().forEach((key, value) -> settings.put(key.toString(), value));
        return new ConfiguredAvroSerdes(settings);
    }

    @Bean
    ListsTopology listsTopology(StreamsBuilder builder, ConfiguredAvroSerdes serdes, ListsProperties properties,
                                Clock clock) {
        ListsTopology topology = new ListsTopology(serdes, properties.sweepInterval(), clock);
        topology.define(builder);
        return topology;
    }

    /** A command that cannot be decoded is logged and skipped; it was never answered, so its caller times out. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer listStreamsSettings() {
        return factoryBean -> {
            Properties settings = factoryBean.getStreamsConfiguration();
            settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    LogAndContinueExceptionHandler.class);
            factoryBean.setStreamsConfiguration(settings);
        };
    }

    @Bean
    PendingReplies<ListAnswer> pendingListAnswers() {
        return new PendingReplies<>();
    }

    @Bean
    ReplyListener<ListAnswer> listDecisionListener(KafkaProperties kafka, PendingReplies<ListAnswer> pending) {
        return new ReplyListener<>(kafka, List.of(Topics.LIST_DECISIONS), ListDecision.class,
                "leadflow-list-decisions", record -> {
            ListDecision decision = (ListDecision) record;
            return Map.entry(decision.getCommandId(), new ListAnswer(decision.getList(), decision.getFound(),
                    decision.getAdded(), decision.getAddedAt()));
        }, pending);
    }

    @Bean
    ListDirectory listDirectory(StreamsBuilderFactoryBean streams) {
        return new ListDirectory(streams);
    }

    @Bean
    ListCommands listCommands(KafkaTemplate<String, SpecificRecord> kafka) {
        return new ListCommands(kafka);
    }

    @Bean
    ListKeys listKeys(References references, ListsProperties properties) {
        return new ListKeys(references::resolve, properties.secret());
    }

    @Bean
    ListMetrics listMetrics(MeterRegistry registry) {
        return new ListMetrics(registry);
    }
}
