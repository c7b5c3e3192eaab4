package io.leadflow.feedback.config;

import io.leadflow.feedback.domain.FeedbackMatcher;
import io.leadflow.feedback.inbound.LeadStreamTopology;
import io.leadflow.feedback.outbound.FeedbackDecisionEvents;
import io.leadflow.feedback.outbound.LeadRecordBinary;
import io.leadflow.feedback.outbound.LeadRecordJson;
import io.leadflow.feedback.outbound.LeadRecordQuery;
import io.leadflow.flow.Flow;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.servicekit.ConfiguredAvroSerdes;
import io.leadflow.servicekit.LeadflowProperties;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.annotation.KafkaStreamsDefaultConfiguration;
import org.springframework.kafka.config.KafkaStreamsConfiguration;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.streams.RecoveringDeserializationExceptionHandler;

/**
 * Kafka Streams under Spring's lifecycle: Boot builds the streams settings from {@code spring.kafka.streams.*} and
 * adds its Micrometer listener to the {@code StreamsBuilderFactoryBean}; this class adds the topology, the
 * advertised {@code application.server} and the dead-letter route for records that cannot be decoded.
 */
@Configuration(proxyBeanMethods = false)
@EnableKafkaStreams
class FeedbackStreamsConfiguration {

    @Bean(destroyMethod = "close")
    ConfiguredAvroSerdes avroSerdes(
            @Qualifier(KafkaStreamsDefaultConfiguration.DEFAULT_STREAMS_CONFIG_BEAN_NAME) KafkaStreamsConfiguration streams) {
        Map<String, Object> settings = new HashMap<>();
        streams.asProperties().forEach((key, value) -> settings.put(key.toString(), value));
        return new ConfiguredAvroSerdes(settings);
    }

    @Bean
    LeadRecordJson leadRecordJson() {
        return new LeadRecordJson();
    }

    @Bean
    FeedbackMatcher feedbackMatcher(FlowCatalog flows) {
        return new FeedbackMatcher(flows.all().stream()
                .filter(flow -> !flow.feedbackKeys().isEmpty())
                .map(Flow::id)
                .collect(Collectors.toSet()));
    }

    @Bean
    LeadStreamTopology leadStreamTopology(StreamsBuilder builder, FeedbackMatcher matcher, Clock clock,
                                          ConfiguredAvroSerdes avroSerdes, LeadRecordJson json) {
        LeadStreamTopology topology = new LeadStreamTopology(matcher, new FeedbackDecisionEvents(clock),
                avroSerdes::serde, new LeadRecordBinary(json).serde());
        topology.define(builder);
        return topology;
    }

    @Bean
    LeadRecordQuery leadRecordQuery(StreamsBuilderFactoryBean streams, FeedbackProperties properties) {
        return new LeadRecordQuery(streams, properties.advertisedInstance());
    }

    @Bean(destroyMethod = "close")
    StreamsDeadLetters streamsDeadLetters(KafkaProperties kafka, LeadflowProperties leadflow) {
        return new StreamsDeadLetters(kafka.buildProducerProperties(), leadflow.deadLetterTopic());
    }

    /** Advertises this instance for timeline forwarding; undecodable records go to the dead-letter topic, same partition. */
    @Bean
    StreamsBuilderFactoryBeanConfigurer feedbackStreamsSettings(FeedbackProperties properties,
                                                               StreamsDeadLetters deadLetters) {
        return factoryBean -> {
            Properties settings = factoryBean.getStreamsConfiguration();
            HostInfo self = properties.advertisedInstance();
            settings.put(StreamsConfig.APPLICATION_SERVER_CONFIG, self.host() + ":" + self.port());
            settings.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                    RecoveringDeserializationExceptionHandler.class);
            settings.put(RecoveringDeserializationExceptionHandler.KSTREAM_DESERIALIZATION_RECOVERER,
                    deadLetters.recoverer());
            factoryBean.setStreamsConfiguration(settings);
        };
    }
}
