package io.leadflow.feedback.outbound;

import io.leadflow.feedback.domain.LeadRecord;
import io.leadflow.feedback.inbound.LeadStreamTopology;
import java.net.URI;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * Reads a lead's record from the Kafka Streams store (an interactive query). The record lives on the instance that
 * owns the lead's partition; when that is another instance, the answer says where it is.
 */
public class LeadRecordQuery {

    private final StreamsBuilderFactoryBean streams;
    private final HostInfo self;

    /** {@code self}: this instance's {@code application.server}. */
    public LeadRecordQuery(StreamsBuilderFactoryBean streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** What a lookup found. */
    public sealed interface Lookup permits Found, Missing, Unavailable, Elsewhere {
    }

    public record Found(LeadRecord record) implements Lookup {
    }

    public record Missing() implements Lookup {
    }

    /** The store cannot answer now (starting, rebalancing, restoring); the caller may retry shortly. */
    public record Unavailable() implements Lookup {
    }

    /** Another instance owns the lead's partition. */
    public record Elsewhere(URI owner) implements Lookup {
    }

    /** Blocks briefly on the local store; {@code mayForward} false when the query was already forwarded once. */
    public Lookup find(String leadId, boolean mayForward) {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null || kafkaStreams.state() != KafkaStreams.State.RUNNING) {
            return new Unavailable();
        }
        try {
            KeyQueryMetadata owner = kafkaStreams.queryMetadataForKey(LeadStreamTopology.LEAD_RECORDS, leadId,
                    Serdes.String().serializer());
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                return new Unavailable();
            }
            if (!self.equals(owner.activeHost())) {
                return mayForward ? new Elsewhere(URI.create("http://" + owner.activeHost().host() + ":"
                        + owner.activeHost().port())) : new Unavailable();
            }
            ReadOnlyKeyValueStore<String, LeadRecord> store = kafkaStreams.store(StoreQueryParameters
                    .fromNameAndType(LeadStreamTopology.LEAD_RECORDS, QueryableStoreTypes.<String, LeadRecord>keyValueStore())
                    .withPartition(owner.partition()));
            LeadRecord record = store.get(leadId);
            return record == null || !record.hasLead() ? new Missing() : new Found(record);
        } catch (InvalidStateStoreException e) {
            return new Unavailable();
        }
    }
}
