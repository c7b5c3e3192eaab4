package io.leadflow.servicekit;

import io.leadflow.schemas.kafka.AvroSerdes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/**
 * {@link AvroSerdes} configured with the Kafka Streams settings (which name the cluster whose registry topic they
 * use), one per Avro type. Kafka Streams neither configures nor closes serdes handed to the DSL, so this class does both.
 */
public final class ConfiguredAvroSerdes implements AutoCloseable {

    private final Map<String, Object> settings;
    private final Map<Class<?>, Serde<?>> serdes = new ConcurrentHashMap<>();

    public ConfiguredAvroSerdes(Map<String, Object> settings) {
        this.settings = Map.copyOf(settings);
    }

    @SuppressWarnings("unchecked")
    public <T extends SpecificRecord> Serde<T> serde(Class<T> type) {
        return (Serde<T>) serdes.computeIfAbsent(type, key -> {
            Serde<T> serde = AvroSerdes.of(type);
            serde.configure(settings, false);
            return serde;
        });
    }

    @Override
    public void close() {
        serdes.values().forEach(Serde::close);
        serdes.clear();
    }
}
