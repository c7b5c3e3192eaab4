package io.leadflow.delivery.config;

import io.leadflow.delivery.domain.DeadLetterReplays;
import io.leadflow.delivery.domain.Deliverer;
import io.leadflow.delivery.domain.RecipientBatches;
import io.leadflow.delivery.domain.RetrySchedule;
import io.leadflow.delivery.inbound.DeliveryConsumer;
import io.leadflow.delivery.inbound.PartitionEpochs;
import io.leadflow.delivery.outbound.DeadLetterArchive;
import io.leadflow.delivery.outbound.DeliveryJournal;
import io.leadflow.delivery.outbound.DeliveryMetrics;
import io.leadflow.delivery.outbound.ProgressStore;
import io.leadflow.delivery.outbound.RecipientGuards;
import io.leadflow.delivery.outbound.RetryAfterCapture;
import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.References;
import io.leadflow.flow.run.FlowRunner;
import io.leadflow.flow.run.OutboundHttp;
import io.leadflow.flow.run.StepMetrics;
import io.leadflow.flow.run.StepRunner;
import io.leadflow.integration.IntegrationCatalog;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.LeadProgress;
import io.leadflow.schemas.kafka.AvroDeserializer;
import io.leadflow.schemas.kafka.AvroSerializer;
import io.leadflow.servicekit.LeadflowProperties;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Wires delivery: the flow engine behind the recipients' guards, the transactional journal, the progress store and
 * the consumer that keeps deliveries in flight; and creates delivery's own topics.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeliveryProperties.class)
class DeliveryConfiguration {

    @Bean
    KafkaAdmin.NewTopics deliveryTopics(LeadflowProperties leadflow) {
        List<NewTopic> topics = new ArrayList<>();
        for (Topics.EventTopic topic : Topics.DELIVERY_STATE_TOPICS) {
            TopicBuilder builder = TopicBuilder.name(topic.name())
                    .partitions(leadflow.kafka().partitions())
                    .replicas(leadflow.kafka().replicationFactor());
            if (topic.name().equals(Topics.LEAD_PROGRESS)) {
                builder.config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
            }
            topics.add(builder.build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    @Bean
    PartitionEpochs partitionEpochs() {
        return new PartitionEpochs();
    }

    @Bean
    RetryAfterCapture retryAfterCapture(OutboundHttp http, Clock clock) {
        return new RetryAfterCapture(http, clock);
    }

    @Bean(destroyMethod = "close")
    RecipientGuards recipientGuards(DeliveryProperties properties, RetryAfterCapture retryAfter,
                                    MeterRegistry registry, Clock clock) {
        DeliveryProperties.CircuitBreaker breaker = properties.circuitBreaker();
        return new RecipientGuards(new RecipientGuards.BreakerSettings(breaker.failureRateThreshold(),
                breaker.slidingWindowSize(), breaker.minimumNumberOfCalls(), breaker.waitInOpenState(),
                breaker.permittedCallsInHalfOpenState()), retryAfter, registry, clock);
    }

    @Bean
    ProgressStore progressStore(KafkaProperties kafka, DeliveryProperties properties, Clock clock) {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000);
        return new ProgressStore(() -> {
            AvroDeserializer<LeadProgress> values = new AvroDeserializer<>(LeadProgress.class);
            values.configure(settings, false);
            return new KafkaConsumer<>(settings, new StringDeserializer(), values);
        }, () -> Admin.create(kafka.buildAdminProperties()), properties.dedupWindow(),
                properties.transactionTimeout().plusSeconds(5), clock);
    }

    @Bean(destroyMethod = "close")
    DeliveryJournal deliveryJournal(KafkaProperties kafka, DeliveryProperties properties, PartitionEpochs epochs,
                                    ProgressStore progress, DeliveryMetrics metrics, Clock clock) {
        Map<String, Object> settings = kafka.buildProducerProperties();
        settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, properties.transactionalId());
        settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) properties.transactionTimeout().toMillis());
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        // A broker that is away must not block a send (or the transaction's end) for the default minute.
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return new DeliveryJournal(() -> {
            AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
            values.configure(settings, false);
            return new KafkaProducer<>(settings, new StringSerializer(), values);
        }, epochs::isCurrent, progress, metrics, clock);
    }

    @Bean
    FlowRunner deliveryRunner(IntegrationCatalog integrations, RetryAfterCapture http, References references,
                              Clock clock, MeterRegistry registry) {
        StepRunner steps = new StepRunner(integrations, http, references, clock);
        return new FlowRunner(steps, new StepMetrics(registry, "delivery"), clock);
    }

    @Bean(destroyMethod = "close")
    RecipientBatches recipientBatches(FlowRunner deliveryRunner, MeterRegistry registry) {
        DistributionSummary sizes = DistributionSummary.builder("leadflow.delivery.batch.size")
                .description("Leads per bulk request of batching recipient steps").register(registry);
        return new RecipientBatches(deliveryRunner, sizes::record);
    }

    @Bean
    Deliverer deliverer(FlowCatalog flows, FlowRunner deliveryRunner, RecipientBatches batches,
                        RecipientGuards guards, DeliveryJournal journal, ProgressStore progress, Clock clock) {
        RetrySchedule schedule = new RetrySchedule(bound -> ThreadLocalRandom.current().nextLong(bound + 1));
        return new Deliverer(flows, deliveryRunner, guards, journal, progress, schedule, batches, clock);
    }

    @Bean
    DeadLetterReplays deadLetterReplays(KafkaProperties kafka, DeliveryJournal journal, Clock clock) {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.remove(ConsumerConfig.GROUP_ID_CONFIG);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
        values.configure(settings, false);
        return new DeadLetterReplays(new DeadLetterArchive(() -> {
            AvroDeserializer<SpecificRecord> readerValues = new AvroDeserializer<>();
            readerValues.configure(settings, false);
            return new KafkaConsumer<>(settings, new StringDeserializer(), readerValues);
        }, values, journal, clock), clock);
    }

    @Bean
    DeliveryConsumer deliveryConsumer(KafkaProperties kafka, DeliveryProperties properties, Deliverer deliverer,
                                      DeliveryJournal journal, ProgressStore progress, PartitionEpochs epochs,
                                      MeterRegistry registry, Clock clock) {
        Map<String, Object> settings = kafka.buildConsumerProperties();
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // The enhanced leads and the retries of partition n must go to the same instance: it owns lead progress n.
        settings.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        AvroDeserializer<SpecificRecord> values = new AvroDeserializer<>();
        values.configure(settings, false);
        return new DeliveryConsumer(() -> new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer()), values, deliverer, journal, progress, epochs,
                new DeliveryConsumer.Limits(properties.maxInFlight(), properties.maxQueued(),
                        properties.revokeGrace()), registry, clock);
    }
}
