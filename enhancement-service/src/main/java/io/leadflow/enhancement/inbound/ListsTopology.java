package io.leadflow.enhancement.inbound;

import io.leadflow.schemas.Topics;
import io.leadflow.schemas.lists.ListCommand;
import io.leadflow.schemas.lists.ListDecision;
import io.leadflow.schemas.lists.ListDefinition;
import io.leadflow.schemas.lists.ListEntry;
import io.leadflow.servicekit.ConfiguredAvroSerdes;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The lists' Kafka Streams topology (application id {@code leadflow-lists}): every instance holds all list
 * definitions (a global table of {@code lists.definitions}); commands, keyed by {@code <list>/<hash>}, are decided one
 * at a time per key by {@link ListCommandProcessor} against the {@code entries} store, whose compacted changelog is
 * {@link Topics#LIST_ENTRIES}; answers go to {@code lists.decisions}.
 */
public final class ListsTopology {

    public static final String ENTRIES = "entries";
    public static final String DEFINITIONS = "list-definitions";

    private final ConfiguredAvroSerdes avro;
    private final Duration sweepInterval;
    private final Clock clock;

    /** {@code clock} tells the sweep what time it is (every {@code sweepInterval} of wall-clock time). */
    public ListsTopology(ConfiguredAvroSerdes avro, Duration sweepInterval, Clock clock) {
        this.avro = avro;
        this.sweepInterval = sweepInterval;
        this.clock = clock;
    }

    public void define(StreamsBuilder builder) {
        builder.globalTable(Topics.LIST_DEFINITIONS, Consumed.with(Serdes.String(), avro.serde(ListDefinition.class)),
                Materialized.<String, ListDefinition, KeyValueStore<Bytes, byte[]>>as(DEFINITIONS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(avro.serde(ListDefinition.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTRIES),
                Serdes.String(), avro.serde(ListEntry.class)));
        builder.stream(Topics.LIST_COMMANDS, Consumed.with(Serdes.String(), avro.serde(ListCommand.class)))
                .filter((key, command) -> key != null && command != null)
                .process(() -> new ListCommandProcessor(sweepInterval, clock), Named.as("list-commands"), ENTRIES)
                .to(Topics.LIST_DECISIONS, Produced.with(Serdes.String(), avro.serde(ListDecision.class)));
    }
}
