package io.leadflow.schemas.kafka;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records with Avro's single-object encoding (2-byte marker, 8-byte schema fingerprint, binary body),
 * registering each schema on the registry topic before the first record that uses it.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final Map<Schema, BinaryMessageEncoder<T>> encoders = new ConcurrentHashMap<>();
    private KafkaSchemaRegistry registry;

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry = KafkaSchemaRegistry.acquire(configs);
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        Schema schema = record.getSchema();
        BinaryMessageEncoder<T> encoder = encoders.get(schema);
        if (encoder == null) {
            // Once per schema and serializer: registering normalises and fingerprints the whole schema.
            registry.register(schema);
            encoder = encoders.computeIfAbsent(schema, key -> new BinaryMessageEncoder<>(SpecificData.getForSchema(key), key));
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try {
            encoder.encode(record, bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not encode " + schema.getFullName() + " for " + topic, e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.release();
            registry = null;
        }
    }
}
