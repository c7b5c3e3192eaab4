package io.leadflow.enhancement.outbound;

import io.leadflow.enhancement.domain.ListSpec;
import io.leadflow.enhancement.inbound.ListsTopology;
import io.leadflow.schemas.lists.ListDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;

/**
 * The list definitions this instance holds (Kafka Streams' global table of {@code lists.definitions}, complete on
 * every instance). Throws {@link InvalidStateStoreException} while Kafka Streams is not running (starting, restoring).
 */
public final class ListDirectory {

    private final StreamsBuilderFactoryBean streams;

    public ListDirectory(StreamsBuilderFactoryBean streams) {
        this.streams = streams;
    }

    public Optional<ListSpec> find(String name) {
        return Optional.ofNullable(store().get(name)).map(ListDirectory::spec);
    }

    public List<ListSpec> all() {
        List<ListSpec> lists = new ArrayList<>();
        try (KeyValueIterator<String, ListDefinition> all = store().all()) {
            all.forEachRemaining(entry -> lists.add(spec(entry.value)));
        }
        lists.sort(Comparator.comparing(ListSpec::name));
        return lists;
    }

    private ReadOnlyKeyValueStore<String, ListDefinition> store() {
        KafkaStreams kafkaStreams = streams.getKafkaStreams();
        if (kafkaStreams == null) {
            throw new InvalidStateStoreException("Kafka Streams is not started");
        }
        return kafkaStreams.store(StoreQueryParameters.fromNameAndType(ListsTopology.DEFINITIONS,
                QueryableStoreTypes.keyValueStore()));
    }

    private static ListSpec spec(ListDefinition definition) {
        return new ListSpec(definition.getName(), definition.getGeneration(),
                definition.getTtlSeconds() > 0 ? Duration.ofSeconds(definition.getTtlSeconds()) : null,
                definition.getSecretReference(), definition.getCreatedAt());
    }
}
