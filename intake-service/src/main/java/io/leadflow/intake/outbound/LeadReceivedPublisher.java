package io.leadflow.intake.outbound;

import io.leadflow.flow.FlowCatalog;
import io.leadflow.flow.Lead;
import io.leadflow.flow.LeadStop;
import io.leadflow.flow.SealedFields;
import io.leadflow.intake.config.IntakeProperties;
import io.leadflow.intake.domain.LeadPublisher;
import io.leadflow.integration.TypedValue;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.intake.LeadReceived;
import io.leadflow.schemas.kafka.KafkaSchemaRegistry;
import io.leadflow.servicekit.Contracts;
import io.leadflow.servicekit.EventIds;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes {@code LeadReceived} to {@code intake.lead-received}, keyed by lead id, and reports success only once the
 * broker acknowledged it (acks=all). Sensitive fields (ssn, credential) leave sealed. At start it fetches the topic's
 * metadata, registers the schema and checks the sealing key, so a send on the request path never waits for either.
 */
@Component
public class LeadReceivedPublisher implements LeadPublisher, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LeadReceivedPublisher.class);

    private final KafkaTemplate<String, LeadReceived> kafka;
    private final SealedFields sealedFields;
    private final FlowCatalog flows;
    private final Duration publishTimeout;
    private final String fieldKeySecret;
    private volatile boolean running;

    public LeadReceivedPublisher(KafkaTemplate<String, LeadReceived> kafka, SealedFields sealedFields,
                                 FlowCatalog flows, IntakeProperties properties) {
        this.kafka = kafka;
        this.sealedFields = sealedFields;
        this.flows = flows;
        this.publishTimeout = properties.publishTimeout();
        this.fieldKeySecret = properties.fieldKeySecret();
    }

    @Override
    public CompletableFuture<Void> publish(Lead lead, LeadStop rejection) {
        CompletableFuture<Void> stored;
        try {
            Map<String, TypedValue> fields = sealedFields.seal(lead.id(), lead.fields(), fieldKeySecret);
            LeadReceived event = LeadReceived.newBuilder()
                    .setMetadata(Contracts.metadata(EventIds.derived("lead-received", lead.id()), lead.id(), null,
                            lead.submittedAt()))
                    .setLeadId(lead.id())
                    .setFlowId(lead.flowId())
                    .setFlowRevision(lead.flowRevision())
                    .setSourceId(lead.sourceId())
                    .setSubmittedAt(lead.submittedAt())
                    .setFields(Contracts.toAvroFields(fields))
                    .setRejection(Contracts.toAvro(rejection))
                    .build();
            stored = kafka.send(Topics.LEAD_RECEIVED, lead.id(), event).thenApply(result -> null);
        } catch (RuntimeException e) {
            stored = CompletableFuture.failedFuture(e);
        }
        return stored.orTimeout(publishTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((done, failure) -> {
                    if (failure != null) {
                        log.warn("Lead {} was not stored (acknowledgement awaited for {}): {}", lead.id(), publishTimeout,
                                failure.toString());
                    }
                });
    }

    @Override
    public void start() {
        if (SealedFields.anySealedField(flows)) {
            // A flow with ssn or credential fields cannot take a lead without the key: refuse to start instead.
            sealedFields.requireKey(fieldKeySecret);
        }
        kafka.partitionsFor(Topics.LEAD_RECEIVED);
        KafkaSchemaRegistry registry = KafkaSchemaRegistry.acquire(kafka.getProducerFactory().getConfigurationProperties());
        try {
            registry.register(LeadReceived.getClassSchema());
        } finally {
            registry.release();
        }
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Ready before the web server takes requests. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }
}
