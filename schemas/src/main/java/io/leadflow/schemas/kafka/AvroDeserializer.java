package io.leadflow.schemas.kafka;

import io.leadflow.schemas.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads single-object encoded Avro records into the reader's generated class: the class given, or else the value
 * type the {@link Topics} catalog names for the topic. A record written with a newer (or older) schema is resolved
 * against the writer's schema, looked up on the registry topic when this process does not know it; a fingerprint
 * found nowhere is an {@link UnknownSchemaException}, which the services route to their dead-letter topic.
 */
public class AvroDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    static {
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(type ->
                type.getName().startsWith("io.leadflow.schemas.") || previous.isTrusted(type));
    }

    private static final int HEADER_BYTES = 10;
    private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

    private final Class<T> readerType;
    private final Map<Class<?>, ReaderType<T>> readerTypes = new ConcurrentHashMap<>();
    private KafkaSchemaRegistry registry;

    /** Reads the value type the topic catalog names for each topic. */
    public AvroDeserializer() {
        this(null);
    }

    /** Reads every record as this type, whatever the topic (Kafka Streams' internal topics, for example). */
    public AvroDeserializer(Class<T> readerType) {
        this.readerType = readerType;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        registry = KafkaSchemaRegistry.acquire(configs);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length < HEADER_BYTES || data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
            throw new SerializationException("Record on " + topic + " is not Avro single-object encoded: it does not"
                    + " start with the marker C3 01 and an 8-byte schema fingerprint");
        }
        long fingerprint = fingerprintOf(data);
        DatumReader<T> datumReader = readerType(topic).readerFor(fingerprint, registry)
                .orElseThrow(() -> new UnknownSchemaException(topic, fingerprint));
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, HEADER_BYTES, data.length - HEADER_BYTES,
                DECODERS.get());
        DECODERS.set(decoder);
        try {
            return datumReader.read(null, decoder);
        } catch (IOException | AvroRuntimeException e) {
            throw new SerializationException("Record on " + topic + " could not be decoded: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.release();
            registry = null;
        }
    }

    @SuppressWarnings("unchecked")
    private ReaderType<T> readerType(String topic) {
        Class<? extends SpecificRecord> type = readerType != null ? readerType
                : Topics.eventTopic(topic).map(Topics.EventTopic::valueType).orElseThrow(() ->
                        new SerializationException("No Avro value type is known for topic " + topic));
        return readerTypes.computeIfAbsent(type, key -> {
            ReaderType<T> reader = new ReaderType<>(SpecificData.getForClass(key), (Class<T>) key);
            registry.remember(reader.schema);
            return reader;
        });
    }

    /** One generated class and a datum reader for each writer schema seen, by the schema's fingerprint. */
    private static final class ReaderType<T> {

        private final SpecificData model;
        private final Schema schema;
        private final Map<Long, DatumReader<T>> byWriterFingerprint = new ConcurrentHashMap<>();

        ReaderType(SpecificData model, Class<T> type) {
            this.model = model;
            this.schema = model.getSchema(type);
        }

        /** The reader for records written with this schema fingerprint; empty when the schema is found nowhere. */
        @SuppressWarnings("unchecked")
        Optional<DatumReader<T>> readerFor(long fingerprint, KafkaSchemaRegistry registry) {
            DatumReader<T> reader = byWriterFingerprint.get(fingerprint);
            if (reader == null) {
                // Outside computeIfAbsent: finding an unknown schema may read the registry topic.
                Schema writer = registry.findByFingerprint(fingerprint);
                if (writer == null) {
                    return Optional.empty();
                }
                reader = byWriterFingerprint.computeIfAbsent(fingerprint,
                        known -> (DatumReader<T>) model.createDatumReader(writer, schema));
            }
            return Optional.of(reader);
        }
    }

    private static long fingerprintOf(byte[] data) {
        return ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
