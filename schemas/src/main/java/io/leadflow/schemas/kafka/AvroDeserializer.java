package io.leadflow.schemas.kafka;

import io.leadflow.schemas.Topics;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.MissingSchemaException;
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

    private final Class<T> readerType;
    private final Map<Class<?>, BinaryMessageDecoder<T>> decoders = new ConcurrentHashMap<>();
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
        try {
            return decoder(topic).decode(new ByteArrayInputStream(data), null);
        } catch (MissingSchemaException e) {
            throw new UnknownSchemaException(topic, fingerprintOf(data));
        } catch (BadHeaderException e) {
            throw new SerializationException("Record on " + topic + " is not Avro single-object encoded: "
                    + e.getMessage());
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
    private BinaryMessageDecoder<T> decoder(String topic) {
        Class<? extends SpecificRecord> type = readerType != null ? readerType
                : Topics.eventTopic(topic).map(Topics.EventTopic::valueType).orElseThrow(() ->
                        new SerializationException("No Avro value type is known for topic " + topic));
        return decoders.computeIfAbsent(type, key -> {
            SpecificData model = SpecificData.getForClass(key);
            var schema = model.getSchema(key);
            registry.remember(schema);
            return new BinaryMessageDecoder<>(model, schema, registry);
        });
    }

    private static long fingerprintOf(byte[] data) {
        if (data.length < 10) {
            return 0L;
        }
        return ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }
}
