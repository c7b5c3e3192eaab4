package io.leadflow.schemas.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes Avro records with Avro's single-object encoding (2-byte marker, 8-byte schema fingerprint, binary body),
 * registering each schema on the registry topic before the first record that uses it. The bytes are those of Avro's
 * {@code BinaryMessageEncoder}, written through a buffered encoder into a per-thread scratch buffer: on the request
 * path of intake, Avro's own encoder (unbuffered, into a synchronized stream) cost more than the record's content.
 * Lead fields and dynamic values are written by {@link LeadDatumWriter}.
 */
public class AvroSerializer<T extends SpecificRecord> implements Serializer<T> {

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    private final Map<Schema, RecordWriter<T>> writers = new ConcurrentHashMap<>();
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
        RecordWriter<T> writer = writers.get(schema);
        if (writer == null) {
            // Once per schema and serializer: registering normalises and fingerprints the whole schema.
            registry.register(schema);
            writer = writers.computeIfAbsent(schema, RecordWriter::new);
        }
        Scratch scratch = SCRATCH.get();
        try {
            return scratch.write(writer, record);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not encode " + schema.getFullName() + " for " + topic, e);
        }
    }

    @Override
    public void close() {
        if (registry != null) {
            registry.release();
            registry = null;
        }
    }

    /** The single-object header of one schema and the datum writer for its records. */
    private static final class RecordWriter<T> {

        private final byte[] header;
        private final LeadDatumWriter<T> datumWriter;

        RecordWriter(Schema schema) {
            long fingerprint = KafkaSchemaRegistry.fingerprint(schema);
            header = new byte[10];
            header[0] = (byte) 0xC3;
            header[1] = (byte) 0x01;
            for (int i = 0; i < Long.BYTES; i++) {
                header[2 + i] = (byte) (fingerprint >>> (8 * i));
            }
            datumWriter = new LeadDatumWriter<>(schema);
        }
    }

    /** One thread's growing byte buffer and buffered encoder, reused record after record. */
    private static final class Scratch extends OutputStream {

        private static final int INITIAL_BYTES = 4096;
        /** A buffer grown beyond this by one large record is not kept for the next. */
        private static final int KEPT_BYTES = 1 << 20;

        private byte[] bytes = new byte[INITIAL_BYTES];
        private int length;
        private BinaryEncoder encoder;

        <T> byte[] write(RecordWriter<T> writer, T record) throws IOException {
            length = 0;
            write(writer.header, 0, writer.header.length);
            encoder = EncoderFactory.get().binaryEncoder(this, encoder);
            writer.datumWriter.write(record, encoder);
            encoder.flush();
            byte[] written = Arrays.copyOf(bytes, length);
            if (bytes.length > KEPT_BYTES) {
                bytes = new byte[INITIAL_BYTES];
            }
            return written;
        }

        @Override
        public void write(int b) {
            ensureRoom(1);
            bytes[length++] = (byte) b;
        }

        @Override
        public void write(byte[] source, int offset, int count) {
            ensureRoom(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        private void ensureRoom(int count) {
            if (length + count > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + count));
            }
        }
    }
}
