package io.leadflow.feedback.inbound;

import io.leadflow.feedback.domain.FeedbackDecision;
import io.leadflow.feedback.domain.FeedbackMatcher;
import io.leadflow.feedback.domain.LeadEvent;
import io.leadflow.feedback.domain.LeadRecord;
import io.leadflow.feedback.outbound.FeedbackDecisionEvents;
import io.leadflow.schemas.Topics;
import io.leadflow.schemas.delivery.DeliveryAttempted;
import io.leadflow.schemas.delivery.LeadCompleted;
import io.leadflow.schemas.enhancement.LeadEnhanced;
import io.leadflow.schemas.feedback.FeedbackMatched;
import io.leadflow.schemas.feedback.FeedbackReceived;
import io.leadflow.schemas.feedback.FeedbackRejected;
import io.leadflow.schemas.intake.LeadReceived;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The service's Kafka Streams topology: the five lead topics (all keyed by lead id and co-partitioned) merged into
 * one keyed processor with one store of lead records; its feedback decisions go to the matched or rejected topic.
 */
public final class LeadStreamTopology {

    /** The state store of lead records, by lead id; queried for the timeline. */
    public static final String LEAD_RECORDS = "lead-records";

    private final FeedbackMatcher matcher;
    private final FeedbackDecisionEvents decisionEvents;
    private final AvroSerdeFactory avro;
    private final Serde<LeadRecord> records;

    public LeadStreamTopology(FeedbackMatcher matcher, FeedbackDecisionEvents decisionEvents, AvroSerdeFactory avro,
                              Serde<LeadRecord> records) {
        this.matcher = matcher;
        this.decisionEvents = decisionEvents;
        this.avro = avro;
        this.records = records;
    }

    public void define(StreamsBuilder builder) {
        // The record cache keeps a lead's latest record until the next commit: several updates of one lead in a
        // commit interval reach RocksDB and the changelog once. Under exactly-once the cache is flushed before the
        // transaction commits, and interactive queries read through it, so the timeline sees every update at once.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEAD_RECORDS),
                Serdes.String(), records).withCachingEnabled());
        KStream<String, LeadEvent> events = source(builder, Topics.LEAD_RECEIVED, LeadReceived.class,
                LeadEventMapping::received)
                .merge(source(builder, Topics.LEAD_ENHANCED, LeadEnhanced.class, LeadEventMapping::enhanced))
                .merge(source(builder, Topics.DELIVERY_ATTEMPTED, DeliveryAttempted.class, LeadEventMapping::attempted))
                .merge(source(builder, Topics.LEAD_COMPLETED, LeadCompleted.class, LeadEventMapping::completed))
                .merge(source(builder, Topics.FEEDBACK_RECEIVED, FeedbackReceived.class, LeadEventMapping::feedback));
        KStream<String, FeedbackDecision> decisions =
                events.process(() -> new LeadRecordProcessor(matcher), Named.as("lead-events"), LEAD_RECORDS);
        decisions.filter((leadId, decision) -> decision.matched())
                .mapValues(decisionEvents::matched)
                .to(Topics.FEEDBACK_MATCHED, Produced.with(Serdes.String(), avro.serde(FeedbackMatched.class)));
        decisions.filterNot((leadId, decision) -> decision.matched())
                .mapValues(decisionEvents::rejected)
                .to(Topics.FEEDBACK_REJECTED, Produced.with(Serdes.String(), avro.serde(FeedbackRejected.class)));
    }

    private <T extends SpecificRecord> KStream<String, LeadEvent> source(StreamsBuilder builder, String topic,
                                                                         Class<T> type, Function<T, LeadEvent> read) {
        return builder.stream(topic, Consumed.with(Serdes.String(), avro.serde(type)))
                .filter((leadId, event) -> leadId != null && event != null)
                .mapValues(read::apply);
    }
}
